import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { PublicUser } from '../../../shared/auth.ts';

/** A verified session: who, which sign-in (`sid`, shared by every renewal of it), and its lifetime. */
export interface Session {
  user: PublicUser;
  sid: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Short-lived HS256 tokens (jose) that carry the session, so no request needs a session lookup. A
 * token past half its life is renewed by whoever sees it next (sliding expiry); logout revokes the
 * `sid`, which every renewal keeps, so no later token of that sign-in is accepted either.
 */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A token for a new sign-in, or a renewal of `sid`. */
  async issue(user: PublicUser, sid: string = randomUUID()): Promise<{ token: string; session: Session }> {
    const issuedAt = Math.floor(this.now() / 1000) * 1000;
    const expiresAt = issuedAt + this.ttlMs;
    const token = await new SignJWT({ username: user.username, sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(issuedAt / 1000)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { token, session: { user, sid, issuedAt, expiresAt } };
  }

  /** The session a token carries, or undefined when it is forged, malformed or expired. */
  async verify(token: string | undefined): Promise<Session | undefined> {
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

  /** Whether a session is past half its life and should be renewed. */
  isStale(session: Session): boolean {
    return this.now() - session.issuedAt >= (session.expiresAt - session.issuedAt) / 2;
  }
}
