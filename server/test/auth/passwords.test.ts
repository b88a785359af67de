import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';

describe('password hashing', () => {
  it('stores argon2id with OWASP parameters and a salt of its own per hash', async () => {
    const [a, b] = await Promise.all([hashPassword('s3cret-pass'), hashPassword('s3cret-pass')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cret-pass');
  });

  it('accepts the password, refuses any other, and refuses anything for a user that does not exist', async () => {
    const stored = await hashPassword('s3cret-pass');
    expect(await verifyPassword(stored, 's3cret-pass')).toBe(true);
    expect(await verifyPassword(stored, 's3cret-pasS')).toBe(false);
    expect(await verifyPassword(undefined, 's3cret-pass')).toBe(false);
    expect(await verifyPassword('not a hash', 's3cret-pass')).toBe(false);
  });
});
