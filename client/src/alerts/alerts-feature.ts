import type { AppSocket } from '../socket/binding.ts';
import type { AppStore } from '../store/index.ts';
import { bindAlerts } from './alerts-binding.ts';
import { alertsStore } from './alerts-store.ts';
import { openTriggerChart } from './open-trigger-chart.ts';

// The alerts' panel, toasts and socket binding: one chunk, loaded after the chat's (alerts-loader.ts).
export { AlertsPanel } from './AlertsPanel.tsx';
export { AlertToasts } from './AlertToasts.tsx';

/** Connects the alerts to the socket and to the account the chat's chunk installed. */
export function installAlerts(store: AppStore, socket: AppSocket): void {
  bindAlerts(alertsStore, store, socket, { openChart: openTriggerChart });
}
