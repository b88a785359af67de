import type { ChildProcess } from 'node:child_process';
import { createAdapter } from '@socket.io/redis-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AlertCondition } from '../../../shared/alerts.ts';
import type { SubscribeResult } from '../../../shared/protocol.ts';
import { ScriptedMarket } from '../../../scripts/bench/scripted-market.ts';
import { redisLimiters } from '../../src/auth/redis/redis-limiters.ts';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { connectRedis, type RedisClients } from '../../src/kernel/redis/redis-clients.ts';
import { Browser } from '../support/accounts.ts';
import { openAlertTab, type AlertTab } from '../support/alert-tab.ts';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/env.ts';
import { createScratchDatabase } from '../support/postgres.ts';
import { startServerProcess } from '../support/server-process.ts';
import { TestClient } from '../support/socket-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { sleep, waitFor } from '../support/wait.ts';

const BTC = 'BTC/USDT';
const SECRET = 'shared-by-every-instance-0123456789abcdef';

/** Each instance's claims of crossings, won and lost, from its /metrics. */
async function claims(url: string): Promise<{ won: number; lost: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const count = (outcome: string) =>
    Number(
      new RegExp(`^trendscope_alert_claims_total\\{outcome="${outcome}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0,
    );
  return { won: count('won'), lost: count('lost') };
}

/** Every trigger of these alerts, as stored. */
async function storedTriggers(database: DatabaseHandle, alerts: Alert[]) {
  const rows = await database.db
    .selectFrom('alert_triggers')
    .select(['id', 'alert_id'])
    .where(
      'alert_id',
      'in',
      alerts.map((a) => a.id),
    )
    .execute();
  return rows.map((r) => ({ id: String(r.id), alertId: r.alert_id }));
}

/** Each tab got exactly one `alert:triggered` per stored trigger, and nothing else. */
function expectEachTriggerOnce(tabs: AlertTab[], triggerIds: string[]) {
  for (const tab of tabs) expect(tab.triggered.map((e) => e.id).sort()).toEqual([...triggerIds].sort());
}

/**
 * Both instances evaluate every tick of a stream; the database lets one of them record each
 * crossing. Two instances on one Redis (Socket.IO adapter) and one PostgreSQL.
 */
describe.skipIf(!TEST_REDIS_URL || !TEST_DATABASE_URL)(
  'alerts across two instances (Redis + PostgreSQL)',
  () => {
    const prefix = `trendscope-test-${process.pid}-${Date.now()}:`;
    const redisClients: RedisClients[] = [];
    const tabs: AlertTab[] = [];
    let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;

    beforeAll(async () => {
      scratch = await createScratchDatabase(TEST_DATABASE_URL!);
    });
    afterAll(async () => {
      for (const t of tabs) t.close();
      for (const r of redisClients) await r.close();
      await scratch?.drop();
    });

    const open = async (browser: Browser) => {
      const tab = await openAlertTab(browser);
      tabs.push(tab);
      return tab;
    };

    describe('in this process, both fed the same ticks', () => {
      const market = new ScriptedMarket({ [BTC]: 50_000 }, Date.now);
      let a: TestApp;
      let b: TestApp;
      const instance = async () => {
        const redis = connectRedis(TEST_REDIS_URL!, silentLogger);
        redisClients.push(redis);
        await redis.ready(5_000);
        return startTestApp({
          source: market,
          clock: Date.now,
          openDatabase: () => openDatabase({ url: scratch.url, dataDir: '', logger: silentLogger }),
          socketAdapter: createAdapter(redis.command, redis.subscriber, { key: `${prefix}socket.io` }),
          rateLimiters: redisLimiters(redis.command, prefix),
          accounts: { sessionSecret: SECRET },
          alerts: { changeFeedMs: 100 },
        });
      };
      beforeAll(async () => {
        a = await instance();
        b = await instance();
      });
      afterAll(async () => {
        await a?.close();
        await b?.close();
      });

      it('records each crossing once and tells each tab once, whichever instance created the alert', async () => {
        const user = new Browser(a.url);
        await user.register();
        const [onA, onB] = [await open(user), await open(user.at(b.url))];
        market.tick(BTC, 50_000);
        const levels = Array.from({ length: 10 }, (_, i) => 50_010 + i * 10);
        const alerts: Alert[] = [];
        for (const [i, value] of levels.entries()) {
          const condition: AlertCondition = { kind: 'price', op: 'above', value };
          alerts.push(
            await (i % 2 ? onA : onB).create({
              symbol: BTC,
              timeframe: '1m',
              condition,
              repeat: i % 3 === 0,
            }),
          );
        }
        // Both instances know every alert (the other's through its change feed) and watch the stream.
        await waitFor(async () => {
          await Promise.all([a.app.alerts.ready(), b.app.alerts.ready()]);
          const rows = await a.database.db
            .selectFrom('alerts')
            .select('id')
            .where('user_id', '=', user.user!.id)
            .execute();
          return rows.length === alerts.length;
        }, 'the alerts stored');
        await sleep(500);

        // One tick through every level, then back and through again: repeating ones are cooling down.
        market.tick(BTC, 50_200);
        await waitFor(
          () => onA.triggered.length === alerts.length && onB.triggered.length === alerts.length,
          'every alert',
        );
        market.tick(BTC, 50_000);
        market.tick(BTC, 50_200);
        await sleep(500);

        const rows = await storedTriggers(a.database, alerts);
        expect(rows.map((r) => r.alertId).sort()).toEqual(alerts.map((x) => x.id).sort());
        expectEachTriggerOnce(
          [onA, onB],
          rows.map((r) => r.id),
        );
        const [ca, cb] = [await claims(a.url), await claims(b.url)];
        expect(ca.won + cb.won).toBe(alerts.length);
        // Both evaluated the tick: what one won, the other lost.
        expect(ca.lost + cb.lost).toBeGreaterThanOrEqual(alerts.length);
      });
    });

    describe('as two server processes on the replay', () => {
      const children: ChildProcess[] = [];
      afterAll(() => {
        for (const child of children) child.kill('SIGKILL');
      });

      it('fires each alert once when the live replay crosses it', async () => {
        const env = {
          REDIS_URL: TEST_REDIS_URL!,
          DATABASE_URL: scratch.url,
          SESSION_SECRET: SECRET,
          REPLAY_TICK_MS: '250',
          // Both on one address: the per-address limits would otherwise count this test's sockets together.
          SOCKET_EVENTS_PER_ADDRESS: '10000',
        };
        // Both at once, as replicas start (the migrations take a lock), each given two minutes.
        const [a, b] = await Promise.all([
          startServerProcess(env, 120_000),
          startServerProcess(env, 120_000),
        ]);
        children.push(a.child, b.child);
        const user = new Browser(a.url);
        await user.register();
        const [onA, onB] = [await open(user), await open(user.at(b.url))];

        const watcher = new TestClient(a.url);
        const snapshot = await watcher.request<SubscribeResult>('subscribe', {
          symbol: BTC,
          timeframe: '1m',
          limit: 1,
        });
        watcher.close();
        if (!snapshot.ok) throw new Error(snapshot.error.message);
        const price = snapshot.data.candles.at(-1)!.close;
        // Levels a few basis points either side of the price: the forming candle passes some within seconds.
        const alerts: Alert[] = [];
        for (let k = 1; k <= 6; k++) {
          for (const op of ['above', 'below'] as const) {
            const value = Number((price * (1 + (op === 'above' ? 1 : -1) * k * 0.0001)).toFixed(2));
            alerts.push(
              await (k % 2 ? onA : onB).create({
                symbol: BTC,
                timeframe: '1m',
                condition: { kind: 'price', op, value },
              }),
            );
          }
        }
        await waitFor(() => onA.triggered.length >= 3, 'a few alerts to fire', 90_000);
        await sleep(3_000);

        const database = await openDatabase({ url: scratch.url, dataDir: '', logger: silentLogger });
        const rows = await storedTriggers(database, alerts).finally(() => database.close());
        expect(new Set(rows.map((r) => r.alertId)).size).toBe(rows.length);
        expectEachTriggerOnce(
          [onA, onB],
          rows.map((r) => r.id),
        );
        const [ca, cb] = [await claims(a.url), await claims(b.url)];
        expect(ca.won + cb.won).toBe(rows.length);
        expect(ca.lost + cb.lost).toBeGreaterThan(0);
      }, 420_000);
    });
  },
);
