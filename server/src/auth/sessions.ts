import { randomUUID } from 'node:crypto';
import type { PublicUser } from '../../../shared/auth.ts';
import type { Clock } from '../kernel/clock.ts';
import { AppError } from '../kernel/errors.ts';
import type { Logger } from '../kernel/logger.ts';
import type { SessionStore } from './session-store.ts';
import type { SessionToken, SessionTokens } from './session-tokens.ts';

/** A live session: its current token's lifetime, and `endsAt`, when the sign-in ends however active. */
export interface Session extends SessionToken {
  endsAt: number;
}

/** A session token and the session it carries. */
export interface IssuedSession {
  token: string;
  session: Session;
}

const RETRY_AFTER_SECONDS = 5;

/**
 * The database could not say whether a session lives. Retryable, and never taken as "signed out" (an
 * outage must not sign anyone out) nor as "signed in" (nor let a signed-out token back in).
 */
export class SessionsUnavailableError extends AppError {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;

  constructor() {
    super(
      'TEMPORARILY_UNAVAILABLE',
      'Sessions cannot be checked right now (database unavailable); try again shortly',
      RETRY_AFTER_SECONDS * 1000,
    );
  }
}

/** Every sid this server issues; anything else cannot have a row (and must not reach a uuid column). */
const SID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Sign-ins that last exactly as long as they should. A token is checked against its `sessions` row
 * (./session-store.ts) on every use: one primary-key read, and only for requests that carry a cookie
 * on routes that need the user (which read the database anyway). No cache sits in between, neither
 * Redis nor process memory, so no cache restart, flood or outage can forget a logout, and a logout
 * on one instance holds on every other at once.
 */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    readonly tokens: SessionTokens,
    /** How long a sign-in may last, however active (SESSION_MAX_HOURS). */
    private readonly maxMs: number,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A new sign-in: its row first, so its token is never valid without one. */
  async signIn(user: PublicUser): Promise<IssuedSession> {
    const now = this.clock();
    const sid = randomUUID();
    const endsAt = now + this.maxMs;
    await this.reach(async () => {
      await this.store.insert(sid, user.id, now, endsAt);
      await this.store.deleteEndedBefore(now);
    });
    return this.issue(user, sid, endsAt);
  }

  /**
   * The live session of a token, with a renewed token when it is past half its life and a renewal
   * would extend it; undefined when the token is bad or its sign-in has ended.
   */
  async resume(token: string | undefined): Promise<{ session: Session; renewed?: string } | undefined> {
    const claimed = await this.tokens.verify(token);
    if (!claimed) return undefined;
    const endsAt = await this.liveUntil(claimed);
    if (endsAt === undefined) return undefined;
    const wouldExtend = claimed.expiresAt < Math.floor(endsAt / 1000) * 1000;
    if (!this.tokens.isStale(claimed) || !wouldExtend) return { session: { ...claimed, endsAt } };
    const renewal = await this.issue(claimed.user, claimed.sid, endsAt);
    return { session: renewal.session, renewed: renewal.token };
  }

  /** When the sign-in of a token ends; undefined once it has ended (signed out, expired, unknown). */
  async liveUntil(claimed: Pick<SessionToken, 'sid' | 'user'>): Promise<number | undefined> {
    if (!SID_FORMAT.test(claimed.sid)) return undefined;
    const stored = await this.reach(() => this.store.find(claimed.sid));
    if (!stored || stored.revokedAt !== undefined || stored.userId !== claimed.user.id) return undefined;
    return this.clock() < stored.expiresAt ? stored.expiresAt : undefined;
  }

  /** Ends a sign-in for every token of it, on every instance; throws rather than pretend. */
  async signOut(sid: string): Promise<void> {
    await this.reach(() => this.store.revoke(sid, this.clock()));
  }

  private async issue(user: PublicUser, sid: string, endsAt: number): Promise<IssuedSession> {
    const { token, session } = await this.tokens.issue(user, sid, endsAt);
    return { token, session: { ...session, endsAt } };
  }

  private async reach<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.logger.warn({ err }, 'sessions could not be read or written: the database did not answer');
      throw new SessionsUnavailableError();
    }
  }
}
