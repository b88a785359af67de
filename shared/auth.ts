import { z } from 'zod';
import { CredentialsRulesSchema } from './credentials.ts';

export { USERNAME_RULE } from './limits.ts';

/** Body of POST /api/auth/register|login: the shared rules (credentials.ts) as a full-zod schema. */
export const CredentialsSchema = z.object(CredentialsRulesSchema.shape);
export type Credentials = z.input<typeof CredentialsSchema>;

export interface PublicUser {
  id: string;
  username: string;
}

/** Body of POST /api/auth/register|login and GET /api/me. */
export interface SessionResponse {
  user: PublicUser;
}
