import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { Browser, type ChatClient } from '../support/accounts.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import { createScratchDatabase } from '../support/postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openBreakableDatabase, type BreakableDatabase } from './breakable-database.ts';
import { ControllableCache } from './controllable-cache.ts';

type ErrorBody = { error: { code: string; message: string } };

const QUESTION = { text: 'BTC price' };
const MINUTE = 60_000;
const SHARED_SECRET = 'shared-by-every-instance-0123456789abcdef';
const UNAUTHENTICATED = { ok: false, error: { code: 'UNAUTHENTICATED' } };

/** Someone who kept a copy of a cookie, on any instance. */
function holderOf(cookie: string | undefined, url: string): Browser {
  const browser = new Browser(url);
  browser.cookie = cookie;
  return browser;
}

/** The signed-out cookie gets nothing: not over HTTP, not on a new socket, not on sockets already open. */
async function expectSignedOut(cookie: string | undefined, url: string, openTabs: ChatClient[]) {
  expect(cookie).toBeDefined();
  expect((await holderOf(cookie, url).json<ErrorBody>('GET', '/api/me')).status).toBe(401);
  const fresh = await holderOf(cookie, url).socket();
  try {
    for (const tab of [...openTabs, fresh])
      expect(await tab.request('chat:send', QUESTION)).toMatchObject(UNAUTHENTICATED);
  } finally {
    fresh.close();
  }
}

/** Signs a new user in, opens a tab, and logs out; returns the cookie the session had and the tab. */
async function signInAndOut(url: string) {
  const browser = new Browser(url);
  await browser.register();
  const tab = await browser.socket();
  expect((await tab.request('chat:send', QUESTION)).ok).toBe(true);
  const cookie = browser.cookie;
  expect((await browser.json('POST', '/api/auth/logout')).status).toBe(204);
  return { cookie, tab };
}

describe('a logout outlives whatever happens to the cache', () => {
  const cache = new ControllableCache();
  const tabs: ChatClient[] = [];
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ cache });
  });
  afterEach(() => {
    cache.failing = false;
  });
  afterAll(async () => {
    for (const tab of tabs) tab.close();
    await t?.close();
  });

  it('holds after the cache restarts empty (a Redis restart)', async () => {
    const { cookie, tab } = await signInAndOut(t.url);
    tabs.push(tab);
    cache.restart();
    await expectSignedOut(cookie, t.url, [tab]);
  });

  it('holds after a flood of other entries pushes everything out of the in-memory cache', async () => {
    const { cookie, tab } = await signInAndOut(t.url);
    tabs.push(tab);
    await cache.flood(11_000);
    await expectSignedOut(cookie, t.url, [tab]);
  });

  it('holds when the cache was down at logout, and after it comes back', async () => {
    const browser = new Browser(t.url);
    await browser.register();
    const tab = await browser.socket();
    tabs.push(tab);
    const cookie = browser.cookie;
    cache.failing = true;
    expect((await browser.json('POST', '/api/auth/logout')).status).toBe(204);
    await expectSignedOut(cookie, t.url, [tab]);
    cache.failing = false;
    cache.restart();
    await expectSignedOut(cookie, t.url, [tab]);
  });
});

describe('a session kept active all along', () => {
  let now = Date.now();
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      clock: () => now,
      accounts: { sessionTtlMs: 15 * MINUTE, sessionMaxMs: 60 * MINUTE },
    });
  });
  afterAll(() => t?.close());

  it('ends at its absolute maximum, and no renewal reaches past it', async () => {
    const browser = new Browser(t.url);
    await browser.register();
    const end = now + 60 * MINUTE;
    const tab = await browser.socket();
    let renewals = 0;
    try {
      // A request and a question every 5 minutes: never idle for a TTL, renewed past each half-life.
      while (now + 5 * MINUTE < end) {
        now += 5 * MINUTE;
        const res = await browser.request('GET', '/api/me');
        expect(res.status).toBe(200);
        for (const line of res.headers.getSetCookie()) {
          renewals++;
          const maxAgeSeconds = Number(/Max-Age=(\d+)/i.exec(line)![1]);
          expect(now + maxAgeSeconds * 1000).toBeLessThanOrEqual(end);
        }
        expect((await tab.request('chat:send', QUESTION)).ok).toBe(true);
      }
      expect(renewals).toBeGreaterThanOrEqual(4);

      now = end + 1_000;
      await expectSignedOut(browser.cookie, t.url, [tab]);
    } finally {
      tab.close();
    }
  });
});

describe('a logout while the database is down', () => {
  let dataDir: string;
  let database: BreakableDatabase;
  let t: TestApp;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'trendscope-sessions-'));
    database = await openBreakableDatabase(dataDir);
    t = await startTestApp({ openDatabase: async () => database });
  });
  afterAll(async () => {
    if (database) database.down = false;
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a retryable error rather than pretending, keeps the cookie, and works once it is back', async () => {
    const browser = new Browser(t.url);
    await browser.register();
    const tab = await browser.socket();
    try {
      const cookie = browser.cookie;
      database.down = true;
      const res = await browser.request('POST', '/api/auth/logout');
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await res.json()) as ErrorBody).error.code).toBe('TEMPORARILY_UNAVAILABLE');
      // An outage signs nobody out either: the cookie stays, and asking again says "try later".
      expect(browser.cookie).toBe(cookie);
      expect((await browser.json<ErrorBody>('GET', '/api/me')).status).toBe(503);
      expect(await tab.request('chat:send', QUESTION)).toMatchObject({
        ok: false,
        error: { code: 'TEMPORARILY_UNAVAILABLE', retryAfterMs: 5_000 },
      });

      database.down = false;
      expect((await browser.json('POST', '/api/auth/logout')).status).toBe(204);
      await expectSignedOut(cookie, t.url, [tab]);
    } finally {
      tab.close();
    }
  });
});

/**
 * Two instances behind one balancer sharing PostgreSQL, each with its own in-memory cache (no Redis):
 * the database alone carries a logout from one to the other. PGlite's files cannot be shared by two
 * processes, so this needs a real server.
 */
describe.skipIf(!TEST_DATABASE_URL)(
  'a logout on one instance, refused on another sharing PostgreSQL (set TEST_DATABASE_URL)',
  () => {
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let a: TestApp;
    let b: TestApp;
    const instance = () =>
      startTestApp({
        openDatabase: () => openDatabase({ url: scratch.url, dataDir: '', logger: silentLogger }),
        accounts: { sessionSecret: SHARED_SECRET },
      });

    beforeAll(async () => {
      scratch = await createScratchDatabase(TEST_DATABASE_URL!);
      a = await instance();
      b = await instance();
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await scratch?.drop();
    });

    it('refuses the signed-out cookie on B, over HTTP and on sockets', async () => {
      const user = new Browser(a.url);
      await user.register();
      const cookie = user.cookie;
      const tabOnB = await user.at(b.url).socket();
      try {
        expect((await tabOnB.request('chat:send', QUESTION)).ok).toBe(true);
        expect((await user.json('POST', '/api/auth/logout')).status).toBe(204);
        await expectSignedOut(cookie, b.url, [tabOnB]);
      } finally {
        tabOnB.close();
      }
    });
  },
);
