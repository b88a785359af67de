import type { AlertCondition, AlertEmaPeriod, Crossing } from '../../../shared/alerts.ts';

/** What the form's condition menu offers: each a kind and a direction. */
export const CONDITION_CHOICES = [
  { id: 'price-above', label: 'Price rises above' },
  { id: 'price-below', label: 'Price falls below' },
  { id: 'move-up', label: 'Price rises by %' },
  { id: 'move-down', label: 'Price falls by %' },
  { id: 'rsi-above', label: 'RSI 14 rises above' },
  { id: 'rsi-below', label: 'RSI 14 falls below' },
  { id: 'ema-above', label: 'Price crosses above EMA' },
  { id: 'ema-below', label: 'Price crosses below EMA' },
  { id: 'macd-above', label: 'MACD crosses above signal' },
  { id: 'macd-below', label: 'MACD crosses below signal' },
] as const;
export type ConditionChoice = (typeof CONDITION_CHOICES)[number]['id'];

/** The form's fields as typed: text until submitted. */
export interface ConditionFields {
  choice: ConditionChoice;
  value: string;
  bars: string;
  period: AlertEmaPeriod;
}

/** Which input the choice needs beside it: a price, a percent, an RSI level, an EMA, or none. */
export function inputOf(choice: ConditionChoice): 'price' | 'percent' | 'rsi' | 'ema' | null {
  if (choice.startsWith('price-')) return 'price';
  if (choice.startsWith('move-')) return 'percent';
  if (choice.startsWith('rsi-')) return 'rsi';
  if (choice.startsWith('ema-')) return 'ema';
  return null;
}

const opOf = (choice: ConditionChoice): Crossing =>
  choice.endsWith('-above') || choice === 'move-up' ? 'above' : 'below';

/** A number as typed, commas as thousands separators allowed ("51,000.5"); NaN when it is none. */
export function parseNumber(text: string): number {
  const cleaned = text.trim().replace(/,/g, '');
  return cleaned === '' ? Number.NaN : Number(cleaned);
}

/** The condition the fields describe, or what is wrong with them in words. */
export function conditionFrom(fields: ConditionFields): { condition: AlertCondition } | { error: string } {
  const op = opOf(fields.choice);
  const value = parseNumber(fields.value);
  switch (inputOf(fields.choice)) {
    case 'price':
      return value > 0 ? { condition: { kind: 'price', op, value } } : { error: 'Enter a price above 0.' };
    case 'percent': {
      const bars = parseNumber(fields.bars);
      if (!(value >= 0.01)) return { error: 'Enter a move of at least 0.01 %.' };
      if (!Number.isInteger(bars) || bars < 1)
        return { error: 'Enter a whole number of candles, 1 or more.' };
      return { condition: { kind: 'move', percent: op === 'above' ? value : -value, bars } };
    }
    case 'rsi':
      return value > 0 && value < 100
        ? { condition: { kind: 'rsi', op, value } }
        : { error: 'Enter an RSI level between 0 and 100.' };
    case 'ema':
      return { condition: { kind: 'ema', op, period: fields.period } };
    case null:
      return { condition: { kind: 'macd', op } };
  }
}

/** The form's fields for an existing condition: what editing starts from. */
export function fieldsOf(condition: AlertCondition): ConditionFields {
  const base = { value: '', bars: '1', period: 20 as AlertEmaPeriod };
  switch (condition.kind) {
    case 'price':
      return { ...base, choice: `price-${condition.op}`, value: String(condition.value) };
    case 'move':
      return {
        ...base,
        choice: condition.percent > 0 ? 'move-up' : 'move-down',
        value: String(Math.abs(condition.percent)),
        bars: String(condition.bars),
      };
    case 'rsi':
      return { ...base, choice: `rsi-${condition.op}`, value: String(condition.value) };
    case 'ema':
      return { ...base, choice: `ema-${condition.op}`, period: condition.period };
    case 'macd':
      return { ...base, choice: `macd-${condition.op}` };
  }
}

/** A price level set from the chart: above the last price it waits for a rise, below it for a fall. */
export function crossingFor(level: number, lastPrice: number | undefined): Crossing {
  return lastPrice === undefined || level >= lastPrice ? 'above' : 'below';
}
