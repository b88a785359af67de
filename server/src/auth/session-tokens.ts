import { SignJWT, jwtVerify } from 'jose';
import type { PublicUser } from '../../../shared/auth.ts';
import type { Clock } from '../kernel/clock.ts';

/** What a verified token says: who, which sign-in (`sid`, shared by every renewal of it), its lifetime. */
export interface SessionToken {
  user: PublicUser;
  sid: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Short-lived HS256 tokens (jose) that carry the session. A token past half its life is renewed by
 * whoever sees it next (sliding expiry), never past `notAfter`, the sign-in's absolute end. A token
 * alone proves nothing lasting: ./sessions.ts checks its `sid` against the database on each use, so a
 * logout or the absolute end holds for every token of that sign-in.
 */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlMs: number,
    private readonly now: Clock = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A token of sign-in `sid` for one TTL, cut short at `notAfter`. */
  async issue(
    user: PublicUser,
    sid: string,
    notAfter: number,
  ): Promise<{ token: string; session: SessionToken }> {
    const issuedAt = Math.floor(this.now() / 1000) * 1000;
    // Whole seconds, as the token's `exp` holds them: rounded down, so it never passes `notAfter`.
    const expiresAt = Math.min(issuedAt + this.ttlMs, Math.floor(notAfter / 1000) * 1000);
    const token = await new SignJWT({ username: user.username, sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(issuedAt / 1000)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { token, session: { user, sid, issuedAt, expiresAt } };
  }

  /** The session a token carries, or undefined when it is forged, malformed or expired. */
  async verify(token: string | undefined): Promise<SessionToken | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'iat', 'exp'],
      });
      const { sub, username, sid, iat, exp } = payload;
      if (typeof username !== 'string' || typeof sid !== 'string' || !sub) return undefined;
      return { user: { id: sub, username }, sid, issuedAt: iat! * 1000, expiresAt: exp! * 1000 };
    } catch {
      return undefined;
    }
  }

  /** Whether a token is past half its life and should be renewed. */
  isStale(session: SessionToken): boolean {
    return this.now() - session.issuedAt >= (session.expiresAt - session.issuedAt) / 2;
  }
}
