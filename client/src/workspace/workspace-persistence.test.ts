import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WORKSPACE, type Workspace, type WorkspaceResponse } from '../../../shared/workspace.ts';
import type { PublicUser } from '../../../shared/auth.ts';
import type { WorkspaceApi } from '../api/workspace.ts';
import { RequestError } from '../api/request.ts';
import { readyStore, memoryStorage } from '../test-support.ts';
import type { AppStore } from '../store/index.ts';
import { readLocalWorkspace, startPersistence } from './workspace-persistence.ts';
import { createWorkspaceStore } from './workspace-store.ts';

const KEY = 'trendscope.workspace';
const ALICE: PublicUser = { id: '6f1c1f43-8a43-4b5e-9f4e-3c1d2f0a9b11', username: 'alice' };

const TWO: Workspace = {
  version: 1,
  layout: '2',
  panes: [
    { symbol: 'ETH/USDT', timeframe: '1h' },
    { symbol: 'SOL/USDT', timeframe: '5m' },
  ],
  activePane: 1,
  settings: { syncTime: true },
};

describe('this browser’s workspace', () => {
  it('is read back as saved', () => {
    expect(readLocalWorkspace(memoryStorage({ [KEY]: JSON.stringify(TWO) }))).toEqual(TWO);
  });

  it('gets a chart for each cell of its layout and an active chart among them', () => {
    const short = { ...TWO, layout: '4', activePane: 3, panes: [TWO.panes[0]] };
    const read = readLocalWorkspace(memoryStorage({ [KEY]: JSON.stringify(short) }));
    expect(read.panes).toHaveLength(4);
    expect(read.activePane).toBe(3);
    expect(read.panes.every((pane) => pane.timeframe === '1h')).toBe(true);
  });

  it('starts from the stream and toggles kept before workspaces when there is none, or none readable', () => {
    const legacy = {
      'trendscope.selection': '{"symbol":"SOL/USDT","timeframe":"1h"}',
      'trendscope.indicators': '{"rsi":false}',
    };
    for (const stored of [undefined, '{not json', JSON.stringify({ ...TWO, layout: '3' })]) {
      const storage = memoryStorage(stored === undefined ? legacy : { ...legacy, [KEY]: stored });
      const read = readLocalWorkspace(storage);
      expect(read).toMatchObject({ layout: '1', panes: [{ symbol: 'SOL/USDT', timeframe: '1h' }] });
      expect(read.settings.indicators).toMatchObject({ rsi: false, macd: true });
    }
    expect(readLocalWorkspace(undefined)).toMatchObject({ layout: '1', panes: DEFAULT_WORKSPACE.panes });
  });
});

/** The server's end of /api/workspace, for one user at a time, with failures on demand. */
function fakeServer(stored: Workspace | null = null) {
  const state = {
    stored,
    fetches: 0,
    saves: [] as Workspace[],
    failSaves: null as RequestError | null,
    failFetches: 0,
  };
  const api: WorkspaceApi = {
    fetch: async (): Promise<WorkspaceResponse> => {
      state.fetches++;
      if (state.failFetches > 0) {
        state.failFetches--;
        throw new RequestError('TEMPORARILY_UNAVAILABLE', 'The database is unavailable for a moment');
      }
      return { workspace: state.stored, updatedAt: state.stored ? 1 : null };
    },
    save: async (workspace) => {
      if (state.failSaves) throw state.failSaves;
      state.saves.push(workspace);
      state.stored = workspace;
      return { workspace, updatedAt: 2 };
    },
    saveOnLeave: (workspace) => void state.saves.push(workspace),
  };
  return { state, api };
}

