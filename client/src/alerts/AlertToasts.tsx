import { conditionText, priceText, triggerTime } from './alert-words.ts';
import { openTriggerChart } from './open-trigger-chart.ts';
import { alertsStore, useAlerts } from './alerts-store.ts';
import { BellIcon } from './BellIcon.tsx';
import './alerts.css';

/**
 * Triggers as they fire, bottom right, until dismissed: a click opens that market's chart. They stay
 * rather than fade, as a missed alert is worse than one more click.
 */
export function AlertToasts() {
  const toasts = useAlerts((state) => state.toasts);
  if (toasts.length === 0) return null;
  return (
    <section className="alert-toasts" aria-label="Alerts that fired" aria-live="polite">
      {toasts.map((event) => {
        const { symbol, timeframe, condition } = event.alert;
        return (
          <div key={event.id} className="alert-toast" data-testid="alert-toast" role="status">
            <button
              type="button"
              className="alert-toast__body"
              title={`Open ${symbol} ${timeframe} on the chart`}
              onClick={() => {
                openTriggerChart(event);
                alertsStore.getState().dismissToast(event.id);
              }}
            >
              <BellIcon className="alert-toast__icon" />
              <span className="alert-toast__text">
                <strong>
                  {symbol} {timeframe}
                </strong>
                <span>{conditionText(symbol, condition)}</span>
                <span className="alert-toast__fired">
                  at {priceText(symbol, event.price)} ·{' '}
                  <time dateTime={new Date(event.time).toISOString()}>{triggerTime(event.time)}</time>
                </span>
              </span>
            </button>
            <button
              type="button"
              className="alert-toast__close"
              aria-label="Dismiss"
              onClick={() => alertsStore.getState().dismissToast(event.id)}
            >
              ×
            </button>
          </div>
        );
      })}
    </section>
  );
}
