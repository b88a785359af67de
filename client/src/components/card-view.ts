import { timeZoneOf } from '../chart/tools/chart-settings.ts';
import { zoneFor } from '../chart/tools/time-format.ts';
import { useWorkspace } from '../workspace/workspace-store.ts';

/** The IANA zone the cards write times in: the chart's choice, UTC or the browser's. */
export function useCardZone(): string {
  return zoneFor(useWorkspace((state) => timeZoneOf(state.workspace.settings)));
}
