import { describe, expect, it } from 'vitest';
import type { AlertCondition } from '../../../../shared/alerts.ts';
import { TIMEFRAMES } from '../../../../shared/market.ts';
import { REPLAY_SYMBOLS } from '../../market/replay/replay-source.ts';
import { draftAlert } from './alert-draft.ts';
import { createQuestion, deleteDetails, deleteQuestion, matchesDetails } from './alert-phrases.ts';
import { parseQuestion } from './parse-question.ts';

const offer = {
  symbols: REPLAY_SYMBOLS.map((symbol) => {
    const [base = '', quote = ''] = symbol.split('/');
    return { symbol, base, quote, pricePrecision: 2 };
  }),
  timeframes: [...TIMEFRAMES],
};
const draft = (text: string, context?: Parameters<typeof parseQuestion>[2]) =>
  draftAlert(parseQuestion(text, offer, context), offer.timeframes);

describe('alert questions read as the alert they ask for', () => {
  it.each([
    [
      'alert me when BTC goes above 51000',
      { timeframe: '1m', condition: { kind: 'price', op: 'above', value: 51_000 } },
    ],
    [
      'tell me if ETH RSI on 15m drops below 30',
      { timeframe: '15m', condition: { kind: 'rsi', op: 'below', value: 30 } },
    ],
    // The indicator's own period is not the level.
    [
      'alert me when BTC 4h RSI 14 drops below 30',
      { timeframe: '4h', condition: { kind: 'rsi', op: 'below', value: 30 } },
    ],
    [
      'alert me if SOL drops 5%',
      { timeframe: '1h', timeframeFrom: 'default', condition: { kind: 'move', percent: -5, bars: 24 } },
    ],
    [
      'alert me if SOL drops 5% in an hour',
      { timeframe: '1m', timeframeFrom: 'window', condition: { kind: 'move', percent: -5, bars: 60 } },
    ],
    [
      'alert me if SOL rises 10% within 4h',
      { timeframe: '5m', condition: { kind: 'move', percent: 10, bars: 48 } },
    ],
    ['ping me when bnb hits 700', { condition: { kind: 'price', op: 'cross', value: 700 } }],
    [
      'alert me when BTC crosses above the EMA 200',
      { timeframe: '1h', condition: { kind: 'ema', op: 'above', period: 200 } },
    ],
    [
      'alert me when BTC goes above 51000 every time',
      { repeat: true, condition: { kind: 'price', op: 'above', value: 51_000 } },
    ],
  ])('%s', (text, expected) => {
    expect(draft(text)).toMatchObject({ repeat: false, ...expected });
  });

  it.each([
    ['alert me when it goes above 51000', { missing: 'symbol' }],
    ['alert me on BTC', { missing: 'level', kind: 'price' }],
    ['alert me when ETH RSI crosses', { missing: 'level', kind: 'rsi' }],
    ['alert me when BTC crosses the EMA', { missing: 'ema-period' }],
    ['alert me when BTC crosses the SMA 200', { missing: 'supported-indicator', indicator: 'sma200' }],
  ])('asks, never guesses: %s', (text, gap) => {
    expect(draft(text)).toEqual(gap);
  });

  it('says a timeframe the market does not offer instead of dropping it', () => {
    const narrow = { ...offer, timeframes: ['1m', '1h'] as const };
    const q = parseQuestion('alert me when ETH RSI on 2h goes above 70', {
      ...narrow,
      timeframes: [...narrow.timeframes],
    });
    expect(q.unsupported).toMatchObject({ kind: 'timeframe', code: '2h' });
  });

  it('knows when the coin came from the conversation, and "all my alerts" means all', () => {
    const after = { intent: 'price' as const, symbol: 'BTC/USDT' };
    expect(parseQuestion('delete all my alerts', offer, after).alert).toMatchObject({
      action: 'delete',
      all: true,
      symbolCarried: true,
    });
    expect(parseQuestion('delete my ETH alerts', offer, after).alert).toEqual({
      action: 'delete',
      all: true,
    });
    expect(parseQuestion('delete the BTC alert', offer).alert).toEqual({ action: 'delete' });
    expect(parseQuestion('delete that alert', offer, { ...after, intent: 'alert' }).alert).toMatchObject({
      refersBack: true,
      symbolCarried: true,
    });
  });
});

describe('the questions offered as chips', () => {
  const conditions: Array<[AlertCondition, string?]> = [
    [{ kind: 'price', op: 'above', value: 51_000 }],
    [{ kind: 'price', op: 'below', value: 49_000 }, '5m'],
    [{ kind: 'rsi', op: 'below', value: 30 }, '15m'],
    [{ kind: 'ema', op: 'above', period: 50 }, '4h'],
    [{ kind: 'macd', op: 'below' }, '1h'],
  ];

  it.each(conditions)('set the alert they describe: %o on %s', (condition, timeframe) => {
    const text = createQuestion('BTC', condition, timeframe);
    expect(draft(text), text).toMatchObject({ symbol: 'BTC/USDT', condition });
    if (timeframe) expect(draft(text)).toMatchObject({ timeframe });
  });

  it.each([...conditions.map(([c]) => c), { kind: 'move', percent: -5, bars: 24 } as const])(
    'delete the alert they name and no other: %o',
    (condition) => {
      const q = parseQuestion(deleteQuestion('BTC', { condition }), offer);
      expect(q).toMatchObject({ intent: 'alert', symbol: 'BTC/USDT', alert: { action: 'delete' } });
      const details = deleteDetails(q);
      const others = [...conditions.map(([c]) => c)].filter((c) => c !== condition);
      expect(matchesDetails(condition, details)).toBe(true);
      for (const other of others) expect(matchesDetails(other, details), JSON.stringify(other)).toBe(false);
    },
  );
});
