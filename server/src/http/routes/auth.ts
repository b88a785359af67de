import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import { CredentialsSchema, type SessionResponse } from '../../../../shared/auth.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../kernel/errors.ts';
import { parsePayload } from '../../kernel/validation.ts';
import type { AccountService } from '../../auth/account-service.ts';
import {
  endSession,
  readSession,
  requireUser,
  sessionOf,
  startSession,
  type SessionDeps,
} from '../http-session.ts';
import { RateLimitedError, type AuthThrottle } from '../../auth/rate-limits.ts';
import { clearSessionCookie } from '../../auth/session-cookie.ts';
import type { Session } from '../../auth/sessions.ts';
import { findUserById } from '../../auth/user-repository.ts';

export interface AuthRouteDeps extends SessionDeps {
  db: Kysely<Database>;
  accounts: AccountService;
  throttle: AuthThrottle;
  /** Called once a session is signed out: its sockets lose the user's chat. */
  onSignOut(session: Session): void;
}

/** POST /api/auth/register|login|logout and GET /api/me. */
export function authRoutes(deps: AuthRouteDeps): Router {
  const router = Router();
  const session = readSession(deps);

  /** Counts the attempt per IP before the body is even read, then per username. */
  const credentials = async (req: Request, res: Response) => {
    try {
      await deps.throttle.ip(req.ip ?? req.socket.remoteAddress ?? 'unknown');
      const parsed = parsePayload(CredentialsSchema, req.body);
      await deps.throttle.username(parsed.username);
      return parsed;
    } catch (err) {
      if (err instanceof RateLimitedError) res.set('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  };

  /** Signing in on top of another sign-in ends that one. */
  const replaceSession = async (res: Response, user: SessionResponse['user']) => {
    const previous = sessionOf(res);
    if (previous) await signOut(res, previous);
    await startSession(deps, res, user);
  };
  const signOut = async (res: Response, s: Session) => {
    await endSession(deps, res, s);
    deps.onSignOut(s);
  };

  router.post('/api/auth/register', session, async (req, res) => {
    const { username, password } = await credentials(req, res);
    const user = await deps.accounts.register(username, password);
    await replaceSession(res, user);
    res.status(201).json({ user } satisfies SessionResponse);
  });

  router.post('/api/auth/login', session, async (req, res) => {
    const { username, password } = await credentials(req, res);
    const user = await deps.accounts.login(username, password);
    await deps.throttle.forgive(username);
    await replaceSession(res, user);
    res.json({ user } satisfies SessionResponse);
  });

  // Answered only once the database has recorded it (503 with Retry-After otherwise, the cookie kept
  // so the retry can end the same session).
  router.post('/api/auth/logout', session, async (_req, res) => {
    const current = sessionOf(res);
    if (current) await signOut(res, current);
    res.append('Set-Cookie', clearSessionCookie(deps.cookie));
    res.status(204).end();
  });

  router.get('/api/me', session, async (_req, res) => {
    const { id } = requireUser(res);
    // The token outlives nothing but itself: an account deleted since is signed out here.
    const user = await findUserById(deps.db, id);
    if (!user) {
      res.append('Set-Cookie', clearSessionCookie(deps.cookie));
      throw new AppError('UNAUTHENTICATED', 'Sign in first');
    }
    res.json({ user } satisfies SessionResponse);
  });

  return router;
}
