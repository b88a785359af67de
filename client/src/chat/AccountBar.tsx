import { useAppStore } from '../store/index.ts';

export function AccountBar() {
  const username = useAppStore((state) => state.user?.username);
  const busy = useAppStore((state) => state.authStatus === 'submitting');
  const logout = useAppStore((state) => state.logout);

  return (
    <div className="chat-account" data-testid="chat-account">
      <span className="chat-account__avatar" aria-hidden="true">
        {username?.charAt(0).toUpperCase()}
      </span>
      <span className="chat-account__name" data-testid="chat-username" title={`Signed in as ${username}`}>
        {username}
      </span>
      <button type="button" className="chat-link-button" disabled={busy} onClick={() => void logout()}>
        Log out
      </button>
    </div>
  );
}
