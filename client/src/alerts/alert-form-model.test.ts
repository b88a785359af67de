import { describe, expect, it } from 'vitest';
import type { AlertCondition } from '../../../shared/alerts.ts';
import {
  conditionFrom,
  crossingFor,
  fieldsOf,
  parseNumber,
  type ConditionFields,
} from './alert-form-model.ts';

const fields = (over: Partial<ConditionFields>): ConditionFields => ({
  choice: 'price-above',
  value: '',
  bars: '1',
  period: 20,
  ...over,
});

describe('the alert form model', () => {
  it('builds each kind of condition the server accepts from the typed fields', () => {
    expect(conditionFrom(fields({ choice: 'price-below', value: '51,000.5' }))).toEqual({
      condition: { kind: 'price', op: 'below', value: 51_000.5 },
    });
    expect(conditionFrom(fields({ choice: 'move-down', value: '5', bars: '3' }))).toEqual({
      condition: { kind: 'move', percent: -5, bars: 3 },
    });
    expect(conditionFrom(fields({ choice: 'rsi-above', value: '70' }))).toEqual({
      condition: { kind: 'rsi', op: 'above', value: 70 },
    });
    expect(conditionFrom(fields({ choice: 'ema-below', period: 200 }))).toEqual({
      condition: { kind: 'ema', op: 'below', period: 200 },
    });
    expect(conditionFrom(fields({ choice: 'macd-above' }))).toEqual({
      condition: { kind: 'macd', op: 'above' },
    });
  });

  it('says what is wrong instead of sending a condition the server would refuse', () => {
    expect(conditionFrom(fields({ value: '' }))).toEqual({ error: 'Enter a price above 0.' });
    expect(conditionFrom(fields({ value: 'abc' }))).toEqual({ error: 'Enter a price above 0.' });
    expect(conditionFrom(fields({ choice: 'rsi-below', value: '100' }))).toEqual({
      error: 'Enter an RSI level between 0 and 100.',
    });
    expect(conditionFrom(fields({ choice: 'move-up', value: '2', bars: '1.5' }))).toEqual({
      error: 'Enter a whole number of candles, 1 or more.',
    });
  });

  it('gives back the fields of every condition, so editing starts where the alert is', () => {
    const conditions: AlertCondition[] = [
      { kind: 'price', op: 'above', value: 3_010 },
      { kind: 'move', percent: -2.5, bars: 4 },
      { kind: 'rsi', op: 'below', value: 30 },
      { kind: 'ema', op: 'above', period: 50 },
      { kind: 'macd', op: 'below' },
    ];
    for (const condition of conditions) expect(conditionFrom(fieldsOf(condition))).toEqual({ condition });
  });

  it('waits for a rise above the last price and for a fall below it', () => {
    expect(crossingFor(101, 100)).toBe('above');
    expect(crossingFor(99, 100)).toBe('below');
    expect(crossingFor(99, undefined)).toBe('above');
    expect(parseNumber(' 1,234.5 ')).toBe(1234.5);
  });
});
