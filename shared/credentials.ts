// zod/mini, not full zod: the browser checks a registration against these very rules before sending
// it, and mini keeps its bundle small. auth.ts builds the server's request schema from the same fields.
import { z } from 'zod/mini';
import { USERNAME_RULE } from './limits.ts';

export const CredentialsRulesSchema = z.object({
  username: z
    .string({ error: 'username must be a string' })
    .check(
      z.trim(),
      z.minLength(3, `username must be ${USERNAME_RULE}`),
      z.maxLength(32, `username must be ${USERNAME_RULE}`),
      z.regex(/^[A-Za-z0-9._-]+$/, `username must be ${USERNAME_RULE}`),
    ),
  password: z
    .string({ error: 'password must be a string' })
    .check(
      z.minLength(8, 'password must be at least 8 characters'),
      z.maxLength(256, 'password must be at most 256 characters'),
    ),
});
