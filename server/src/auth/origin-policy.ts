import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { AppError } from '../kernel/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Which web origins may talk to this server with the user's cookie: its own (always) and those on
 * CORS_ORIGINS. Same-origin is judged against the request's Host, so the check holds behind any
 * hostname the server is reached by; a reverse proxy must pass Host through (or the public origin be
 * listed), since the scheme and host the browser saw are otherwise unknown here.
 */
export class OriginPolicy {
  private readonly listed: ReadonlySet<string>;

  constructor(allowed: readonly string[]) {
    this.listed = new Set(allowed.map(normalizeOrigin));
  }

  /** A cross-origin site on the allow-list (gets CORS headers). */
  isListed(origin: string): boolean {
    return this.listed.has(normalizeOrigin(origin));
  }

  /**
   * Whether a request may act with the user's cookie. Without an Origin header it comes from a
   * non-browser client (no ambient cookie to abuse) or a same-origin navigation; a browser that says
   * it is cross-site through Sec-Fetch-Site is refused all the same.
   */
  allows(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return req.headers['sec-fetch-site'] !== 'cross-site';
    return isSameOrigin(origin, req.headers.host) || this.isListed(origin);
  }

  /** CORS for the allow-listed origins: credentials allowed, the origin echoed (never `*`). */
  cors(): RequestHandler {
    return (req, res, next) => {
      const origin = req.headers.origin;
      if (origin === undefined || !this.isListed(origin)) return next();
      res.vary('Origin');
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Allow-Credentials', 'true');
      if (req.method !== 'OPTIONS') return next();
      res.set('Access-Control-Allow-Methods', 'GET, POST, DELETE');
      res.set('Access-Control-Allow-Headers', 'Content-Type');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
    };
  }

  /** Refuses state-changing requests from origins that are neither this one nor allow-listed (CSRF). */
  guard(): RequestHandler {
    return (req, _res, next) => {
      if (SAFE_METHODS.has(req.method) || this.allows(req)) return next();
      next(new AppError('FORBIDDEN_ORIGIN', 'Requests from this origin are not allowed'));
    };
  }
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false; // `null` (sandboxed frames, file://) and garbage
  }
}

/** `HTTPS://App.example.com:443/` and `https://app.example.com` are the same origin. */
export function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
