import { describe, expect, it } from 'vitest';
import type { Alert, AlertTriggeredEvent } from '../../../shared/alerts.ts';
import { createAlertsStore, type AlertRequests } from './alerts-store.ts';

const T0 = Date.UTC(2024, 0, 1);

function alert(id: string, over: Partial<Alert> = {}): Alert {
  return {
    id,
    symbol: 'BTC/USDT',
    timeframe: '1m',
    condition: { kind: 'price', op: 'above', value: 51_000 },
    repeat: false,
    cooldownSeconds: 60,
    note: null,
    state: 'active',
    createdAt: T0,
    updatedAt: T0,
    lastTriggeredAt: null,
    triggerCount: 0,
    ...over,
  };
}

function fired(id: string, alertId = 'a1'): AlertTriggeredEvent {
  return {
    id,
    alert: alert(alertId, { state: 'done', triggerCount: 1 }),
    price: 51_002,
    value: null,
    time: T0,
  };
}

/** A store signed in, whose requests record what they were asked. */
function signedInStore() {
  const store = createAlertsStore();
  const asked: string[] = [];
  const requests: AlertRequests = {
    create: () => Promise.resolve(null),
    update: () => Promise.resolve(null),
    remove: () => Promise.resolve(null),
    seen: () => {
      asked.push('seen');
      store.getState().seen({ unseen: 0 });
    },
  };
  store.getState().setAccount('signed-in', 'u1');
  store.getState().setRequests(requests);
  return { store, asked };
}

describe('the alerts store', () => {
  it('counts what fires while the panel is closed, keeps it in the history and toasts it', () => {
    const { store, asked } = signedInStore();
    store.getState().loadedList({ alerts: [alert('a1')], history: [], unseen: 0 });
    store.getState().triggered(fired('7'));
    store.getState().triggered(fired('7'));
    const state = store.getState();
    expect(state.alerts).toEqual([alert('a1', { state: 'done', triggerCount: 1 })]);
    expect(state.history.map((t) => [t.id, t.price, t.seen])).toEqual([['7', 51_002, false]]);
    expect(state.toasts.map((t) => t.id)).toEqual(['7']);
    expect(state.unseen).toBe(2);
    expect(asked).toEqual([]);
  });

  it('marks every trigger seen when the panel opens, and at once what fires while it is open', () => {
    const { store, asked } = signedInStore();
    store.getState().loadedList({ alerts: [], history: [], unseen: 3 });
    store.getState().setOpen(true);
    expect(asked).toEqual(['seen']);
    expect(store.getState().unseen).toBe(0);
    store.getState().triggered(fired('8'));
    expect(asked).toEqual(['seen', 'seen']);
    expect(store.getState().history[0]?.seen).toBe(true);
  });

  it('keeps three toasts at most, newest first', () => {
    const { store } = signedInStore();
    for (const id of ['1', '2', '3', '4']) store.getState().triggered(fired(id));
    expect(store.getState().toasts.map((t) => t.id)).toEqual(['4', '3', '2']);
    store.getState().dismissToast('3');
    expect(store.getState().toasts.map((t) => t.id)).toEqual(['4', '2']);
  });

  it("starts from nothing for another user, and a visitor's create is refused without a request", async () => {
    const { store } = signedInStore();
    store.getState().loadedList({ alerts: [alert('a1')], history: [], unseen: 1 });
    store.getState().setAccount('signed-in', 'u2');
    expect(store.getState()).toMatchObject({ alerts: [], unseen: 0, loaded: false });
    store.getState().setRequests(null);
    expect(
      await store.getState().create({
        symbol: 'BTC/USDT',
        timeframe: '1m',
        condition: { kind: 'macd', op: 'above' },
      }),
    ).toMatch(/not ready/);
  });

  it('prefills the form with each draft, and forgets it when the panel closes', () => {
    const { store } = signedInStore();
    store.getState().openForm({ symbol: 'ETH/USDT', price: 3_000 });
    expect(store.getState()).toMatchObject({ open: true, draft: { symbol: 'ETH/USDT' }, draftVersion: 1 });
    store.getState().openForm({ symbol: 'ETH/USDT', price: 3_000 });
    expect(store.getState().draftVersion).toBe(2);
    store.getState().setOpen(false);
    expect(store.getState().draft).toBeNull();
  });
});
