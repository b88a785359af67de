import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_DRAWINGS_PER_SYMBOL,
  MAX_WORKSPACE_BYTES,
  type Drawing,
  type Workspace,
  type WorkspaceResponse,
} from '../../shared/workspace.ts';
import { Browser } from './support/accounts.ts';
import {
  DATABASE_BACKENDS,
  type DatabaseBackend,
  type DatabaseLocation,
} from './support/database-backends.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

type ErrorBody = { error: { code: string; message: string } };

const trendLine = (i: number): Drawing => ({
  kind: 'trend-line',
  id: `line-${i}`,
  from: { time: Date.UTC(2021, 4, 1) + i * 60_000, price: 50_000 + i },
  to: { time: Date.UTC(2021, 4, 2) + i * 60_000, price: 51_000.5 + i },
});

const FOUR_CHARTS: Workspace = {
  version: 1,
  layout: '4',
  panes: [
    { symbol: 'BTC/USDT', timeframe: '1m' },
    { symbol: 'ETH/USDT', timeframe: '15m' },
    { symbol: 'SOL/USDT', timeframe: '1h' },
    { symbol: 'BNB/USDT', timeframe: '4h' },
  ],
  activePane: 2,
  settings: {
    scale: 'log',
    theme: 'light',
    timeZone: 'local',
    syncCrosshair: true,
    syncTime: false,
    indicators: { rsi: false, ema200: false },
    cardsFolded: true,
  },
  drawings: {
    'BTC/USDT': [{ kind: 'price-line', id: 'support', price: 48_250 }, trendLine(1)],
  },
};