describe('saving the workspace', () => {
  let account: AppStore;
  beforeEach(async () => {
    account = await readyStore();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  function persisted(server = fakeServer(), initial: Workspace = DEFAULT_WORKSPACE) {
    const storage = memoryStorage();
    const workspace = createWorkspaceStore(initial);
    let leave = () => {};
    const onLeave = (flush: () => void) => {
      leave = flush;
      return () => undefined;
    };
    const stop = startPersistence({ workspace, storage, api: server.api, account, onLeave });
    const local = () => JSON.parse(storage.items.get(KEY) ?? 'null') as Workspace | null;
    return { workspace, storage, local, stop, leave: () => leave(), ...server };
  }
  const signIn = () => account.setState({ user: ALICE, authStatus: 'signed-in' });
  const signOut = () => account.setState({ user: null, authStatus: 'signed-out' });

  it('keeps a visitor’s in this browser a second after the last change, and sends nothing', async () => {
    const t = persisted();
    signOut();
    t.workspace.getState().updateSettings({ scale: 'log' });
    t.workspace.getState().updateSettings({ timeZone: 'local' });
    await vi.advanceTimersByTimeAsync(900);
    expect(t.local()).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(t.local()?.settings).toEqual({ scale: 'log', timeZone: 'local' });
    expect(t.state.fetches + t.state.saves.length).toBe(0);
  });

  it('saves a signed-in user’s on the server too, once per burst of changes', async () => {
    const t = persisted(fakeServer(TWO), TWO);
    signIn();
    await vi.advanceTimersByTimeAsync(0);
    for (const activePane of [0, 1, 0]) t.workspace.getState().setActivePane(activePane);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.state.saves).toEqual([{ ...TWO, activePane: 0 }]);
    expect(t.local()).toEqual({ ...TWO, activePane: 0 });
  });

  it('on sign-in, shows the server’s copy in place of this browser’s', async () => {
    const t = persisted(fakeServer(TWO));
    t.workspace.getState().updateSettings({ scale: 'percent' });
    signIn();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(t.workspace.getState().workspace).toEqual(TWO);
    expect(t.local()).toEqual(TWO);
    // The server's copy is not sent back to it.
    expect(t.state.saves).toEqual([]);
  });

  it('on sign-in, makes this browser’s the user’s when the server has none', async () => {
    const t = persisted(fakeServer(null), TWO);
    signIn();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.state.saves).toEqual([TWO]);
    expect(t.workspace.getState().workspace).toEqual(TWO);
  });

  it('says when the server cannot save it, retries, and says nothing once it could', async () => {
    const t = persisted(fakeServer(TWO), TWO);
    signIn();
    await vi.advanceTimersByTimeAsync(0);
    t.state.failSaves = new RequestError(
      'TEMPORARILY_UNAVAILABLE',
      'The database is unavailable for a moment',
    );
    t.workspace.getState().setActivePane(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.workspace.getState().saveError).toMatch(/not saved on the server: The database is unavailable/);
    // This browser has it meanwhile.
    expect(t.local()?.activePane).toBe(0);

    t.state.failSaves = null;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.state.saves.at(-1)?.activePane).toBe(0);
    expect(t.workspace.getState().saveError).toBeNull();
  });

  it('asks the server again when it could not read it at sign-in', async () => {
    const server = fakeServer(TWO);
    server.state.failFetches = 1;
    const t = persisted(server);
    signIn();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.workspace.getState().workspace).toEqual(DEFAULT_WORKSPACE);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.state.fetches).toBe(2);
    expect(t.workspace.getState().workspace).toEqual(TWO);
  });

  it('stops sending after a sign-out, and keeps this browser’s copy', async () => {
    const t = persisted(fakeServer(TWO), TWO);
    signIn();
    await vi.advanceTimersByTimeAsync(0);
    signOut();
    t.workspace.getState().setActivePane(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.state.saves).toEqual([]);
    expect(t.local()?.activePane).toBe(0);
  });

  it('sends a change made just before the page goes away', async () => {
    const t = persisted(fakeServer(TWO), TWO);
    signIn();
    await vi.advanceTimersByTimeAsync(0);
    t.workspace.getState().setActivePane(0);
    t.leave();
    expect(t.state.saves).toEqual([{ ...TWO, activePane: 0 }]);
    expect(t.local()?.activePane).toBe(0);
    // Not twice, should the page come back from the cache.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(t.state.saves).toHaveLength(1);
  });
});
