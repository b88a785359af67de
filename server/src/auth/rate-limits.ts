import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../kernel/errors.ts';

/** Builds one limiter; in memory by default, in Redis across instances (./redis/redis-limiters.ts). */
export type LimiterFactory = (options: {
  keyPrefix: string;
  points: number;
  duration: number;
}) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (options) => new RateLimiterMemory(options);

export interface AuthRateLimits {
  /** Login and register attempts one IP may make per window: slows credential stuffing and sign-up floods. */
  perIp: number;
  /** Attempts on one username per window, from anywhere: slows guessing one account's password. */
  perUsername: number;
  windowSeconds: number;
}

/**
 * Generous for people (a typo or five), tight for scripts. The per-username limit lets a stranger lock
 * an account out for a window at most; a successful login clears its count.
 */
export const DEFAULT_AUTH_RATE_LIMITS: AuthRateLimits = {
  perIp: 30,
  perUsername: 10,
  windowSeconds: 15 * 60,
};

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many attempts; try again in ${retryAfterSeconds} s`);
  }
}

/** Counts login and register attempts per IP and per username (case-insensitive). */
export class AuthThrottle {
  private readonly perIp: RateLimiterAbstract;
  private readonly perUsername: RateLimiterAbstract;

  constructor(factory: LimiterFactory, limits: AuthRateLimits = DEFAULT_AUTH_RATE_LIMITS) {
    const duration = limits.windowSeconds;
    this.perIp = factory({ keyPrefix: 'trendscope:auth-ip', points: limits.perIp, duration });
    this.perUsername = factory({ keyPrefix: 'trendscope:auth-user', points: limits.perUsername, duration });
  }

  /** Counts an attempt from `ip`, before anything else is looked at. */
  ip(ip: string): Promise<void> {
    return consume(this.perIp, ip);
  }

  /** Counts an attempt on `username`. */
  username(username: string): Promise<void> {
    return consume(this.perUsername, username.toLowerCase());
  }

  /** The right password: earlier mistakes on this account no longer count. */
  async forgive(username: string): Promise<void> {
    await this.perUsername.delete(username.toLowerCase()).catch(() => undefined);
  }
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    // A rejection is either "over the limit" or a store failure the insurance limiter could not cover.
    if (rejection instanceof RateLimiterRes)
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw rejection;
  }
}

/** A per-user allowance of some action (chat questions, alerts), answered RATE_LIMITED with the wait. */
export class UserQuota {
  private readonly limiter: RateLimiterAbstract;

  constructor(factory: LimiterFactory, options: { keyPrefix: string; points: number; duration: number }) {
    this.limiter = factory(options);
  }

  async consume(userId: string, what: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfterMs = Math.max(1, Math.ceil(rejection.msBeforeNext));
      throw new AppError(
        'RATE_LIMITED',
        `Too many ${what}; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
        retryAfterMs,
      );
    }
  }
}
