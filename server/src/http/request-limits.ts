import type { RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ApiError } from '../../../shared/errors.ts';

/**
 * Requests per client address per minute, counted in this process before any route runs: a flood of
 * cold requests from one address is refused with 429 and Retry-After instead of being served. What
 * it protects is this process, so its memory is the right place to count.
 */
export function limitRequestsPerAddress(perMinute: number): RequestHandler {
  if (perMinute === 0) return (_req, _res, next) => next();
  const limiter = new RateLimiterMemory({ keyPrefix: 'http', points: perMinute, duration: 60 });
  return (req, res, next) => {
    limiter.consume(req.ip ?? 'unknown').then(
      () => next(),
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) return next();
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const error: ApiError = {
          code: 'RATE_LIMITED',
          message: `Too many requests from this address; try again in ${seconds} s`,
          retryAfterMs: seconds * 1000,
        };
        res.setHeader('Retry-After', String(seconds));
        res.status(429).json({ error });
      },
    );
  };
}
