import { useEffect, useRef } from 'react';
import { AuthForm } from '../chat/AuthForm.tsx';
import { appStore, PaneStoreContext, useAppStore } from '../store/index.ts';
import { selectLastClose } from '../store/selectors.ts';
import { AlertForm, type AlertFormStart } from './AlertForm.tsx';
import { AlertRow } from './AlertRow.tsx';
import { useAlerts } from './alerts-store.ts';
import { TriggerHistory } from './TriggerHistory.tsx';
import './alerts.css';

const SIGN_IN_INTRO = (
  <>
    <strong>Sign in to set alerts.</strong> They are watched on the server, so they fire even with this page
    closed.
  </>
);

/** Where the form starts: a draft someone asked for (a chart, a watchlist row), else the active chart. */
function useFormStart(): { start: AlertFormStart; key: string } {
  const symbol = useAppStore((state) => state.symbol);
  const timeframe = useAppStore((state) => state.timeframe);
  const lastPrice = useAppStore(selectLastClose);
  const draft = useAlerts((state) => state.draft);
  const version = useAlerts((state) => state.draftVersion);
  if (!draft) return { start: { symbol, timeframe, lastPrice }, key: `${symbol}:${timeframe}` };
  return {
    start: {
      symbol: draft.symbol,
      timeframe: draft.timeframe ?? timeframe,
      price: draft.price,
      // Another market's last price is the draft's own (a watchlist row's).
      lastPrice: draft.symbol === symbol ? lastPrice : draft.price,
    },
    key: `draft:${version}`,
  };
}

/** The user's alerts: a form for a new one, the list to edit, pause or delete, and what fired. */
export function AlertsPanel({ onClose }: { onClose: () => void }) {
  const account = useAlerts((state) => state.account);
  const loaded = useAlerts((state) => state.loaded);
  const alerts = useAlerts((state) => state.alerts);
  const history = useAlerts((state) => state.history);
  const { start, key } = useFormStart();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => closeRef.current?.focus(), []);

  return (
    <section
      id="alerts-panel"
      className="alerts-panel"
      aria-label="Alerts"
      data-testid="alerts-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="alerts-panel__header">
        <h2 className="alerts-panel__title">Alerts</h2>
        <button
          ref={closeRef}
          type="button"
          className="alerts-panel__close"
          aria-label="Close the alerts"
          title="Close the alerts"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="alerts-panel__body">
        {account === 'visitor' ? (
          // The account lives on the app's first store, whichever chart is active.
          <PaneStoreContext.Provider value={appStore}>
            <AuthForm intro={SIGN_IN_INTRO} />
          </PaneStoreContext.Provider>
        ) : account === 'unknown' ? (
          <p className="alerts-panel__empty" role="status">
            Checking your session…
          </p>
        ) : (
          <>
            <AlertForm key={key} start={start} />
            <h3 className="alerts-panel__heading">Your alerts</h3>
            {!loaded ? (
              <p className="alerts-panel__empty" role="status">
                Loading…
              </p>
            ) : alerts.length === 0 ? (
              <p className="alerts-panel__empty">No alerts yet.</p>
            ) : (
              <ul className="alert-list" data-testid="alert-list">
                {alerts.map((alert) => (
                  <AlertRow key={alert.id} alert={alert} />
                ))}
              </ul>
            )}
            <h3 className="alerts-panel__heading">History</h3>
            <TriggerHistory history={history} />
          </>
        )}
      </div>
    </section>
  );
}
