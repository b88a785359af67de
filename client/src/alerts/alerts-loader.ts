import type { AppSocket } from '../socket/binding.ts';
import type { AppStore } from '../store/index.ts';
import type * as AlertsFeature from './alerts-feature.ts';

export type LoadingAlerts = Promise<typeof AlertsFeature>;

/** Never settles: what the lazy parts wait on before main.tsx has started the chunk. */
let loading: LoadingAlerts = new Promise(() => undefined);

/**
 * Loads the alerts' chunk once `after` (the chat's chunk, which brings the account) is installed, and
 * installs it; the header's badge and the panel wait on the same promise.
 */
export function startAlerts(after: Promise<unknown>, store: AppStore, socket: AppSocket): LoadingAlerts {
  loading = after
    .then(() => import('./alerts-feature.ts'))
    .then((feature) => {
      feature.installAlerts(store, socket);
      return feature;
    });
  return loading;
}

export function loadingAlerts(): LoadingAlerts {
  return loading;
}
