import { parseCookie, stringifySetCookie } from 'cookie';

export const SESSION_COOKIE = 'trendscope_session';

export interface CookieSettings {
  /** Send only over HTTPS; on for any deployment behind TLS (COOKIE_SECURE). */
  secure: boolean;
}

/** The session token in a Cookie header, if any. */
export function readSessionCookie(header: string | undefined): string | undefined {
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/**
 * httpOnly so no script can read it; SameSite=Lax so other sites' requests do not carry it (top-level
 * navigations still do, which only ever GET); it dies with the token it holds.
 */
export function sessionSetCookie(token: string, maxAgeMs: number, settings: CookieSettings): string {
  return stringifySetCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
    maxAge: Math.max(0, Math.floor(maxAgeMs / 1000)),
  });
}

export function clearSessionCookie(settings: CookieSettings): string {
  return stringifySetCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'lax',
    secure: settings.secure,
    path: '/',
    expires: new Date(0),
    maxAge: 0,
  });
}
