import type { StreamBinding } from '../socket/binding.ts';
import { appStore, chartStoreDeps, createChartStore } from '../store/index.ts';
import { paneStores } from './app-workspace.ts';
import { startPanes } from './pane-stores.ts';
import { workspaceStore } from './workspace-store.ts';

/**
 * Brings back this browser's workspace, then starts the charts it lays out and the saving of every
 * change (and, once someone is signed in, the server's copy). The saving code loads in a chunk of its
 * own beside the symbol list, which the first subscription waits for anyway.
 */
export function startWorkspace(binding: StreamBinding): void {
  const persistence = import('./workspace-persistence.ts');
  void persistence
    .then(({ browserStorage, readLocalWorkspace }) =>
      workspaceStore.getState().replace(readLocalWorkspace(browserStorage())),
    )
    .catch((error: unknown) => console.warn('The saved layout could not load; showing one chart.', error))
    .finally(() => {
      startPanes({
        workspace: workspaceStore,
        panes: paneStores,
        createStore: () => createChartStore(chartStoreDeps),
        binding,
      });
      void persistence.then(async ({ browserStorage, startPersistence }) =>
        startPersistence({
          workspace: workspaceStore,
          storage: browserStorage(),
          api: (await import('../api/workspace.ts')).workspaceApi,
          account: appStore,
        }),
      );
    });
}
