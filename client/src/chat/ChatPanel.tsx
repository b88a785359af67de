import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/index.ts';
import { AccountBar } from './AccountBar.tsx';
import { AuthForm } from './AuthForm.tsx';
import { ChatErrorNotice } from './ChatErrorNotice.tsx';
import { Composer } from './Composer.tsx';
import { ConversationList } from './ConversationList.tsx';
import { ChatIcon } from './icons.tsx';
import { MessageList } from './MessageList.tsx';
import { readPanelOpen, writePanelOpen } from './panel-preference.ts';
import './chat.css';

/** The assistant beside the chart: a sign-in form for visitors, the conversations for a signed-in user. */
export function ChatPanel() {
  const [open, setOpen] = useState(readPanelOpen);
  const authStatus = useAppStore((state) => state.authStatus);
  const signedIn = useAppStore((state) => state.user !== null);

  const toggleRef = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);

  const toggle = (next: boolean) => {
    toggled.current = true;
    setOpen(next);
    writePanelOpen(next);
  };

  // The button pressed goes away with the panel or the rail: its counterpart takes the focus.
  useEffect(() => {
    if (toggled.current) toggleRef.current?.focus();
    toggled.current = false;
  }, [open]);

  if (!open) {
    return (
      <aside className="chat-rail" aria-label="Assistant" data-testid="chat-panel" data-state="collapsed">
        <button
          ref={toggleRef}
          type="button"
          className="chat-rail__open"
          aria-expanded="false"
          aria-controls="chat-panel"
          title="Open the assistant"
          onClick={() => toggle(true)}
        >
          <ChatIcon />
          <span className="chat-rail__label">Assistant</span>
        </button>
      </aside>
    );
  }

  return (
    <aside
      id="chat-panel"
      className="chat-panel"
      aria-label="Assistant"
      data-testid="chat-panel"
      data-state="open"
    >
      <header className="chat-panel__header">
        <h2 className="chat-panel__title">
          <ChatIcon />
          Assistant
        </h2>
        {signedIn ? <AccountBar /> : null}
        <button
          ref={toggleRef}
          type="button"
          className="chat-icon-button"
          aria-expanded="true"
          aria-controls="chat-panel"
          title="Hide the assistant"
          aria-label="Hide the assistant"
          onClick={() => toggle(false)}
        >
          <span aria-hidden="true">»</span>
        </button>
      </header>
      {signedIn ? (
        <>
          <ConversationList />
          <MessageList />
          <ChatErrorNotice />
          <Composer />
        </>
      ) : authStatus === 'checking' ? (
        <p className="chat-panel__status" role="status">
          <span className="spinner" aria-hidden="true" /> Checking your session…
        </p>
      ) : (
        <AuthForm />
      )}
    </aside>
  );
}
