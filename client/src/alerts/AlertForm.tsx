import { useId, useState, type FormEvent } from 'react';
import { ALERT_EMA_PERIODS, type AlertEmaPeriod } from '../../../shared/alerts.ts';
import type { Timeframe } from '../../../shared/market-basics.ts';
import { appStore } from '../store/index.ts';
import {
  CONDITION_CHOICES,
  conditionFrom,
  crossingFor,
  inputOf,
  type ConditionChoice,
  type ConditionFields,
} from './alert-form-model.ts';
import { precisionOf } from './alert-words.ts';
import { alertsStore } from './alerts-store.ts';

export interface AlertFormStart {
  symbol: string;
  timeframe: Timeframe;
  /** A price level to start from (the watchlist's last price, a chart's click). */
  price?: number;
  /** The market's last price, which says whether the level waits for a rise or a fall. */
  lastPrice?: number;
}

const VALUE_LABEL = { price: 'Price', percent: 'Move (%)', rsi: 'RSI level' } as const;

/** A new alert: market, timeframe, condition, once or every time. Remount it (`key`) to start again. */
export function AlertForm({ start, onCreated }: { start: AlertFormStart; onCreated?: () => void }) {
  const id = useId();
  const { symbols, timeframes } = appStore.getState();
  const [symbol, setSymbol] = useState(start.symbol);
  const [timeframe, setTimeframe] = useState<Timeframe>(start.timeframe);
  const level = start.price ?? start.lastPrice;
  const [fields, setFields] = useState<ConditionFields>({
    choice: `price-${crossingFor(level ?? 0, start.lastPrice)}`,
    value: level === undefined ? '' : level.toFixed(precisionOf(start.symbol)),
    bars: '1',
    period: 20,
  });
  const [repeat, setRepeat] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const change = (next: Partial<ConditionFields>) => {
    setFields((current) => ({ ...current, ...next }));
    setMessage(null);
  };
  const input = inputOf(fields.choice);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = conditionFrom(fields);
    if ('error' in parsed) return setMessage({ error: true, text: parsed.error });
    setBusy(true);
    const error = await alertsStore
      .getState()
      .create({ symbol, timeframe, condition: parsed.condition, repeat });
    setBusy(false);
    setMessage(error === null ? { error: false, text: 'Alert set.' } : { error: true, text: error });
    if (error === null) onCreated?.();
  };

  return (
    <form className="alert-form" aria-label="New alert" onSubmit={(e) => void onSubmit(e)} noValidate>
      <div className="alert-form__row">
        <label className="alert-field" htmlFor={`${id}-symbol`}>
          <span>Market</span>
          <select id={`${id}-symbol`} value={symbol} onChange={(e) => setSymbol(e.target.value)}>
            {(symbols.some((s) => s.symbol === symbol) ? symbols : [{ symbol }, ...symbols]).map((s) => (
              <option key={s.symbol}>{s.symbol}</option>
            ))}
          </select>
        </label>
        <label className="alert-field alert-field--narrow" htmlFor={`${id}-timeframe`}>
          <span>Timeframe</span>
          <select
            id={`${id}-timeframe`}
            value={timeframe}
            onChange={(e) => setTimeframe(e.target.value as Timeframe)}
          >
            {(timeframes.includes(timeframe) ? timeframes : [timeframe, ...timeframes]).map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      </div>
      <label className="alert-field" htmlFor={`${id}-condition`}>
        <span>Condition</span>
        <select
          id={`${id}-condition`}
          value={fields.choice}
          onChange={(e) => change({ choice: e.target.value as ConditionChoice })}
        >
          {CONDITION_CHOICES.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <div className="alert-form__row">
        {input === 'price' || input === 'percent' || input === 'rsi' ? (
          <label className="alert-field" htmlFor={`${id}-value`}>
            <span>{VALUE_LABEL[input]}</span>
            <input
              id={`${id}-value`}
              inputMode="decimal"
              autoComplete="off"
              value={fields.value}
              onChange={(e) => change({ value: e.target.value })}
            />
          </label>
        ) : null}
        {input === 'percent' ? (
          <label className="alert-field alert-field--narrow" htmlFor={`${id}-bars`}>
            <span>Within candles</span>
            <input
              id={`${id}-bars`}
              inputMode="numeric"
              value={fields.bars}
              onChange={(e) => change({ bars: e.target.value })}
            />
          </label>
        ) : null}
        {input === 'ema' ? (
          <label className="alert-field" htmlFor={`${id}-period`}>
            <span>EMA</span>
            <select
              id={`${id}-period`}
              value={fields.period}
              onChange={(e) => change({ period: Number(e.target.value) as AlertEmaPeriod })}
            >
              {ALERT_EMA_PERIODS.map((p) => (
                <option key={p} value={p}>
                  EMA {p}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <label className="alert-check">
        <input type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} />
        <span>Every time it crosses (otherwise once)</span>
      </label>
      {message ? (
        <p
          className="alert-form__message"
          data-error={message.error}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      ) : null}
      <button type="submit" className="alert-primary" disabled={busy}>
        {busy ? 'Setting…' : 'Set alert'}
      </button>
    </form>
  );
}
