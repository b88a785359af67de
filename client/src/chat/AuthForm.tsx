import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { USERNAME_RULE } from '../../../shared/limits.ts';
import { useAppStore } from '../store/index.ts';

type Mode = 'login' | 'register';

const CHAT_INTRO = (
  <>
    Ask about prices, indicators, trends and forecasts. <strong>Chatting needs an account</strong>; the chart
    stays free to watch without one.
  </>
);

/**
 * Shown instead of the chat to visitors: the chart needs no account, the assistant does. `intro` says
 * what else asks for one (the alerts panel).
 */
export function AuthForm({ intro = CHAT_INTRO }: { intro?: ReactNode }) {
  const [mode, setMode] = useState<Mode>('login');
  const busy = useAppStore((state) => state.authStatus === 'submitting');
  const error = useAppStore((state) => state.authError);
  const login = useAppStore((state) => state.login);
  const register = useAppStore((state) => state.register);
  const clearAuthError = useAppStore((state) => state.clearAuthError);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const switchTo = (next: Mode) => {
    setMode(next);
    clearAuthError();
    usernameRef.current?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const credentials = {
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
    };
    const ok = await (mode === 'login' ? login(credentials) : register(credentials));
    // Retyping the password is the usual fix; the alert says what was wrong.
    if (!ok) passwordRef.current?.select();
  };

  const registering = mode === 'register';
  return (
    <div className="chat-auth" data-testid="chat-auth">
      <p className="chat-auth__intro">{intro}</p>
      <div className="segmented chat-auth__tabs" role="group" aria-label="Account">
        <button
          type="button"
          className="segmented__option"
          aria-pressed={!registering}
          onClick={() => switchTo('login')}
        >
          Sign in
        </button>
        <button
          type="button"
          className="segmented__option"
          aria-pressed={registering}
          onClick={() => switchTo('register')}
        >
          Create account
        </button>
      </div>
      <form
        className="chat-auth__form"
        aria-label={registering ? 'Create an account' : 'Sign in'}
        onSubmit={(event) => void onSubmit(event)}
        noValidate
      >
        <label className="chat-field" htmlFor={`${id}-username`}>
          <span>Username</span>
          <input
            ref={usernameRef}
            id={`${id}-username`}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-describedby={registering ? `${id}-username-hint` : undefined}
            onChange={clearAuthError}
          />
        </label>
        {registering ? (
          <p className="chat-field__hint" id={`${id}-username-hint`}>
            {USERNAME_RULE}
          </p>
        ) : null}
        <label className="chat-field" htmlFor={`${id}-password`}>
          <span>Password</span>
          <input
            ref={passwordRef}
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete={registering ? 'new-password' : 'current-password'}
            required
            aria-describedby={registering ? `${id}-password-hint` : undefined}
            onChange={clearAuthError}
          />
        </label>
        {registering ? (
          <p className="chat-field__hint" id={`${id}-password-hint`}>
            At least 8 characters
          </p>
        ) : null}
        {error !== null ? (
          <p className="chat-auth__error" role="alert" data-testid="auth-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="chat-primary-button" disabled={busy}>
          {busy
            ? registering
              ? 'Creating account…'
              : 'Signing in…'
            : registering
              ? 'Create account'
              : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
