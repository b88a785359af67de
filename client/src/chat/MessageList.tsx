import { useLayoutEffect, useRef } from 'react';
import type { ChatMessage } from '../../../shared/chat.ts';
import { useAppStore } from '../store/index.ts';
import { AnswerCard } from './AnswerCard.tsx';
import { useNow } from './use-now.ts';

const NO_MESSAGES: readonly ChatMessage[] = [];
const EXAMPLES = ["What's the price of BTC?", "What's the RSI of ETH on 15m?", 'Is SOL trending on 1h?'];

/** The open conversation, oldest first, with the question on its way and older pages on request. */
export function MessageList() {
  const activeId = useAppStore((state) => state.activeConversationId);
  const thread = useAppStore((state) => (activeId === null ? undefined : state.threads[activeId]));
  const pending = useAppStore((state) => state.pendingQuestion);
  const openConversation = useAppStore((state) => state.openConversation);
  const loadOlderMessages = useAppStore((state) => state.loadOlderMessages);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const seen = useRef({ first: '', last: '', height: 0 });

  const messages = thread?.messages ?? NO_MESSAGES;
  const pendingHere = pending !== null && pending.conversationId === activeId ? pending : null;
  const lastAnswerId = messages.findLast((m) => m.role === 'assistant')?.id;

  // New messages scroll into view; an older page keeps what is on screen where it was.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const first = messages[0]?.id ?? '';
    const last = `${activeId}:${messages.at(-1)?.id ?? ''}:${pendingHere?.requestId ?? ''}`;
    if (last !== seen.current.last) element.scrollTop = element.scrollHeight;
    else if (first !== seen.current.first) element.scrollTop += element.scrollHeight - seen.current.height;
    seen.current = { first, last, height: element.scrollHeight };
  }, [messages, activeId, pendingHere]);

  return (
    <div
      ref={scrollRef}
      className="chat-messages"
      role="log"
      aria-label="Messages"
      aria-live="polite"
      aria-busy={thread?.status === 'loading' || pendingHere !== null}
      data-testid="chat-messages"
    >
      {thread?.nextBefore != null && thread.status === 'ready' ? (
        <button
          type="button"
          className="chat-link-button chat-messages__older"
          disabled={thread.loadingOlder}
          onClick={() => activeId !== null && void loadOlderMessages(activeId)}
        >
          {thread.loadingOlder ? 'Loading earlier messages…' : 'Show earlier messages'}
        </button>
      ) : null}
      {thread?.status === 'loading' && messages.length === 0 ? (
        <p className="chat-panel__status" role="status">
          <span className="spinner" aria-hidden="true" /> Loading the conversation…
        </p>
      ) : null}
      {thread?.status === 'error' ? (
        <p className="chat-muted">
          Could not load this conversation.{' '}
          <button type="button" className="chat-link-button" onClick={() => openConversation(activeId)}>
            Retry
          </button>
        </p>
      ) : null}
      {activeId === null && pendingHere === null ? <Welcome /> : null}
      {messages.map((message) =>
        message.role === 'user' ? (
          <p key={message.id} className="chat-question" data-testid="chat-question">
            {message.text}
          </p>
        ) : (
          <AnswerCard
            key={message.id}
            message={message}
            now={now}
            withSuggestions={message.id === lastAnswerId}
          />
        ),
      )}
      {pendingHere !== null ? (
        <>
          <p className="chat-question chat-question--pending">{pendingHere.text}</p>
          <p className="chat-thinking" role="status">
            <span className="chat-thinking__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            Working it out…
          </p>
        </>
      ) : null}
    </div>
  );
}

function Welcome() {
  const sendChat = useAppStore((state) => state.sendChat);
  const sending = useAppStore((state) => state.pendingQuestion !== null);
  return (
    <div className="chat-welcome">
      <p>
        Ask about any market on the dashboard: prices, changes, indicators, trends, support and resistance,
        forecasts. Answers use the same data as the chart.
      </p>
      <div className="chat-suggestions" role="group" aria-label="Example questions">
        {EXAMPLES.map((example) => (
          <button
            key={example}
            type="button"
            className="chat-chip"
            disabled={sending}
            onClick={() => void sendChat(example)}
          >
            {example}
          </button>
        ))}
      </div>
    </div>
  );
}
