import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type {
  Alert,
  AlertCreateRequest,
  AlertList,
  AlertSeenEvent,
  AlertTrigger,
  AlertTriggeredEvent,
  AlertUpdateRequest,
} from '../../../shared/alerts.ts';
import type { Timeframe } from '../../../shared/market-basics.ts';
import { askNotificationPermission } from './notifications.ts';

/** What the form starts from when opened from the chart, the watchlist or a line. */
export interface AlertDraft {
  symbol: string;
  timeframe?: Timeframe;
  price?: number;
}

/** The socket's side of the store, set by the binding (alerts-binding.ts); an error message or null. */
export interface AlertRequests {
  create: (request: AlertCreateRequest) => Promise<string | null>;
  update: (request: AlertUpdateRequest) => Promise<string | null>;
  remove: (id: string) => Promise<string | null>;
  /** Marks every trigger seen. */
  seen: () => void;
}

/** `unknown`: nobody has said yet whether someone is signed in. */
export type AlertsAccount = 'unknown' | 'visitor' | 'signed-in';

/** Toasts kept at once; an older one gives way (its trigger stays in the history). */
const MAX_TOASTS = 3;
const NOT_CONNECTED = 'Alerts are not ready yet. Try again in a moment.';

export interface AlertsState {
  account: AlertsAccount;
  /** Whose alerts these are: another user's sign-in starts from nothing. */
  userId: string | null;
  loaded: boolean;
  alerts: Alert[];
  history: AlertTrigger[];
  unseen: number;
  open: boolean;
  /** Set when something asked for the form prefilled, until the panel closes. */
  draft: AlertDraft | null;
  /** Bumped with every draft, so the form starts again even from an equal one. */
  draftVersion: number;
  toasts: AlertTriggeredEvent[];
  requests: AlertRequests | null;

  setOpen: (open: boolean) => void;
  openForm: (draft: AlertDraft) => void;
  dismissToast: (id: string) => void;
  create: (request: AlertCreateRequest) => Promise<string | null>;
  update: (request: AlertUpdateRequest) => Promise<string | null>;
  remove: (id: string) => Promise<string | null>;

  // Written by the binding from the server's answers and pushes.
  setAccount: (account: AlertsAccount, userId: string | null) => void;
  setRequests: (requests: AlertRequests | null) => void;
  loadedList: (list: AlertList) => void;
  changed: (alert: Alert) => void;
  deleted: (id: string) => void;
  triggered: (event: AlertTriggeredEvent) => void;
  seen: (event: AlertSeenEvent) => void;
}

export type AlertsStore = StoreApi<AlertsState>;

/** The trigger as the history keeps it, built from the pushed event. */
function triggerOf(event: AlertTriggeredEvent): AlertTrigger {
  const { alert } = event;
  return {
    id: event.id,
    alertId: alert.id,
    symbol: alert.symbol,
    timeframe: alert.timeframe,
    condition: alert.condition,
    note: alert.note,
    price: event.price,
    value: event.value,
    time: event.time,
    seen: false,
  };
}

const upsert = (alerts: Alert[], alert: Alert) =>
  alerts.some((a) => a.id === alert.id)
    ? alerts.map((a) => (a.id === alert.id ? alert : a))
    : [alert, ...alerts];

export function createAlertsStore(): AlertsStore {
  return createStore<AlertsState>()((set, get) => {
    const markSeen = () => {
      if (get().unseen === 0) return;
      get().requests?.seen();
    };
    return {
      account: 'unknown',
      userId: null,
      loaded: false,
      alerts: [],
      history: [],
      unseen: 0,
      open: false,
      draft: null,
      draftVersion: 0,
      toasts: [],
      requests: null,

      setOpen: (open) => {
        set(open ? { open } : { open, draft: null });
        // Looking at the panel is seeing what fired.
        if (open) markSeen();
      },
      openForm: (draft) => {
        set((state) => ({ draft, draftVersion: state.draftVersion + 1 }));
        get().setOpen(true);
      },
      dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
      create: (request) => {
        const { requests, alerts } = get();
        if (!requests) return Promise.resolve(NOT_CONNECTED);
        // Asked here, inside the click that creates the first alert: browsers only ask from a gesture.
        if (alerts.length === 0) askNotificationPermission();
        return requests.create(request);
      },
      update: (request) => get().requests?.update(request) ?? Promise.resolve(NOT_CONNECTED),
      remove: (id) => get().requests?.remove(id) ?? Promise.resolve(NOT_CONNECTED),

      setAccount: (account, userId) => {
        if (account === get().account && userId === get().userId) return;
        set({ account, userId, loaded: false, alerts: [], history: [], unseen: 0, toasts: [] });
      },
      setRequests: (requests) => set({ requests }),
      loadedList: (list) => {
        set({ loaded: true, alerts: list.alerts, history: list.history, unseen: list.unseen });
        if (get().open) markSeen();
      },
      changed: (alert) => set((state) => ({ alerts: upsert(state.alerts, alert) })),
      deleted: (id) => set((state) => ({ alerts: state.alerts.filter((a) => a.id !== id) })),
      triggered: (event) => {
        set((state) => ({
          alerts: upsert(state.alerts, event.alert),
          history: state.history.some((t) => t.id === event.id)
            ? state.history
            : [triggerOf(event), ...state.history],
          unseen: state.unseen + 1,
          toasts: [event, ...state.toasts.filter((t) => t.id !== event.id)].slice(0, MAX_TOASTS),
        }));
        if (get().open) markSeen();
      },
      seen: (event) => {
        const ids = event.ids && new Set(event.ids);
        set((state) => ({
          unseen: event.unseen,
          history: state.history.map((t) => (!ids || ids.has(t.id) ? { ...t, seen: true } : t)),
        }));
      },
    };
  });
}

/** The app's alerts: the header's badge, the panel, the chart's lines and the toasts read this one. */
export const alertsStore = createAlertsStore();

export function useAlerts<T>(selector: (state: AlertsState) => T): T {
  return useStore(alertsStore, selector);
}
