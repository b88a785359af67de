import type { Alert } from '../../../shared/alerts.ts';
import { paneStores } from '../workspace/app-workspace.ts';
import { activeStore } from '../workspace/pane-stores.ts';
import { workspaceStore } from '../workspace/workspace-store.ts';

/** Shows a trigger's market and timeframe on the active chart. */
export function openTriggerChart({ alert }: { alert: Pick<Alert, 'symbol' | 'timeframe'> }): void {
  activeStore(workspaceStore, paneStores)
    .getState()
    .selectStream({ symbol: alert.symbol, timeframe: alert.timeframe });
}
