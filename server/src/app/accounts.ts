import { randomBytes } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import type { Kysely } from 'kysely';
import type { ServerOptions } from 'socket.io';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/logger.ts';
import type { TypedServer } from '../realtime/socket-server.ts';
import { AccountService } from '../auth/account-service.ts';
import { authRoutes } from '../http/routes/auth.ts';
import { readSession } from '../http/http-session.ts';
import type { OriginPolicy } from '../auth/origin-policy.ts';
import {
  AuthThrottle,
  DEFAULT_AUTH_RATE_LIMITS,
  memoryLimiters,
  type AuthRateLimits,
  type LimiterFactory,
} from '../auth/rate-limits.ts';
import { securityHeaders } from '../http/security-headers.ts';
import { authenticateSockets, endSocketSessions, type SocketAuthDeps } from '../realtime/socket-auth.ts';
import { SessionStore } from '../auth/session-store.ts';
import { SessionTokens } from '../auth/session-tokens.ts';
import { Sessions } from '../auth/sessions.ts';

export interface AccountsOptions {
  /**
   * Signs session tokens (at least 32 characters). main.ts always passes one (SESSION_SECRET, or one
   * kept in DATA_DIR); without it a random one per process, so sessions end with the process.
   */
  sessionSecret?: string;
  /** Lifetime of a session token, renewed while active (default 15 minutes). */
  sessionTtlMs?: number;
  /** How long a sign-in may last however active, renewals included (default 12 hours). */
  sessionMaxMs?: number;
  /** Secure cookie and HSTS: the site is served over HTTPS. */
  cookieSecure?: boolean;
  /** Other origins allowed to call with the user's cookie (this one always is). */
  corsOrigins?: readonly string[];
  rateLimits?: AuthRateLimits;
}

export const DEFAULT_SESSION_TTL_MS = 15 * 60_000;
export const DEFAULT_SESSION_MAX_MS = 12 * 3_600_000;

/** Socket.IO's CORS and handshake check, from the same policy as HTTP. */
export function socketOriginOptions(origins: OriginPolicy): Partial<ServerOptions> {
  return {
    cors: {
      origin: (origin, callback) => callback(null, origin !== undefined && origins.isListed(origin)),
      credentials: true,
    },
    // A browser on a foreign site must not open a socket with the user's cookie (CSWSH).
    allowRequest: (req, callback) => callback(null, origins.allows(req)),
  };
}

/**
 * Accounts: registration, login with rate limits, cookie sessions for HTTP and sockets, security
 * headers and the origin policy. Returns what the HTTP app mounts.
 */
export function createAccounts(deps: {
  db: Kysely<Database>;
  io: TypedServer;
  /** What session lifetimes are measured by. */
  clock: Clock;
  origins: OriginPolicy;
  limiters?: LimiterFactory;
  logger: Logger;
  options?: AccountsOptions;
}): {
  /** Applied before every route: headers, CORS, the cross-site guard. */
  guards: RequestHandler[];
  routes: Router;
  /** Reads the session of a request (for other routers that need the user). */
  session: RequestHandler;
  /** What socket handlers use to check a socket's user. */
  sockets: SocketAuthDeps;
} {
  const options = deps.options ?? {};
  const ttlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const secret = options.sessionSecret ?? randomBytes(48).toString('base64url');
  const sessions = new Sessions(
    new SessionStore(deps.db),
    new SessionTokens(secret, ttlMs, deps.clock),
    options.sessionMaxMs ?? DEFAULT_SESSION_MAX_MS,
    deps.clock,
    deps.logger,
  );
  const cookie = { secure: options.cookieSecure ?? false };
  const sockets: SocketAuthDeps = { sessions, clock: deps.clock };
  authenticateSockets(deps.io, sockets);
  return {
    guards: [securityHeaders({ https: cookie.secure }), deps.origins.cors(), deps.origins.guard()],
    routes: authRoutes({
      db: deps.db,
      accounts: new AccountService(deps.db),
      throttle: new AuthThrottle(
        deps.limiters ?? memoryLimiters,
        options.rateLimits ?? DEFAULT_AUTH_RATE_LIMITS,
      ),
      sessions,
      cookie,
      onSignOut: (session) => endSocketSessions(deps.io, session),
    }),
    session: readSession({ sessions, cookie }),
    sockets,
  };
}
