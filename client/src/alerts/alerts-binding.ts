import type { Alert, AlertTriggeredEvent } from '../../../shared/alerts.ts';
import type { Ack } from '../../../shared/errors.ts';
import { UNREACHABLE_MESSAGE } from '../api/request.ts';
import type { AppSocket } from '../socket/binding.ts';
import type { AppStore } from '../store/index.ts';
import { conditionText, priceText } from './alert-words.ts';
import type { AlertRequests, AlertsStore } from './alerts-store.ts';
import { showNotification } from './notifications.ts';

const ACK_TIMEOUT_MS = 15_000;

export interface AlertsBindingOptions {
  /** Opens the chart of a trigger: a click on its notification. */
  openChart: (event: AlertTriggeredEvent) => void;
  notify?: typeof showNotification;
}

/**
 * Connects the alerts to the socket, outside React: the user's list is asked on every connection of
 * a signed-in user (a sign-in reconnects the socket, chat-binding.ts, and a dropped connection may
 * have missed pushes), the pushes update the store, and the store's requests go out as events.
 */
export function bindAlerts(
  alerts: AlertsStore,
  app: AppStore,
  socket: AppSocket,
  { openChart, notify = showNotification }: AlertsBindingOptions,
): () => void {
  /** Only the newest list request may fill the store: a sign-out or a newer connection outdates it. */
  let listRequest = 0;

  function request<T>(
    send: (ack: (failure: Error | null, response: Ack<T>) => void) => void,
  ): Promise<string | null> {
    if (!socket.connected) return Promise.resolve(UNREACHABLE_MESSAGE);
    return new Promise((resolve) =>
      send((failure, response) => {
        if (failure) resolve('The server did not answer in time. Try again.');
        else resolve(response.ok ? null : response.error.message);
      }),
    );
  }

  const requests: AlertRequests = {
    create: (body) => request((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('alert:create', body, ack)),
    update: (body) => request((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('alert:update', body, ack)),
    remove: (id) => request((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('alert:delete', { id }, ack)),
    seen: () => {
      // The count drops at once; the server's `alert:seen` push confirms it to every tab.
      alerts.setState((state) => ({ unseen: 0, history: state.history.map((t) => ({ ...t, seen: true })) }));
      socket.emit('alert:seen', {}, () => undefined);
    },
  };
  alerts.getState().setRequests(requests);

  const list = () => {
    const id = ++listRequest;
    socket.timeout(ACK_TIMEOUT_MS).emit('alert:list', {}, (failure, response) => {
      if (id !== listRequest || failure || !response.ok) return;
      alerts.getState().loadedList(response.data);
    });
  };

  const followAccount = () => {
    const { user, authStatus } = app.getState();
    if (authStatus === 'checking' || authStatus === 'submitting') return;
    alerts.getState().setAccount(user ? 'signed-in' : 'visitor', user?.id ?? null);
    if (!user) listRequest++;
  };

  const stopFollowing = app.subscribe((state, previous) => {
    if (state.user?.id === previous.user?.id && state.authStatus === previous.authStatus) return;
    followAccount();
    // A new session reconnects first; its `connect` asks. Otherwise (the session read at load) ask now.
    const sameSession = state.sessionVersion === previous.sessionVersion;
    if (state.user && state.user.id !== previous.user?.id && sameSession && socket.connected) list();
  });
  followAccount();

  const onConnect = () => {
    if (app.getState().user) list();
  };
  const onTriggered = (event: AlertTriggeredEvent) => {
    alerts.getState().triggered(event);
    const { symbol, timeframe, condition } = event.alert;
    notify(
      `${symbol} ${timeframe}: alert`,
      `${conditionText(symbol, condition)} — at ${priceText(symbol, event.price)}`,
      event.id,
      () => openChart(event),
    );
  };
  const onChanged = ({ alert }: { alert: Alert }) => alerts.getState().changed(alert);
  const onDeleted = ({ id }: { id: string }) => alerts.getState().deleted(id);
  const onSeen = alerts.getState().seen;

  socket.on('connect', onConnect);
  socket.on('alert:triggered', onTriggered);
  socket.on('alert:changed', onChanged);
  socket.on('alert:deleted', onDeleted);
  socket.on('alert:seen', onSeen);
  if (socket.connected && app.getState().user) list();

  return () => {
    stopFollowing();
    alerts.getState().setRequests(null);
    socket.off('connect', onConnect);
    socket.off('alert:triggered', onTriggered);
    socket.off('alert:changed', onChanged);
    socket.off('alert:deleted', onDeleted);
    socket.off('alert:seen', onSeen);
  };
}
