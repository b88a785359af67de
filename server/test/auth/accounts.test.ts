import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../../shared/auth.ts';
import { createLogger } from '../../src/kernel/logger.ts';
import { Browser, PASSWORD, uniqueName } from '../support/accounts.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/socket-client.ts';
import { sleep } from '../support/wait.ts';

type ErrorBody = { error: { code: string; message: string } };

describe('accounts over HTTP', () => {
  let t: TestApp;
  const logged: string[] = [];

  beforeAll(async () => {
    // Everything the server logs, at the most verbose level, to check no password ever gets there.
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    t = await startTestApp({ logger: createLogger('trace', sink) });
  });
  afterAll(() => t?.close());

  it('registers, signs in with a cookie only the server can read, and says who is signed in', async () => {
    const b = new Browser(t.url);
    const username = uniqueName('Reg');
    const res = await b.request('POST', '/api/auth/register', { username, password: PASSWORD });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: PublicUser };
    expect(user).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), username });

    const [setCookie] = res.headers.getSetCookie();
    expect(setCookie).toMatch(/^trendscope_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).toMatch(/; Max-Age=900/i);
    expect(setCookie).not.toMatch(/; Secure/i);

    expect(await b.json('GET', '/api/me')).toEqual({ status: 200, body: { user } });
    expect(JSON.stringify(user)).not.toMatch(/hash|password/i);
  });

  it('logs in with any case of the username, and logs out for good', async () => {
    const b = new Browser(t.url);
    const user = await b.register(uniqueName('Case'));
    const stolen = b.cookie;
    expect((await b.json('POST', '/api/auth/logout')).status).toBe(204);
    expect(b.cookie).toBeUndefined();
    expect((await b.json<ErrorBody>('GET', '/api/me')).body.error.code).toBe('UNAUTHENTICATED');

    // The token of the signed-out session is refused even if someone kept a copy.
    const replay = new Browser(t.url);
    replay.cookie = stolen;
    const res = await replay.json<ErrorBody>('GET', '/api/me');
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });

    const again = await b.json<{ user: PublicUser }>('POST', '/api/auth/login', {
      username: user.username.toUpperCase(),
      password: PASSWORD,
    });
    expect(again).toEqual({ status: 200, body: { user } });
    expect((await b.json('GET', '/api/me')).status).toBe(200);
  });

  it('answers a wrong password and an unknown user with the same generic message', async () => {
    const b = new Browser(t.url);
    const user = await b.register();
    const wrong = await new Browser(t.url).json<ErrorBody>('POST', '/api/auth/login', {
      username: user.username,
      password: 'not the password',
    });
    const unknown = await new Browser(t.url).json<ErrorBody>('POST', '/api/auth/login', {
      username: uniqueName('ghost'),
      password: 'not the password',
    });
    expect(wrong).toEqual({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', message: 'Invalid username or password' } },
    });
    expect(unknown).toEqual(wrong);
  });

  it('refuses a taken username whatever its case, and invalid credentials with the rule broken', async () => {
    const b = new Browser(t.url);
    const user = await b.register(uniqueName('Taken'));
    const taken = await new Browser(t.url).json<ErrorBody>('POST', '/api/auth/register', {
      username: user.username.toLowerCase(),
      password: PASSWORD,
    });
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'USERNAME_TAKEN' } } });

    for (const body of [
      { username: 'ab', password: PASSWORD },
      { username: 'has space', password: PASSWORD },
      { username: uniqueName(), password: 'short' },
      { username: uniqueName() },
      'not json at all',
    ]) {
      const res = await new Browser(t.url).json<ErrorBody>('POST', '/api/auth/register', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_PAYLOAD');
    }
  });

  it('needs a session for /api/me, and ignores a forged or garbled cookie', async () => {
    const b = new Browser(t.url);
    expect((await b.json<ErrorBody>('GET', '/api/me')).status).toBe(401);
    const user = await b.register();
    const [header, , signature] = b.cookie!.split('=')[1]!.split('.');
    // Another user's id in a token signed with a key the server does not have.
    const claims = Buffer.from(
      JSON.stringify({ sub: user.id, username: 'admin', sid: 'x', iat: 1, exp: 9e9 }),
    ).toString('base64url');
    for (const cookie of [
      `trendscope_session=${header}.${claims}.${signature}`,
      'trendscope_session=garbage',
    ]) {
      const forged = new Browser(t.url);
      forged.cookie = cookie;
      const res = await forged.request('GET', '/api/me');
      expect(res.status).toBe(401);
      // …and the browser is told to drop it.
      expect(res.headers.getSetCookie().join()).toMatch(/trendscope_session=;.*Max-Age=0/i);
    }
  });

  it('sends security headers, a CSP included, on the API and the app', async () => {
    for (const path of ['/api/symbols', '/']) {
      const res = await fetch(`${t.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).toMatch(/connect-src 'self'/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'self'/);
      // Plain HTTP here: nothing that would send the browser to an HTTPS port.
      expect(csp).not.toMatch(/upgrade-insecure-requests/);
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('refuses state-changing requests from a foreign origin, before reading them', async () => {
    const user = { username: uniqueName('Csrf'), password: PASSWORD };
    const evil = new Browser(t.url, 'https://evil.example');
    const res = await evil.json<ErrorBody>('POST', '/api/auth/register', user);
    expect(res).toEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN_ORIGIN', message: 'Requests from this origin are not allowed' } },
    });
    // A browser that hides the Origin still says cross-site.
    const hidden = await new Browser(t.url).request('POST', '/api/auth/register', user, {
      'sec-fetch-site': 'cross-site',
    });
    expect(hidden.status).toBe(403);
    // Nor did either create the account.
    expect((await new Browser(t.url).json('POST', '/api/auth/login', user)).status).toBe(401);
    // No CORS headers for it either, so its scripts cannot read anything.
    const read = await evil.request('GET', '/api/symbols');
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    // The same origin is always fine.
    expect((await new Browser(t.url, t.url).json('POST', '/api/auth/register', user)).status).toBe(201);
  });

  it('refuses a socket opened from a foreign origin, whose handshake would carry the cookie', async () => {
    const b = new Browser(t.url);
    await b.register();
    const evil = new TestClient(t.url, {
      extraHeaders: { cookie: b.cookie!, origin: 'https://evil.example' },
    });
    await expect(evil.connected()).rejects.toThrow();
    evil.close();
    const own = new TestClient(t.url, { extraHeaders: { cookie: b.cookie!, origin: t.url } });
    await own.connected();
    own.close();
  });

  it('never writes a password, a cookie or a token into the log', async () => {
    const b = new Browser(t.url);
    const secret = `pw-${uniqueName()}-secret`;
    await b.register(uniqueName('Log'), secret);
    await b.json('POST', '/api/auth/login', { username: b.user!.username, password: `${secret}-typo` });
    await b.request('POST', '/api/auth/login', `{"username":"x","password":"${secret}"`); // malformed JSON
    await b.json('GET', '/api/me');
    await sleep(50);
    const log = logged.join('');
    expect(log).not.toContain(secret);
    expect(log).not.toContain(b.cookie!.split('=')[1]!);
  });
});

describe('accounts with a CORS allow-list and HTTPS', () => {
  let t: TestApp;
  const allowed = 'https://app.example.com';
  beforeAll(async () => {
    t = await startTestApp({ accounts: { corsOrigins: [allowed], cookieSecure: true } });
  });
  afterAll(() => t?.close());

  it('lets an allow-listed origin call with credentials, and marks the cookie Secure', async () => {
    const b = new Browser(t.url, allowed);
    const preflight = await b.request('OPTIONS', '/api/auth/login', undefined, {
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/i);

    const res = await b.request('POST', '/api/auth/register', { username: uniqueName(), password: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(res.headers.getSetCookie()[0]).toMatch(/; Secure/i);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);

    const other = new Browser(t.url, 'https://app.example.com.evil.example');
    expect((await other.json('POST', '/api/auth/logout')).status).toBe(403);
  });

  it('lets the allow-listed origin open a socket, with CORS for its polling transport', async () => {
    const listed = new TestClient(t.url, { extraHeaders: { origin: allowed } });
    await listed.connected();
    listed.close();
    const poll = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: allowed } });
    expect(poll.status).toBe(200);
    expect(poll.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(poll.headers.get('access-control-allow-credentials')).toBe('true');
    const foreign = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });
});

describe('login and register rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ accounts: { rateLimits: { perIp: 8, perUsername: 3, windowSeconds: 60 } } });
  });
  afterAll(() => t?.close());

  const attempt = (username: string, password = 'wrong password') =>
    new Browser(t.url).request('POST', '/api/auth/login', { username, password });

  it('limits attempts on one username, with Retry-After, the right password included', async () => {
    const b = new Browser(t.url);
    const user = await b.register(uniqueName('Target')); // one attempt on the name
    expect((await attempt(user.username)).status).toBe(401);
    expect((await attempt(user.username.toUpperCase())).status).toBe(401);
    const limited = await attempt(user.username, PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as ErrorBody).error.code).toBe('RATE_LIMITED');
  });

  it('limits attempts from one IP across usernames', async () => {
    // 4 attempts so far from this IP (the test above); 4 more are allowed, the 9th is refused.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(uniqueName('spray'))).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const register = await new Browser(t.url).request('POST', '/api/auth/register', {
      username: uniqueName(),
      password: PASSWORD,
    });
    expect(register.status).toBe(429);
    expect(register.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('sliding sessions', () => {
  const MINUTE = 60_000;
  let now = Date.now();
  let t: TestApp;
  beforeAll(async () => {
    // Sessions run on the app's clock; this one moves only when the test says.
    t = await startTestApp({ clock: () => now, accounts: { sessionTtlMs: 15 * MINUTE } });
  });
  afterAll(() => t?.close());

  it('renews the cookie of an active user past half its life, and signs out an idle one', async () => {
    const active = new Browser(t.url);
    await active.register();
    const idle = new Browser(t.url);
    await idle.register();
    const first = active.cookie;

    now += 8 * MINUTE;
    const res = await active.request('GET', '/api/me');
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(/Max-Age=900;/);
    expect(active.cookie).not.toBe(first);

    now += 9 * MINUTE; // 17 minutes after sign-in: the first tokens have expired, the renewed one has not
    expect((await active.json('GET', '/api/me')).status).toBe(200);
    expect((await idle.json('GET', '/api/me')).status).toBe(401);
  });
});
