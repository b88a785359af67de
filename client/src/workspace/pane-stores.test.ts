import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/workspace.ts';
import type { StreamBinding } from '../socket/binding.ts';
import { createAppStore } from '../store/create-app-store.ts';
import type { AppStore } from '../store/index.ts';
import { SYMBOLS } from '../test-support.ts';
import { changeLayout, createPaneStores, followActiveStore, startPanes } from './pane-stores.ts';
import { createWorkspaceStore } from './workspace-store.ts';

const OFFERED = SYMBOLS.symbols.map((info) => info.symbol);

/** Records which stores are fed, as the socket binding would feed them. */
function recordingBinding() {
  const attached = new Set<AppStore>();
  const binding: StreamBinding = {
    attach: (store) => {
      attached.add(store);
      return () => attached.delete(store);
    },
    close: () => attached.clear(),
  };
  return { binding, attached };
}

async function started(initial?: Workspace) {
  const workspace = createWorkspaceStore(initial);
  const first = createAppStore({ fetchSymbols: async () => SYMBOLS });
  await first.getState().loadSymbols();
  const panes = createPaneStores(first);
  const { binding, attached } = recordingBinding();
  const stop = startPanes({
    workspace,
    panes,
    createStore: () => createAppStore({ fetchSymbols: async () => SYMBOLS }),
    binding,
  });
  const stores = () => panes.getState().stores;
  const streams = () => stores().map((s) => `${s.getState().symbol} ${s.getState().timeframe}`);
  // The new stores' symbol lists arrive in a microtask or two.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { workspace, first, panes, attached, stores, streams, settle, stop };
}

describe('the charts of a layout', () => {
  it('show the workspace’s streams, the first in the app’s own store, each fed by the socket', async () => {
    const t = await started({
      version: 1,
      layout: '2',
      panes: [
        { symbol: 'ETH/USDT', timeframe: '1h' },
        { symbol: 'SOL/USDT', timeframe: '5m' },
      ],
      activePane: 1,
      settings: {},
    });
    await t.settle();
    expect(t.stores()[0]).toBe(t.first);
    expect(t.streams()).toEqual(['ETH/USDT 1h', 'SOL/USDT 5m']);
    expect([...t.attached]).toEqual(t.stores());
  });

  it('grow with the layout on markets not shown yet, and let go of the charts it hides', async () => {
    const t = await started();
    changeLayout(t.workspace, OFFERED, '4');
    await t.settle();
    expect(t.streams()).toEqual(['BTC/USDT 1m', 'ETH/USDT 1m', 'SOL/USDT 1m', 'BTC/USDT 1m']);
    const [, second, third] = t.stores();

    t.workspace.getState().setActivePane(3);
    changeLayout(t.workspace, OFFERED, '2');
    expect(t.stores()).toEqual([t.first, second]);
    expect(t.attached.has(third!)).toBe(false);
    expect(t.workspace.getState().workspace).toMatchObject({ layout: '2', activePane: 1 });
    // The hidden panes are kept for when the layout grows again.
    expect(t.workspace.getState().workspace.panes).toHaveLength(4);
    changeLayout(t.workspace, OFFERED, '4');
    await t.settle();
    expect(t.streams()[2]).toBe('SOL/USDT 1m');
  });

  it('write a stream picked in a chart into its pane of the workspace', async () => {
    const t = await started();
    changeLayout(t.workspace, OFFERED, '2');
    await t.settle();
    t.stores()[1]!.getState().selectStream({ symbol: 'SOL/USDT', timeframe: '1h' });
    expect(t.workspace.getState().workspace.panes[1]).toEqual({ symbol: 'SOL/USDT', timeframe: '1h' });
    expect(t.workspace.getState().workspace.panes[0]).toEqual({ symbol: 'BTC/USDT', timeframe: '1m' });
  });

  it('share the indicator toggles: one switched on a chart is switched on every chart and saved', async () => {
    const t = await started();
    changeLayout(t.workspace, OFFERED, '4');
    await t.settle();
    t.stores()[2]!.getState().toggleIndicator('rsi');
    for (const store of t.stores()) expect(store.getState().indicatorToggles.rsi).toBe(false);
    expect(t.workspace.getState().workspace.settings.indicators).toMatchObject({ rsi: false, macd: true });
  });

  it('follow a workspace read from the server: streams, layout and toggles', async () => {
    const t = await started();
    t.workspace.getState().replace({
      version: 1,
      layout: '2',
      panes: [
        { symbol: 'SOL/USDT', timeframe: '5m' },
        { symbol: 'ETH/USDT', timeframe: '1h' },
      ],
      activePane: 0,
      settings: { indicators: { macd: false } },
    });
    await t.settle();
    expect(t.streams()).toEqual(['SOL/USDT 5m', 'ETH/USDT 1h']);
    for (const store of t.stores())
      expect(store.getState().indicatorToggles).toMatchObject({ macd: false, rsi: true });
  });

  it('keep the title on the active chart', async () => {
    const t = await started();
    changeLayout(t.workspace, OFFERED, '2');
    await t.settle();
    const bound: string[] = [];
    followActiveStore(t.workspace, t.panes, (store) => {
      bound.push(store.getState().symbol);
      return () => bound.push('undo');
    });
    t.workspace.getState().setActivePane(1);
    t.workspace.getState().setActivePane(1);
    expect(bound).toEqual(['BTC/USDT', 'undo', 'ETH/USDT']);
  });
});
