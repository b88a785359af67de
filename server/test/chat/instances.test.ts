import { createAdapter } from '@socket.io/redis-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSendResult } from '../../../shared/chat.ts';
import { redisLimiters } from '../../src/auth/redis/redis-limiters.ts';
import { withFallback } from '../../src/cache/fallback-cache.ts';
import { createMemoryCache } from '../../src/cache/memory/memory-cache.ts';
import { createRedisCache } from '../../src/cache/redis/redis-cache.ts';
import { openDatabase } from '../../src/db/database.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { connectRedis, type RedisClients } from '../../src/kernel/redis/redis-clients.ts';
import { Browser, PASSWORD, uniqueName, type ChatClient } from '../support/accounts.ts';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/env.ts';
import { createScratchDatabase } from '../support/postgres.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';

/**
 * Two instances behind one load balancer share PostgreSQL, Redis and the session secret: a user's
 * tabs may sit on either, and a logout or a rate limit on one holds on the other.
 */
describe.skipIf(!TEST_REDIS_URL || !TEST_DATABASE_URL)(
  'chat across two instances (Redis + PostgreSQL)',
  () => {
    const prefix = `trendscope-test-${process.pid}-${Date.now()}:`;
    const redisClients: RedisClients[] = [];
    const sockets: ChatClient[] = [];
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
    let a: TestApp;
    let b: TestApp;

    const instance = async () => {
      const redis = connectRedis(TEST_REDIS_URL!, silentLogger);
      redisClients.push(redis);
      await redis.ready(5_000);
      return startTestApp({
        openDatabase: () => openDatabase({ url: scratch.url, dataDir: '', logger: silentLogger }),
        cache: withFallback(createRedisCache(redis.command, prefix), createMemoryCache(), silentLogger),
        socketAdapter: createAdapter(redis.command, redis.subscriber, { key: `${prefix}socket.io` }),
        rateLimiters: redisLimiters(redis.command, prefix),
        accounts: {
          sessionSecret: 'shared-by-every-instance-0123456789abcdef',
          rateLimits: { perIp: 1000, perUsername: 3, windowSeconds: 60 },
        },
      });
    };
    const open = async (browser: Browser, on: TestApp) => {
      const tab = await browser.at(on.url).socket();
      sockets.push(tab);
      return tab;
    };

    beforeAll(async () => {
      scratch = await createScratchDatabase(TEST_DATABASE_URL!);
      a = await instance();
      b = await instance();
    });
    afterAll(async () => {
      for (const s of sockets) s.close();
      await a?.close();
      await b?.close();
      for (const r of redisClients) await r.close();
      await scratch?.drop();
    });

    it('pushes the answer to the user’s tab on the other instance, and to no one else', async () => {
      const user = new Browser(a.url);
      await user.register();
      const other = new Browser(b.url);
      await other.register();
      const [onA, onB, stranger] = [await open(user, a), await open(user, b), await open(other, b)];
      const res = await onA.request<ChatSendResult>('chat:send', { text: 'price of ETH' });
      if (!res.ok) throw new Error(res.error.message);
      await waitFor(() => onB.messages.length > 0, 'the push on the other instance');
      expect(onB.messages[0]!.messages.map((m) => m.id)).toEqual([res.data.question.id, res.data.message.id]);
      await sleep(200);
      expect(stranger.messages).toEqual([]);
    });

    it('signs a session out on both instances at once', async () => {
      const user = new Browser(a.url);
      await user.register();
      const [onA, onB] = [await open(user, a), await open(user, b)];
      const replay = user.at(a.url);
      expect((await user.at(b.url).json('POST', '/api/auth/logout')).status).toBe(204);
      const refused = await onA.request('chat:send', { text: 'BTC price' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect((await onB.request('chat:send', { text: 'BTC price' })).ok).toBe(false);
      // The cookie kept by the first tab's browser is refused on the other instance too.
      expect((await replay.json('GET', '/api/me')).status).toBe(401);
    });

    it('counts attempts on a username across instances', async () => {
      const username = uniqueName('shared');
      await new Browser(a.url).register(username);
      const attempt = (on: TestApp) =>
        new Browser(on.url).request('POST', '/api/auth/login', { username, password: 'wrong password' });
      expect((await attempt(b)).status).toBe(401);
      expect((await attempt(a)).status).toBe(401);
      const limited = await new Browser(b.url).request('POST', '/api/auth/login', {
        username,
        password: PASSWORD,
      });
      expect(limited.status).toBe(429);
    });
  },
);
