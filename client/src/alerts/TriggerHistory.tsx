import type { AlertTrigger } from '../../../shared/alerts.ts';
import { conditionText, priceText, triggerTime } from './alert-words.ts';

/** What fired, newest first: the market, the condition, the price it fired at and when. */
export function TriggerHistory({ history }: { history: readonly AlertTrigger[] }) {
  if (history.length === 0) return <p className="alerts-panel__empty">Nothing has fired yet.</p>;
  return (
    <ol className="alert-history" aria-label="Trigger history">
      {history.map((trigger) => (
        <li
          key={trigger.id}
          className="alert-history__item"
          data-testid="alert-trigger"
          data-seen={trigger.seen}
        >
          <span className="alert-history__market">
            {trigger.symbol} {trigger.timeframe}
          </span>
          <span className="alert-history__condition">{conditionText(trigger.symbol, trigger.condition)}</span>
          <span className="alert-history__fired">
            at <strong>{priceText(trigger.symbol, trigger.price)}</strong>,{' '}
            <time dateTime={new Date(trigger.time).toISOString()}>{triggerTime(trigger.time)}</time>
          </span>
        </li>
      ))}
    </ol>
  );
}
