import { useStore } from 'zustand';
import { appStore, type AppStore } from '../store/index.ts';
import { createChartSync } from './chart-sync.ts';
import { activeStore, createPaneStores } from './pane-stores.ts';
import { workspaceStore } from './workspace-store.ts';

/** The app's chart stores, one per chart of the layout; main.tsx starts them (startPanes). */
export const paneStores = createPaneStores(appStore);

/** Crosshair and time sync of the app's charts, as the workspace's settings say. */
export const chartSync = createChartSync(() => {
  const { settings } = workspaceStore.getState().workspace;
  return { crosshair: settings.syncCrosshair ?? true, time: settings.syncTime ?? false };
});

/** The active chart's store, for the header and whatever else acts on "the" chart. */
export function useActiveStore(): AppStore {
  const index = useStore(workspaceStore, (state) => state.workspace.activePane);
  const stores = useStore(paneStores, (state) => state.stores);
  return stores[index] ?? activeStore(workspaceStore, paneStores);
}
