import type { RequestHandler, Response } from 'express';
import type { PublicUser } from '../../../shared/auth.ts';
import { AppError } from '../kernel/errors.ts';
import {
  clearSessionCookie,
  readSessionCookie,
  sessionSetCookie,
  type CookieSettings,
} from '../auth/session-cookie.ts';
import { SessionsUnavailableError, type Session, type Sessions } from '../auth/sessions.ts';

export interface SessionDeps {
  sessions: Sessions;
  cookie: CookieSettings;
}

/**
 * Reads the session cookie of a request into `res.locals.session`, renewing the token when it is
 * past half its life (sliding expiry: an active user stays signed in up to the session's absolute
 * end, an idle one is signed out after one TTL). A bad, expired or signed-out cookie is cleared and
 * the request goes on as a visitor's. When the database cannot say, the request fails with a
 * retryable error and the cookie stays: an outage signs nobody out, and lets nobody back in.
 */
export function readSession(deps: SessionDeps): RequestHandler {
  return async (req, res, next) => {
    const token = readSessionCookie(req.headers.cookie);
    if (token === undefined) return next();
    const resumed = await retryLater(res, deps.sessions.resume(token));
    if (!resumed) {
      res.append('Set-Cookie', clearSessionCookie(deps.cookie));
      return next();
    }
    if (resumed.renewed) setSessionCookie(deps, res, resumed.renewed, resumed.session);
    res.locals.session = resumed.session;
    next();
  };
}

/** A new sign-in of `user`, set as the cookie. */
export async function startSession(deps: SessionDeps, res: Response, user: PublicUser): Promise<Session> {
  const { token, session } = await retryLater(res, deps.sessions.signIn(user));
  setSessionCookie(deps, res, token, session);
  res.locals.session = session;
  return session;
}

/** Ends a sign-in; a database outage answers "try again" rather than a logout that did not happen. */
export async function endSession(deps: SessionDeps, res: Response, session: Session): Promise<void> {
  await retryLater(res, deps.sessions.signOut(session.sid));
}

/** Passes a sessions outage on with Retry-After, so clients know when to ask again. */
async function retryLater<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof SessionsUnavailableError) res.set('Retry-After', String(err.retryAfterSeconds));
    throw err;
  }
}

function setSessionCookie(deps: SessionDeps, res: Response, token: string, session: Session): void {
  res.append('Set-Cookie', sessionSetCookie(token, session.expiresAt - session.issuedAt, deps.cookie));
}

export function sessionOf(res: Response): Session | undefined {
  return res.locals.session as Session | undefined;
}

/** The signed-in user of a request (after readSession), or UNAUTHENTICATED. */
export function requireUser(res: Response): PublicUser {
  const session = sessionOf(res);
  if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return session.user;
}
