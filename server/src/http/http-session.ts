import type { RequestHandler, Response } from 'express';
import type { PublicUser } from '../../../shared/auth.ts';
import { AppError } from '../kernel/errors.ts';
import type { SessionRevocations } from '../auth/revocations.ts';
import {
  clearSessionCookie,
  readSessionCookie,
  sessionSetCookie,
  type CookieSettings,
} from '../auth/session-cookie.ts';
import type { Session, SessionTokens } from '../auth/session-tokens.ts';

export interface SessionDeps {
  tokens: SessionTokens;
  revocations: SessionRevocations;
  cookie: CookieSettings;
}

/**
 * Reads the session cookie of a request into `res.locals.session`, renewing the token when it is
 * past half its life (sliding expiry: an active user stays signed in, an idle one is signed out
 * after one TTL). A bad, expired or revoked cookie is cleared and the request goes on as a visitor's.
 */
export function readSession(deps: SessionDeps): RequestHandler {
  return async (req, res, next) => {
    const token = readSessionCookie(req.headers.cookie);
    if (token === undefined) return next();
    const session = await deps.tokens.verify(token);
    if (!session || (await deps.revocations.isRevoked(session.sid))) {
      res.append('Set-Cookie', clearSessionCookie(deps.cookie));
      return next();
    }
    res.locals.session = deps.tokens.isStale(session)
      ? await startSession(deps, res, session.user, session.sid)
      : session;
    next();
  };
}

/** Issues a token (a new sign-in, or a renewal of `sid`) and sets it as the cookie. */
export async function startSession(
  deps: SessionDeps,
  res: Response,
  user: PublicUser,
  sid?: string,
): Promise<Session> {
  const { token, session } = await deps.tokens.issue(user, sid);
  res.append('Set-Cookie', sessionSetCookie(token, session.expiresAt - session.issuedAt, deps.cookie));
  res.locals.session = session;
  return session;
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
