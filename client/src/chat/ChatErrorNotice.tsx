import { useAppStore } from '../store/index.ts';
import { chatErrorTitle } from './chat-text.ts';

/**
 * The last chat failure, inline above the box, until dismissed or the next success; while the
 * question is being sent again by itself, a notice saying so.
 */
export function ChatErrorNotice() {
  const error = useAppStore((state) => state.chatError);
  const dismiss = useAppStore((state) => state.dismissChatError);
  if (error === null) return null;

  return (
    <div
      className="chat-error"
      role="alert"
      data-testid="chat-error"
      data-code={error.code}
      data-resending={error.resending ? 'true' : undefined}
    >
      <p>
        {error.resending ? <span className="spinner" aria-hidden="true" /> : null}
        <strong>{chatErrorTitle(error)}.</strong> {error.message}
      </p>
      <button type="button" className="chat-icon-button" aria-label="Dismiss the error" onClick={dismiss}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
