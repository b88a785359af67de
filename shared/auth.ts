import { z } from 'zod';

export const USERNAME_RULE = '3–32 characters: letters, digits, dot, dash or underscore';

export const CredentialsSchema = z.object({
  username: z
    .string({ error: 'username must be a string' })
    .trim()
    .min(3, `username must be ${USERNAME_RULE}`)
    .max(32, `username must be ${USERNAME_RULE}`)
    .regex(/^[A-Za-z0-9._-]+$/, `username must be ${USERNAME_RULE}`),
  password: z
    .string({ error: 'password must be a string' })
    .min(8, 'password must be at least 8 characters')
    .max(256, 'password must be at most 256 characters'),
});
export type Credentials = z.input<typeof CredentialsSchema>;

export interface PublicUser {
  id: string;
  username: string;
}

/** Body of POST /api/auth/register|login and GET /api/me. */
export interface SessionResponse {
  user: PublicUser;
}
