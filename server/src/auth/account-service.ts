import type { Kysely } from 'kysely';
import type { PublicUser } from '../../../shared/auth.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../kernel/errors.ts';
import { hashPassword, prepareDummyHash, verifyPassword } from './passwords.ts';
import { createUser, findUserByUsername } from './user-repository.ts';

/** One message for every failed login, so nobody learns which usernames exist. */
export const INVALID_CREDENTIALS = 'Invalid username or password';

/** Registration and password checks; the password itself is never stored, logged or returned. */
export class AccountService {
  constructor(private readonly db: Kysely<Database>) {
    prepareDummyHash();
  }

  async register(username: string, password: string): Promise<PublicUser> {
    const user = await createUser(this.db, username, await hashPassword(password));
    if (!user) throw new AppError('USERNAME_TAKEN', 'That username is taken; choose another');
    return user;
  }

  async login(username: string, password: string): Promise<PublicUser> {
    const stored = await findUserByUsername(this.db, username);
    // Verified against a dummy hash when there is no such user: the same time, the same answer.
    if (!(await verifyPassword(stored?.passwordHash, password)) || !stored)
      throw new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
    return { id: stored.id, username: stored.username };
  }
}