function describeWorkspaces({ name, skip, create }: DatabaseBackend) {
  describe.skipIf(skip)(`workspaces on ${name}`, () => {
    let location: DatabaseLocation;
    let t: TestApp;
    let alice: Browser;
    let bob: Browser;

    beforeAll(async () => {
      location = await create();
      t = await startTestApp({ openDatabase: location.open });
      alice = new Browser(t.url);
      await alice.register();
      bob = new Browser(t.url);
      await bob.register();
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      await location?.drop();
    });

    const read = (who: Browser) => who.json<WorkspaceResponse>('GET', '/api/workspace');
    const save = (who: Browser, body: unknown) =>
      who.json<WorkspaceResponse & ErrorBody>('PUT', '/api/workspace', body);

    it('is empty before the first save, then comes back as saved, and the newest save wins', async () => {
      expect(await read(alice)).toEqual({ status: 200, body: { workspace: null, updatedAt: null } });

      const saved = await save(alice, FOUR_CHARTS);
      expect(saved.status).toBe(200);
      expect(saved.body.workspace).toEqual(FOUR_CHARTS);
      expect(await read(alice)).toEqual({ status: 200, body: saved.body });

      const two: Workspace = { ...FOUR_CHARTS, layout: '2', activePane: 1, drawings: {} };
      await save(alice, two);
      expect((await read(alice)).body.workspace).toEqual(two);
      await save(alice, FOUR_CHARTS);
    });

    it('keeps each user’s own: one never reads or overwrites another’s', async () => {
      const aliceBefore = (await read(alice)).body;
      expect(aliceBefore.workspace).toEqual(FOUR_CHARTS);
      expect((await read(bob)).body).toEqual({ workspace: null, updatedAt: null });

      const bobs: Workspace = {
        ...FOUR_CHARTS,
        layout: '1',
        panes: [{ symbol: 'ETH/USDT', timeframe: '1d' }],
        activePane: 0,
      };
      expect((await save(bob, bobs)).status).toBe(200);
      expect((await read(bob)).body.workspace).toEqual(bobs);
      expect((await read(alice)).body).toEqual(aliceBefore);
      // A user id in the body or the query names nobody: the session does.
      await save(bob, { ...bobs, userId: alice.user!.id });
      expect((await bob.json('GET', `/api/workspace?userId=${alice.user!.id}`)).body).toMatchObject({
        workspace: bobs,
      });
      expect((await read(alice)).body).toEqual(aliceBefore);
      const rows = await t.database.db.selectFrom('user_workspaces').select('user_id').execute();
      expect(rows.map((r) => r.user_id).sort()).toEqual([alice.user!.id, bob.user!.id].sort());
    });

    it('refuses visitors', async () => {
      const visitor = new Browser(t.url);
      const unauthenticated = {
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED', message: 'Sign in first' } },
      };
      expect(await visitor.json('GET', '/api/workspace')).toEqual(unauthenticated);
      expect(await visitor.json('PUT', '/api/workspace', FOUR_CHARTS)).toEqual(unauthenticated);
    });

    it('drops what it does not know, and stores nothing else the client sent', async () => {
      const saved = await save(alice, {
        ...FOUR_CHARTS,
        extra: 'x'.repeat(1000),
        settings: { ...FOUR_CHARTS.settings, colour: 'red' },
      });
      expect(saved.body.workspace).toEqual(FOUR_CHARTS);
      expect((await read(alice)).body.workspace).toEqual(FOUR_CHARTS);
    });

    describe('refuses with a 400 that says what is wrong, and keeps the last good one', () => {
      const refused: Array<[string, unknown, RegExp]> = [
        ['a layout of 3 charts', { ...FOUR_CHARTS, layout: '3' }, /^layout: /],
        ['no charts', { ...FOUR_CHARTS, panes: [] }, /^panes: /],
        ['five charts', { ...FOUR_CHARTS, panes: [...FOUR_CHARTS.panes, FOUR_CHARTS.panes[0]] }, /^panes: /],
        [
          'a symbol that is not one',
          { ...FOUR_CHARTS, panes: [{ symbol: 'btc', timeframe: '1m' }] },
          /panes\.0\.symbol: must be a symbol/,
        ],
        [
          'an unknown timeframe',
          { ...FOUR_CHARTS, panes: [{ symbol: 'BTC/USDT', timeframe: '3m' }] },
          /panes\.0\.timeframe/,
        ],
        ['an active chart out of range', { ...FOUR_CHARTS, activePane: 4 }, /^activePane: /],
        ['an active chart that is no index', { ...FOUR_CHARTS, activePane: 1.5 }, /^activePane: /],
        ['another version', { ...FOUR_CHARTS, version: 2 }, /^version: /],
        [
          'settings of the wrong type',
          { ...FOUR_CHARTS, settings: { scale: 'cubic', syncTime: 'yes' } },
          /settings\.scale: .*settings\.syncTime: /,
        ],
        [
          'a drawing of an unknown kind',
          { ...FOUR_CHARTS, drawings: { 'BTC/USDT': [{ kind: 'circle', id: 'c' }] } },
          /drawings\.BTC\/USDT\.0/,
        ],
        [
          'a price that is no number',
          { ...FOUR_CHARTS, drawings: { 'BTC/USDT': [{ kind: 'price-line', id: 'p', price: '1' }] } },
          /drawings\.BTC\/USDT\.0\.price/,
        ],
        [
          `more than ${MAX_DRAWINGS_PER_SYMBOL} drawings on a symbol`,
          {
            ...FOUR_CHARTS,
            drawings: {
              'BTC/USDT': Array.from({ length: MAX_DRAWINGS_PER_SYMBOL + 1 }, (_, i) => trendLine(i)),
            },
          },
          /drawings\.BTC\/USDT: .*100/,
        ],
        // PostgreSQL's jsonb cannot store a NUL: refused as input, never a 500 from the database.
        [
          'a drawing id that is no plain name',
          { ...FOUR_CHARTS, drawings: { 'BTC/USDT': [{ kind: 'price-line', id: 'a\u0000b', price: 1 }] } },
          /drawings\.BTC\/USDT\.0\.id: must be 1 to 64 letters/,
        ],
        [
          'an indicator name that is no plain name',
          { ...FOUR_CHARTS, settings: { indicators: { 'rsi\u0000': true } } },
          /settings\.indicators/,
        ],
        ['a list instead of a document', [FOUR_CHARTS], /object/i],
        ['nothing', '', /object/i],
      ];
      for (const [what, body, message] of refused) {
        it(what, async () => {
          const before = (await read(alice)).body;
          const res = await save(alice, body === '' ? undefined : body);
          expect(res.status).toBe(400);
          expect(res.body.error.code).toBe('INVALID_PAYLOAD');
          expect(res.body.error.message).toMatch(message);
          expect((await read(alice)).body).toEqual(before);
        });
      }

      it(`a document over ${MAX_WORKSPACE_BYTES / 1024} KB, and says how large it is`, async () => {
        const drawings: Record<string, Drawing[]> = {};
        // 100 lines of about 120 bytes on each of 12 symbols.
        for (const base of [
          'BTC',
          'ETH',
          'SOL',
          'BNB',
          'XRP',
          'ADA',
          'DOGE',
          'TRX',
          'DOT',
          'LTC',
          'AVAX',
          'LINK',
        ])
          drawings[`${base}/USDT`] = Array.from({ length: MAX_DRAWINGS_PER_SYMBOL }, (_, i) => trendLine(i));
        const body = { ...FOUR_CHARTS, drawings };
        expect(JSON.stringify(body).length).toBeGreaterThan(MAX_WORKSPACE_BYTES);
        const res = await save(alice, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/^The workspace is \d+ KB of JSON; at most 128 KB is kept/);
        expect((await read(alice)).body.workspace).toEqual(FOUR_CHARTS);
      });

      it('a body far over the limit, and one that is not JSON', async () => {
        const huge = await alice.request(
          'PUT',
          '/api/workspace',
          JSON.stringify({ blob: 'x'.repeat(3 * MAX_WORKSPACE_BYTES) }),
        );
        expect(huge.status).toBe(400);
        const garbled = await alice.request('PUT', '/api/workspace', '{"version":1,');
        expect(garbled.status).toBe(400);
        expect(await garbled.json()).toEqual({
          error: { code: 'INVALID_PAYLOAD', message: 'The request body is not valid JSON' },
        });
        expect((await read(alice)).body.workspace).toEqual(FOUR_CHARTS);
      });
    });

    it('is still there after the server restarts', async () => {
      const before = (await read(alice)).body;
      await t.close();
      t = await startTestApp({ openDatabase: location.open });
      // New process, new session secret: sign in again.
      const again = new Browser(t.url);
      const { status } = await again.json('POST', '/api/auth/login', {
        username: alice.user!.username,
        password: 'correct horse battery staple',
      });
      expect(status).toBe(200);
      expect((await read(again)).body).toEqual(before);
    }, 60_000);
  });
}

for (const backend of DATABASE_BACKENDS) describeWorkspaces(backend);
