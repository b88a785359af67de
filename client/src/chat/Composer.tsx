import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { MAX_CHAT_TEXT } from '../../../shared/limits.ts';
import { useAppStore } from '../store/index.ts';
import { charactersLeft } from './chat-text.ts';
import { SendIcon } from './icons.tsx';

const INPUT_ID = 'chat-input';

/** Moves the focus to the question box, e.g. after "New chat". */
export function focusComposer(): void {
  document.getElementById(INPUT_ID)?.focus();
}

/** Enter sends, Shift+Enter breaks the line, Up in an empty box brings back the last question. */
export function Composer() {
  const [text, setText] = useState('');
  const sending = useAppStore((state) => state.pendingQuestion !== null);
  const lastQuestion = useAppStore((state) => state.lastQuestion);
  const sendChat = useAppStore((state) => state.sendChat);
  const dismissChatError = useAppStore((state) => state.dismissChatError);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const left = charactersLeft(text.length, MAX_CHAT_TEXT);
  const tooLong = left !== null && left < 0;
  const canSend = !sending && text.trim() !== '' && !tooLong;

  // Disabling the box while sending drops the focus, as does the sign-in form going away: when nothing
  // else has it, the focus comes (back) here.
  useEffect(() => {
    if (!sending && (document.activeElement === null || document.activeElement === document.body))
      inputRef.current?.focus();
  }, [sending]);

  const submit = async () => {
    if (!canSend) return;
    const question = text;
    setText('');
    const sent = await sendChat(question);
    // Failed: the question comes back, unless a new one is already being typed.
    if (!sent) setText((current) => (current === '' ? question : current));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'ArrowUp' && text === '' && lastQuestion !== null) {
      event.preventDefault();
      setText(lastQuestion);
    }
  };

  return (
    <form
      className="chat-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <textarea
        ref={inputRef}
        id={INPUT_ID}
        className="chat-composer__input"
        data-testid="chat-input"
        rows={2}
        value={text}
        disabled={sending}
        placeholder={sending ? 'Waiting for the answer…' : 'Ask about a market… (Enter to send)'}
        aria-label="Your question"
        aria-describedby="chat-input-help"
        aria-invalid={tooLong}
        onChange={(event) => {
          setText(event.target.value);
          dismissChatError();
        }}
        onKeyDown={onKeyDown}
      />
      <span id="chat-input-help" className="chat-visually-hidden">
        Enter sends, Shift+Enter starts a new line, Up arrow in an empty box recalls your last question.
      </span>
      <div className="chat-composer__bar">
        {left !== null ? (
          <span
            className="chat-composer__count"
            data-over={tooLong}
            aria-live="polite"
            data-testid="chat-count"
          >
            {tooLong ? `${-left} over the ${MAX_CHAT_TEXT}-character limit` : `${left} characters left`}
          </span>
        ) : (
          <span className="chat-composer__hint">Shift+Enter for a new line</span>
        )}
        <button
          type="submit"
          className="chat-primary-button chat-composer__send"
          disabled={!canSend}
          aria-label={sending ? 'Sending…' : 'Send'}
        >
          <SendIcon />
          Send
        </button>
      </div>
    </form>
  );
}
