import { memo, useId, useState, type FormEvent } from 'react';
import type { Alert, AlertCondition } from '../../../shared/alerts.ts';
import { parseNumber } from './alert-form-model.ts';
import { conditionText, precisionOf, repeatText } from './alert-words.ts';
import { alertsStore } from './alerts-store.ts';

const STATE_TEXT = { active: 'Active', paused: 'Paused', done: 'Fired' } as const;

/** The condition's one number a user changes, if it has one: a price, an RSI level, a move's percent. */
function editableValue(condition: AlertCondition): number | null {
  if (condition.kind === 'price' || condition.kind === 'rsi') return condition.value;
  if (condition.kind === 'move') return Math.abs(condition.percent);
  return null;
}

function withValue(condition: AlertCondition, value: number): AlertCondition {
  if (condition.kind === 'price' || condition.kind === 'rsi') return { ...condition, value };
  if (condition.kind === 'move') return { ...condition, percent: condition.percent < 0 ? -value : value };
  return condition;
}

/** One alert: what it waits for, and its edit, pause or resume, and delete. */
export const AlertRow = memo(function AlertRow({ alert }: { alert: Alert }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [repeat, setRepeat] = useState(alert.repeat);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = editableValue(alert.condition);

  const run = async (call: () => Promise<string | null>) => {
    setBusy(true);
    const failure = await call();
    setBusy(false);
    setError(failure);
    return failure === null;
  };

  const startEditing = () => {
    setValue(
      current === null
        ? ''
        : alert.condition.kind === 'price'
          ? current.toFixed(precisionOf(alert.symbol))
          : String(current),
    );
    setRepeat(alert.repeat);
    setError(null);
    setEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const number = parseNumber(value);
    if (current !== null && !(number > 0)) return setError('Enter a number above 0.');
    const condition = current === null ? undefined : withValue(alert.condition, number);
    const ok = await run(() => alertsStore.getState().update({ id: alert.id, condition, repeat }));
    if (ok) setEditing(false);
  };

  const toggleActive = () =>
    void run(() => alertsStore.getState().update({ id: alert.id, active: alert.state !== 'active' }));
  const remove = () => void run(() => alertsStore.getState().remove(alert.id));

  return (
    <li className="alert-row" data-testid="alert-row" data-alert-id={alert.id} data-state={alert.state}>
      <div className="alert-row__head">
        <span className="alert-row__market">
          {alert.symbol} <span className="alert-row__timeframe">{alert.timeframe}</span>
        </span>
        <span className="alert-row__state" data-state={alert.state}>
          {STATE_TEXT[alert.state]}
        </span>
      </div>
      <p className="alert-row__condition" data-testid="alert-condition">
        {conditionText(alert.symbol, alert.condition)}
        <span className="alert-row__repeat"> · {repeatText(alert)}</span>
      </p>
      {editing ? (
        <form
          className="alert-row__edit"
          aria-label="Edit the alert"
          onSubmit={(e) => void save(e)}
          noValidate
        >
          {current !== null ? (
            <label className="alert-field" htmlFor={`${id}-value`}>
              <span>{alert.condition.kind === 'price' ? 'Price' : 'Level'}</span>
              <input
                id={`${id}-value`}
                inputMode="decimal"
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
            </label>
          ) : null}
          <label className="alert-check">
            <input type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} />
            <span>Every time</span>
          </label>
          <div className="alert-row__actions">
            <button type="submit" className="alert-primary" disabled={busy}>
              Save
            </button>
            <button type="button" className="alert-button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="alert-row__actions">
          <button type="button" className="alert-button" onClick={startEditing} disabled={busy}>
            Edit
          </button>
          <button type="button" className="alert-button" onClick={toggleActive} disabled={busy}>
            {alert.state === 'active' ? 'Pause' : alert.state === 'paused' ? 'Resume' : 'Re-arm'}
          </button>
          <button
            type="button"
            className="alert-button alert-button--danger"
            onClick={remove}
            disabled={busy}
            aria-label={`Delete the alert ${alert.symbol} ${alert.timeframe}: ${conditionText(alert.symbol, alert.condition)}`}
          >
            Delete
          </button>
        </div>
      )}
      {error !== null ? (
        <p className="alert-form__message" data-error="true" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
});
