import { describe, expect, it } from 'vitest';
import type { Drawing } from '../../../shared/workspace.ts';
import { createWorkspaceStore } from './workspace-store.ts';

const line = (id: string, price: number): Drawing => ({ kind: 'price-line', id, price });

describe('the workspace document', () => {
  it('keeps drawings by market, and drops a market’s entry with its last drawing', () => {
    const store = createWorkspaceStore();
    store.getState().setDrawings('BTC/USDT', [line('a', 50_000)]);
    store.getState().setDrawings('ETH/USDT', [line('b', 3_000)]);
    expect(store.getState().drawingsFor('BTC/USDT')).toEqual([line('a', 50_000)]);
    expect(store.getState().drawingsFor('SOL/USDT')).toEqual([]);

    store.getState().setDrawings('BTC/USDT', []);
    expect(store.getState().workspace.drawings).toEqual({ 'ETH/USDT': [line('b', 3_000)] });
  });

  it('changes nothing, and tells nobody, when a setting or a stream is set to what it is', () => {
    const store = createWorkspaceStore();
    store.getState().updateSettings({ scale: 'log', syncTime: true });
    const before = store.getState().workspace;
    store.getState().updateSettings({ scale: 'log' });
    store.getState().setPane(0, { symbol: 'BTC/USDT', timeframe: '1m' });
    store.getState().setPane(3, { symbol: 'ETH/USDT', timeframe: '1m' });
    store.getState().setActivePane(2);
    expect(store.getState().workspace).toBe(before);
    expect(before.settings).toEqual({ scale: 'log', syncTime: true });
  });

  it('makes only the charts a layout adds, each knowing those before it', () => {
    const store = createWorkspaceStore();
    const seen: number[] = [];
    store.getState().setLayout('4', (before) => {
      seen.push(before.length);
      return { symbol: 'ETH/USDT', timeframe: '5m' };
    });
    expect(seen).toEqual([1, 2, 3]);
    store.getState().setActivePane(3);
    store.getState().setLayout('1', () => {
      throw new Error('no chart to add');
    });
    expect(store.getState().workspace).toMatchObject({ layout: '1', activePane: 0 });
    expect(store.getState().workspace.panes).toHaveLength(4);
  });
});
