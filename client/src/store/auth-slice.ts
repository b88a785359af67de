import type { StateCreator } from 'zustand/vanilla';
import type { Credentials, PublicUser } from '../../../shared/auth.ts';
import type { AuthApi } from '../api/auth.ts';
import { describeFailure, UNREACHABLE_MESSAGE } from '../api/request.ts';
import type { AppState } from './app-state.ts';

/** `checking`: asking the server who we are; `submitting`: a sign-in, registration or log-out is on its way. */
export type AuthStatus = 'checking' | 'signed-out' | 'submitting' | 'signed-in';

export interface AuthSlice {
  user: PublicUser | null;
  authStatus: AuthStatus;
  authError: string | null;
  /**
   * Bumped whenever this tab changed the session cookie (sign-in, registration, log-out). The socket
   * handshake reads the cookie only once, so the chat binding reconnects on every bump.
   */
  sessionVersion: number;

  loadMe: () => Promise<void>;
  /** Resolve to true once signed in; otherwise `authError` says why. */
  register: (credentials: Credentials) => Promise<boolean>;
  login: (credentials: Credentials) => Promise<boolean>;
  logout: () => Promise<void>;
  /** The server no longer knows our session (it expired, or was ended from elsewhere). */
  sessionEnded: () => void;
  clearAuthError: () => void;
}

export const SESSION_ENDED_MESSAGE = 'Your session has ended. Sign in again to keep chatting.';

/**
 * The server's registration rules, loaded on first use: most visits never register, and their schema
 * library would otherwise come with every visit's chat code.
 */
const loadCredentialsRules = async () =>
  (await import('../../../shared/credentials.ts')).CredentialsRulesSchema;

export function createAuthSlice(api: AuthApi): StateCreator<AppState, [], [], AuthSlice> {
  return (set, get) => {
    /** Signs in with `call`; the whole form's outcome, so the form never sees a rejection. */
    const submit = async (call: () => Promise<PublicUser>): Promise<boolean> => {
      if (get().authStatus === 'submitting') return false;
      set({ authStatus: 'submitting', authError: null });
      try {
        const user = await call();
        set((state) => ({
          user,
          authStatus: 'signed-in',
          authError: null,
          sessionVersion: state.sessionVersion + 1,
        }));
        return true;
      } catch (error) {
        set({ authStatus: 'signed-out', authError: describeFailure(error).message });
        return false;
      }
    };

    return {
      user: null,
      authStatus: 'checking',
      authError: null,
      sessionVersion: 0,

      loadMe: async () => {
        set({ authStatus: 'checking' });
        try {
          const user = await api.fetchMe();
          // A sign-in that finished meanwhile knows better than this older answer.
          if (get().authStatus !== 'checking') return;
          set({ user, authStatus: user ? 'signed-in' : 'signed-out' });
        } catch (error) {
          if (get().authStatus !== 'checking') return;
          set({
            user: null,
            authStatus: 'signed-out',
            authError: `Could not check your session: ${describeFailure(error).message}`,
          });
        }
      },

      register: async (credentials) => {
        let rules: Awaited<ReturnType<typeof loadCredentialsRules>>;
        try {
          rules = await loadCredentialsRules();
        } catch {
          set({ authError: UNREACHABLE_MESSAGE });
          return false;
        }
        // Validated here with the server's own rules, so the message names the field that is wrong.
        const parsed = rules.safeParse(credentials);
        if (!parsed.success) {
          set({
            authError: capitalize(parsed.error.issues[0]?.message ?? 'Check your username and password.'),
          });
          return false;
        }
        return submit(() => api.register(parsed.data));
      },

      login: (credentials) => {
        // Only emptiness is checked: any other rule would tell a guesser more than the server does.
        if (credentials.username.trim() === '' || credentials.password === '') {
          set({ authError: 'Enter your username and password.' });
          return Promise.resolve(false);
        }
        return submit(() =>
          api.login({ username: credentials.username.trim(), password: credentials.password }),
        );
      },

      logout: async () => {
        if (get().authStatus !== 'signed-in') return;
        set({ authStatus: 'submitting', authError: null });
        try {
          await api.logout();
        } catch (error) {
          const failure = describeFailure(error);
          // Already signed out on the server: nothing is left to end.
          if (failure.code !== 'UNAUTHENTICATED') {
            set({ authStatus: 'signed-in', authError: `Could not log out: ${failure.message}` });
            return;
          }
        }
        set((state) => ({
          user: null,
          authStatus: 'signed-out',
          authError: null,
          sessionVersion: state.sessionVersion + 1,
        }));
      },

      sessionEnded: () => {
        if (get().user === null) return;
        set({ user: null, authStatus: 'signed-out', authError: SESSION_ENDED_MESSAGE });
      },

      clearAuthError: () => {
        if (get().authError !== null) set({ authError: null });
      },
    };
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
