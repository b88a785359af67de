import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Layout, Pane, Workspace } from '../../../shared/workspace.ts';
import type { StreamBinding } from '../socket/binding.ts';
import type { AppStore } from '../store/index.ts';
import { INDICATORS, togglesFrom, type IndicatorToggles } from '../store/indicator-toggles.ts';
import { PANE_COUNT, type WorkspaceStore } from './workspace-store.ts';

/** The chart store of each chart the layout shows, in the workspace's order; the first is `appStore`. */
export interface PaneStoresState {
  stores: readonly AppStore[];
}

export type PaneStores = ReturnType<typeof createPaneStores>;

export function createPaneStores(first: AppStore) {
  return createStore<PaneStoresState>()(() => ({ stores: [first] }));
}

export interface PanesDeps {
  workspace: WorkspaceStore;
  panes: PaneStores;
  /** A new chart store, for the second chart onwards. */
  createStore: () => AppStore;
  binding: StreamBinding;
}

const sameToggles = (a: IndicatorToggles, b: IndicatorToggles) => INDICATORS.every((i) => a[i] === b[i]);

/**
 * Keeps one chart store per chart of the layout, each on its pane's stream and fed by the socket, and
 * the workspace in step with them: a stream picked in a chart (header, chat, keyboard) and an indicator
 * switched on the active chart are written to the workspace, and a workspace read from the server or
 * storage is shown by every chart. Charts the layout no longer shows are let go with their streams;
 * their panes stay in the workspace for when the layout grows again.
 */
export function startPanes({ workspace, panes, createStore, binding }: PanesDeps): () => void {
  const first = panes.getState().stores[0] as AppStore;
  /** Per chart store: what detaches it from the socket and stops mirroring it. */
  const running = new Map<AppStore, () => void>();

  const show = (store: AppStore, pane: Pane, toggles: IndicatorToggles) => {
    const state = store.getState();
    if (state.symbol !== pane.symbol || state.timeframe !== pane.timeframe) state.selectStream(pane);
    state.setIndicatorToggles(toggles);
  };

  const run = (store: AppStore, index: number) => {
    // What the chart's own controls change goes to the workspace.
    const stopMirroring = store.subscribe((state, previous) => {
      if (state.symbol !== previous.symbol || state.timeframe !== previous.timeframe)
        workspace.getState().setPane(index, { symbol: state.symbol, timeframe: state.timeframe });
      if (
        state.indicatorToggles !== previous.indicatorToggles &&
        !sameToggles(state.indicatorToggles, togglesFrom(workspace.getState().workspace.settings.indicators))
      )
        workspace.getState().updateSettings({ indicators: { ...state.indicatorToggles } });
    });
    const detach = binding.attach(store);
    running.set(store, () => {
      stopMirroring();
      detach();
    });
  };

  const apply = (document: Workspace) => {
    const toggles = togglesFrom(document.settings.indicators);
    const count = PANE_COUNT[document.layout];
    const current = panes.getState().stores;
    const stores = document.panes.slice(0, count).map((pane, index) => {
      const store = current[index] ?? (index === 0 ? first : createStore());
      show(store, pane, toggles);
      if (!running.has(store)) {
        run(store, index);
        if (store !== first) void store.getState().loadSymbols();
      }
      return store;
    });
    for (const store of current.slice(stores.length)) {
      running.get(store)?.();
      running.delete(store);
    }
    if (stores.length !== current.length || stores.some((s, i) => s !== current[i]))
      panes.setState({ stores });
  };

  apply(workspace.getState().workspace);
  const stopWorkspace = workspace.subscribe((state, previous) => {
    if (state.workspace !== previous.workspace) apply(state.workspace);
  });
  return () => {
    stopWorkspace();
    for (const stop of running.values()) stop();
    running.clear();
  };
}

/** The chart store of the active chart: what the header, the title and the keyboard act on. */
export function activeStore(workspace: WorkspaceStore, panes: PaneStores): AppStore {
  const { stores } = panes.getState();
  return stores[workspace.getState().workspace.activePane] ?? (stores[0] as AppStore);
}

/**
 * Calls `bind` with the active chart's store, and again whenever another chart becomes active, undoing
 * the last binding first (the document title follows the active chart).
 */
export function followActiveStore(
  workspace: WorkspaceStore,
  panes: PaneStores,
  bind: (store: AppStore) => () => void,
): () => void {
  let store = activeStore(workspace, panes);
  let undo = bind(store);
  const rebind = () => {
    const next = activeStore(workspace, panes);
    if (next === store) return;
    undo();
    store = next;
    undo = bind(store);
  };
  const stopWorkspace = workspace.subscribe(rebind);
  const stopPanes = panes.subscribe(rebind);
  return () => {
    stopWorkspace();
    stopPanes();
    undo();
  };
}

/**
 * A new chart for a growing layout: a market no chart shows yet, on the active chart's timeframe, so
 * that 2 or 4 charts compare markets at once; the user changes it with the header's pickers.
 */
export function nextPane(
  existing: readonly Pane[],
  offered: readonly string[],
  active: Pane | undefined,
): Pane {
  const shown = new Set(existing.map((pane) => pane.symbol));
  const symbol = offered.find((s) => !shown.has(s)) ?? active?.symbol ?? offered[0] ?? 'BTC/USDT';
  return { symbol, timeframe: active?.timeframe ?? '1m' };
}

/** Switches the layout, filling new charts with markets not shown yet. */
export function changeLayout(workspace: WorkspaceStore, offered: readonly string[], layout: Layout): void {
  const { panes, activePane } = workspace.getState().workspace;
  workspace.getState().setLayout(layout, (before) => nextPane(before, offered, panes[activePane]));
}

export function usePaneStores<T>(panes: PaneStores, selector: (state: PaneStoresState) => T): T {
  return useStore(panes, selector);
}
