import { useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../../shared/chat.ts';
import { useAppStore } from '../store/index.ts';
import { formatAgo } from './chat-text.ts';
import { focusComposer } from './Composer.tsx';
import { PlusIcon, TrashIcon } from './icons.tsx';
import { useNow } from './use-now.ts';

/** The user's conversations, newest activity first, with "New chat" and a confirmed delete. */
export function ConversationList() {
  const conversations = useAppStore((state) => state.conversations);
  const status = useAppStore((state) => state.conversationsStatus);
  const activeId = useAppStore((state) => state.activeConversationId);
  const openConversation = useAppStore((state) => state.openConversation);
  const loadConversations = useAppStore((state) => state.loadConversations);
  const [confirming, setConfirming] = useState<string | null>(null);
  const newChatRef = useRef<HTMLButtonElement>(null);
  const now = useNow();

  return (
    <section className="chat-conversations" aria-label="Conversations">
      <div className="chat-conversations__top">
        <h3 className="chat-section-title">Conversations</h3>
        <button
          ref={newChatRef}
          type="button"
          className="chat-secondary-button"
          data-testid="new-chat"
          aria-pressed={activeId === null}
          onClick={() => {
            openConversation(null);
            focusComposer();
          }}
        >
          <PlusIcon />
          New chat
        </button>
      </div>
      {status === 'error' && conversations.length === 0 ? (
        <p className="chat-muted">
          Could not load your conversations.{' '}
          <button type="button" className="chat-link-button" onClick={() => void loadConversations()}>
            Retry
          </button>
        </p>
      ) : status === 'loading' && conversations.length === 0 ? (
        <p className="chat-muted" role="status">
          Loading…
        </p>
      ) : conversations.length === 0 ? (
        <p className="chat-muted">No conversations yet: your first question starts one.</p>
      ) : (
        <ul className="chat-conversations__list" data-testid="conversation-list">
          {conversations.map((conversation) => (
            <li
              key={conversation.id}
              className="chat-conversation"
              aria-current={conversation.id === activeId}
            >
              {confirming === conversation.id ? (
                <ConfirmDelete
                  conversation={conversation}
                  onDone={(deleted) => {
                    setConfirming(null);
                    if (deleted) newChatRef.current?.focus();
                  }}
                />
              ) : (
                <>
                  <button
                    type="button"
                    className="chat-conversation__open"
                    data-testid="conversation"
                    onClick={() => openConversation(conversation.id)}
                  >
                    <span className="chat-conversation__title">{conversation.title}</span>
                    <span className="chat-conversation__time">{formatAgo(conversation.updatedAt, now)}</span>
                  </button>
                  <button
                    type="button"
                    className="chat-icon-button chat-conversation__delete"
                    aria-label={`Delete the conversation “${conversation.title}”`}
                    title="Delete"
                    onClick={() => setConfirming(conversation.id)}
                  >
                    <TrashIcon />
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConfirmDelete({
  conversation,
  onDone,
}: {
  conversation: Conversation;
  onDone: (deleted: boolean) => void;
}) {
  const deleteConversation = useAppStore((state) => state.deleteConversation);
  const [busy, setBusy] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);

  // Cancel takes the focus: Enter pressed by habit keeps the conversation.
  useEffect(() => cancelRef.current?.focus(), []);

  return (
    <div
      className="chat-confirm"
      role="group"
      aria-label={`Delete “${conversation.title}”?`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone(false);
      }}
    >
      <span className="chat-confirm__text">Delete this conversation?</span>
      <button
        type="button"
        className="chat-danger-button"
        data-testid="confirm-delete"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const deleted = await deleteConversation(conversation.id);
          onDone(deleted);
        }}
      >
        Delete
      </button>
      <button ref={cancelRef} type="button" className="chat-link-button" onClick={() => onDone(false)}>
        Cancel
      </button>
    </div>
  );
}
