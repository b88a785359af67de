import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's minimum). The parameters
 * travel inside each PHC string, so raising them later only affects new hashes. `algorithm: 2` is
 * Argon2id; the library's `Algorithm` is a const enum, which isolated modules cannot import.
 */
const OPTIONS = { algorithm: 2 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anyone knows: verified against when the username does not exist. */
let dummy: Promise<string> | undefined;

/** Computes the dummy hash ahead of the first login, so even that one takes the usual time. */
export function prepareDummyHash(): void {
  dummy ??= hashPassword(randomBytes(32).toString('base64'));
}

/**
 * Verifies a password against a stored hash, or against a dummy hash when there is no such user, so
 * an unknown username takes as long as a wrong password and timing does not reveal who exists.
 */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  prepareDummyHash();
  const against = storedHash ?? (await dummy)!;
  const ok = await verify(against, password).catch(() => false);
  return ok && storedHash !== undefined;
}
