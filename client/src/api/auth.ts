import type { Credentials, PublicUser, SessionResponse } from '../../../shared/auth.ts';
import { RequestError, requestJson } from './request.ts';

export interface AuthApi {
  register(credentials: Credentials): Promise<PublicUser>;
  login(credentials: Credentials): Promise<PublicUser>;
  logout(): Promise<void>;
  /** The signed-in user, or null when the session cookie is missing or expired. */
  fetchMe(): Promise<PublicUser | null>;
}

function userOf(body: SessionResponse): PublicUser {
  // A misrouted answer (an HTML page, a proxy) must fail here, not as "signed in as undefined".
  if (typeof body?.user?.id !== 'string' || typeof body.user.username !== 'string')
    throw new RequestError('UNEXPECTED', 'The server sent an unexpected answer.');
  return { id: body.user.id, username: body.user.username };
}

export const authApi: AuthApi = {
  register: async (credentials) =>
    userOf(await requestJson<SessionResponse>('POST', '/api/auth/register', credentials)),
  login: async (credentials) =>
    userOf(await requestJson<SessionResponse>('POST', '/api/auth/login', credentials)),
  logout: () => requestJson<void>('POST', '/api/auth/logout'),
  fetchMe: async () => {
    try {
      return userOf(await requestJson<SessionResponse>('GET', '/api/me'));
    } catch (error) {
      if (error instanceof RequestError && error.code === 'UNAUTHENTICATED') return null;
      throw error;
    }
  },
};
