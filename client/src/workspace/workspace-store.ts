import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import {
  DEFAULT_WORKSPACE,
  type ChartSettings,
  type Drawing,
  type Layout,
  type Pane,
  type Workspace,
} from '../../../shared/workspace.ts';

/** How many charts each layout shows. */
export const PANE_COUNT: Readonly<Record<Layout, number>> = { '1': 1, '2': 2, '4': 4 };

const NO_DRAWINGS: readonly Drawing[] = Object.freeze([]);

export interface WorkspaceState {
  /** The document saved for the signed-in user on the server, or for a visitor in this browser. */
  workspace: Workspace;
  /** Why the last save to the server failed (it is retried); null while saving works. */
  saveError: string | null;

  /** Another layout; `newPane` makes each chart it shows beyond the panes kept, given those before it. */
  setLayout: (layout: Layout, newPane: (panes: readonly Pane[]) => Pane) => void;
  /** Which chart the header, the legend and the keyboard act on; clamped to the charts shown. */
  setActivePane: (index: number) => void;
  /** What a chart shows, as its chart store selected it. */
  setPane: (index: number, pane: Pane) => void;
  /** Chart settings (scale, theme, time zone, sync, indicators, cards): the keys given, the rest kept. */
  updateSettings: (patch: Partial<ChartSettings>) => void;
  /** The drawings of a market, shown on every chart of it. */
  drawingsFor: (symbol: string) => readonly Drawing[];
  setDrawings: (symbol: string, drawings: readonly Drawing[]) => void;
  /** Replaces the whole document: one read from the server or from storage. */
  replace: (workspace: Workspace) => void;
  setSaveError: (message: string | null) => void;
}

/**
 * The workspace document and the only way to change it: everything persisted (layout, each chart's
 * stream, indicators, drawings, chart settings) is written here, and workspace-persistence.ts saves
 * every change. Other modules read it with `useWorkspace` or `workspaceStore.getState()`.
 */
export function createWorkspaceStore(initial: Workspace = DEFAULT_WORKSPACE) {
  return createStore<WorkspaceState>()((set, get) => {
    const change = (patch: Partial<Workspace>) => set({ workspace: { ...get().workspace, ...patch } });

    return {
      workspace: initial,
      saveError: null,

      setLayout: (layout, newPane) => {
        const { workspace } = get();
        if (workspace.layout === layout) return;
        const count = PANE_COUNT[layout];
        const panes = [...workspace.panes];
        while (panes.length < count) panes.push(newPane(panes));
        change({ layout, panes, activePane: Math.min(workspace.activePane, count - 1) });
      },

      setActivePane: (index) => {
        const { workspace } = get();
        const activePane = Math.max(0, Math.min(index, PANE_COUNT[workspace.layout] - 1));
        if (activePane !== workspace.activePane) change({ activePane });
      },

      setPane: (index, pane) => {
        const { panes } = get().workspace;
        const current = panes[index];
        if (!current || (current.symbol === pane.symbol && current.timeframe === pane.timeframe)) return;
        change({
          panes: panes.map((p, i) => (i === index ? { symbol: pane.symbol, timeframe: pane.timeframe } : p)),
        });
      },

      updateSettings: (patch) => {
        const { settings } = get().workspace;
        const keys = Object.keys(patch) as Array<keyof ChartSettings>;
        if (keys.every((key) => settings[key] === patch[key])) return;
        change({ settings: { ...settings, ...patch } });
      },

      drawingsFor: (symbol) => get().workspace.drawings?.[symbol] ?? NO_DRAWINGS,

      setDrawings: (symbol, drawings) => {
        const { [symbol]: _previous, ...others } = get().workspace.drawings ?? {};
        change({ drawings: drawings.length > 0 ? { ...others, [symbol]: [...drawings] } : others });
      },

      replace: (workspace) => set({ workspace }),
      setSaveError: (saveError) => {
        if (get().saveError !== saveError) set({ saveError });
      },
    };
  });
}

export type WorkspaceStore = ReturnType<typeof createWorkspaceStore>;

/** The app's one workspace. */
export const workspaceStore: WorkspaceStore = createWorkspaceStore();

/** Select one field at a time, as with the chart stores. */
export function useWorkspace<T>(selector: (state: WorkspaceState) => T): T {
  return useStore(workspaceStore, selector);
}
