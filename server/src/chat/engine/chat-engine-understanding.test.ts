import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatContext } from '../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS } from '../../../../shared/market.ts';
import {
  createRecordedChatTools,
  type RecordedChatTools,
} from '../../../test/support/recorded-chat-tools.ts';
import { createChatEngine } from './chat-engine.ts';
import { describeQuestion } from './describe-question.ts';
import { parseQuestion, type ParsedQuestion } from './parse-question.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const price = (x: number, digits: number) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

describe('the chat engine, when it does not understand or cannot serve a question', () => {
  let tools: RecordedChatTools;
  const ask = (text: string, context?: ChatContext) => createChatEngine(tools).reply(text, context);
  const offer = () => ({ symbols: tools.symbols(), timeframes: tools.timeframes() });

  beforeAll(async () => {
    tools = await createRecordedChatTools({ predictions: 'none' });
  });

  it('names the word it does not know, offers what it may have meant as questions, and keeps the conversation', async () => {
    const context: ChatContext = {
      intent: 'indicator',
      symbol: 'ETH/USDT',
      timeframe: '15m',
      indicator: 'rsi14',
    };
    const reply = await ask('bnc price', context);
    expect(reply.text).toBe("I don't know “bnc” — did you mean BNB or BTC?");
    expect(reply.payload.refusal).toEqual({ kind: 'unknown-word', words: ['bnc'] });
    expect(reply.payload.figures).toEqual([]);
    expect(reply.payload.suggestions).toEqual(['Price of BNB', 'Price of BTC']);
    expect(reply.payload.context).toEqual(context);

    const funding = await ask('What is the funding rate of ETH?', context);
    expect(funding.text).toContain('“funding”');
    expect(funding.payload.suggestions).toEqual(['Price of ETH']);
    // Nothing understood at all: no guess, the list of what it answers.
    const joke = await ask('tell me a joke', context);
    expect(joke.payload.refusal).toEqual({ kind: 'not-understood', words: ['joke'] });
    expect(joke.text).not.toMatch(/RSI \(14\) of/);
  });

  it('says a timeframe is not offered, with the nearest offered ones as questions, and answers on it once offered', async () => {
    const narrow = await createRecordedChatTools({
      predictions: 'none',
      timeframes: ['1m', '15m', '1h', '4h', '1d'],
    });
    const refused = await createChatEngine(narrow).reply('RSI of BTC on 2h', undefined);
    expect(refused.payload.refusal).toEqual({ kind: 'unsupported-timeframe', words: ['2h'] });
    expect(refused.text).toContain('Timeframes on offer: 1m, 15m, 1h, 4h and 1d.');
    expect(refused.payload.suggestions).toEqual(['RSI of BTC on 1h', 'RSI of BTC on 4h']);

    const served = await ask('RSI of BTC on 2h');
    expect(served.payload.refusal).toBeUndefined();
    expect(served.payload).toMatchObject({ intent: 'indicator', timeframe: '2h' });
    expect(served.text).toContain('RSI (14) of BTC/USDT on 2h is');
  });

  it('says a quote currency is not offered, and states that dollars are read as USDT', async () => {
    const eur = await ask('price of BTC in EUR');
    expect(eur.payload.refusal).toEqual({ kind: 'unsupported-quote', words: ['EUR'] });
    expect(eur.text).toBe(
      'BTC is not offered against EUR here: only as BTC/USDT, so its prices are in USDT.',
    );
    expect(eur.payload.suggestions![0]).toBe('Price of BTC');
    expect(eur.payload.figures).toEqual([]);

    const usd = await ask('price of BTC in USD');
    expect(usd.text).toMatch(/^Assuming you meant USDT \(“USD”\)\. BTC\/USDT is at /);
    expect(usd.payload.assumed).toEqual([{ word: 'USD', as: 'USDT' }]);
  });

  it('states a corrected slip before the answer, whoever words the rest', async () => {
    const phrased = createChatEngine(tools, {
      phraser: {
        phrase: async (_q, reply) => ({
          ...reply,
          text: 'MACD is rising.',
          payload: { ...reply.payload, phrasedBy: 'llm' },
        }),
      },
    });
    const reply = await phrased.reply('waht is teh macd of bitcon', {
      intent: 'indicator',
      symbol: 'ETH/USDT',
      timeframe: '15m',
      indicator: 'rsi14',
    });
    expect(reply.text).toBe('Assuming you meant BTC (“bitcon”). MACD is rising.');
    expect(reply.payload).toMatchObject({
      intent: 'indicator',
      symbol: 'BTC/USDT',
      assumed: [{ word: 'bitcon', as: 'BTC' }],
    });
  });

  it('answers the sentence it understands and says which one it left out', async () => {
    const reply = await ask(
      'What is the price of BTC right now? I would like to know before I decide anything',
    );
    expect(reply.text).toMatch(
      /^I don't follow “I would like to know before I decide anything”, so I left it out\. BTC\/USDT is at /,
    );
    expect(reply.payload).toMatchObject({ intent: 'price', symbol: 'BTC/USDT' });
    expect(reply.payload.leftOut).toEqual(['I would like to know before I decide anything']);
    // Both sentences ask something: neither is answered on its own, each is offered.
    const two = await ask('What is the funding rate of ETH? And the price of BTC?');
    expect(two.payload.refusal).toEqual({ kind: 'unknown-word', words: ['funding'] });
    expect(two.payload.suggestions).toEqual(['Price of ETH', 'Price of BTC']);
  });

  it('offers questions, as chips, that it reads back as themselves', () => {
    const baseOf = (symbol: string) => tools.symbols().find((s) => s.symbol === symbol)?.base;
    const asked = [
      'price of ETH',
      'how much did BTC move this week?',
      'how is SOL doing on 4h?',
      'MACD of BNB on 15m',
      'is ETH oversold on 1d?',
      'volume of BTC on 1h',
      'volume of SOL today',
      'BTC high and low today',
      'last 7 candles of ETH on 5m',
      'which coin is weakest this week?',
      'most volatile coin',
      'forecast for BTC on 1h',
      'risk for SOL',
      'support and resistance for ETH on 1d',
      'compare BTC and SOL',
      'alert me when BTC goes above 60000',
    ];
    for (const text of asked) {
      const q = parseQuestion(text, offer());
      const chip = describeQuestion(q, baseOf);
      expect(chip, text).toBeDefined();
      const back: ParsedQuestion = parseQuestion(chip!, offer());
      const keys = [
        'intent',
        'symbol',
        'timeframe',
        'indicator',
        'period',
        'compareWith',
        'overbought',
        'ranking',
        'count',
      ] as const;
      for (const key of keys) expect(back[key], `${text} → ${chip}: ${key}`).toEqual(q[key]);
      expect(back.unknownWords, chip).toBeUndefined();
    }
  });
});

describe('the chat engine’s newer answers, against the recording', () => {
  let tools: RecordedChatTools;
  const ask = (text: string, context?: ChatContext) => createChatEngine(tools).reply(text, context);

  beforeAll(async () => {
    tools = await createRecordedChatTools({ predictions: 'none' });
  });

  it('answers "volume of SOL" with the last 24 hours against the week before, never with the price', async () => {
    const reply = await ask('volume of SOL', { intent: 'levels', symbol: 'BTC/USDT', timeframe: '1h' });
    const hours = tools.series('SOL/USDT', '1h');
    const day = hours.slice(-24).reduce((sum, c) => sum + c.volume, 0);
    const week = hours.slice(-24 * 8, -24).reduce((sum, c) => sum + c.volume, 0) / 7;
    expect(reply.payload).toMatchObject({ intent: 'volume', symbol: 'SOL/USDT' });
    expect(reply.payload.figures[0]).toMatchObject({ label: 'Volume, 24 hours', raw: day });
    expect(reply.payload.figures.find((f) => f.label === 'Against average')!.raw).toBeCloseTo(day / week, 10);
    const pct = Math.round((day / week - 1) * 100);
    expect(reply.text).toContain(`${Math.abs(pct)}% ${pct > 0 ? 'above' : 'below'} its average`);
  });

  it('answers the volume of a chart candle against the 20 before it', async () => {
    const reply = await ask('what is the volume of BTC on 1h?');
    const hours = tools.series('BTC/USDT', '1h');
    const closed = hours.at(-2)!;
    const average = hours.slice(-22, -2).reduce((sum, c) => sum + c.volume, 0) / 20;
    expect(reply.payload.figures.map((f) => f.raw)).toEqual([
      closed.volume,
      average,
      closed.volume / average,
      hours.at(-1)!.volume,
    ]);
    // The closed candle's figures are as of its close, the forming one's as of now.
    expect(reply.payload.figures[0]!.asOf).toBe(closed.time + HOUR);
    expect(reply.payload.figures[3]!.asOf).toBe(tools.now());
  });

  it('gives the high, low and open of today, the field asked first', async () => {
    const reply = await ask('where did ETH open today?');
    const midnight = tools.now() - (tools.now() % DAY);
    const today = tools.series('ETH/USDT', '1m').filter((c) => c.time >= midnight);
    const high = Math.max(...today.map((c) => c.high));
    const low = Math.min(...today.map((c) => c.low));
    expect(reply.text).toMatch(
      new RegExp(`^ETH/USDT today \\(since 00:00 UTC\\): Open ${price(today[0]!.open, 2)} at 00:00 UTC`),
    );
    expect(reply.payload.figures.slice(0, 3).map((f) => [f.label, f.raw])).toEqual([
      ['Open', today[0]!.open],
      ['High', high],
      ['Low', low],
    ]);
  });

  it('shows the last candles as a table, newest first, the forming one marked', async () => {
    const reply = await ask('the last 5 candles of BTC');
    const hours = tools.series('BTC/USDT', '1h').slice(-5).reverse();
    expect(reply.payload.table!.columns).toEqual([
      'Time (UTC)',
      'Open',
      'High',
      'Low',
      'Close',
      'Volume (BTC)',
      'Change',
    ]);
    expect(reply.payload.table!.rows).toHaveLength(5);
    expect(reply.payload.table!.rows[0]![0]).toMatch(/\(forming\)$/);
    expect(reply.payload.table!.rows.map((r) => r[4])).toEqual(hours.map((c) => price(c.close, 2)));
    expect(reply.payload.chart).toEqual({ symbol: 'BTC/USDT', timeframe: '1h' });
  });

  it('ranks every symbol by its 24-hour change', async () => {
    const reply = await ask('which coin is strongest right now?');
    const change = (symbol: string) => {
      const minutes = tools.series(symbol, '1m');
      const last = minutes.at(-1)!;
      const before = minutes.find((c) => c.time === last.time - DAY)!;
      return ((last.close - before.close) / before.close) * 100;
    };
    const expected = tools
      .symbols()
      .map((s) => s.symbol)
      .sort((a, b) => change(b) - change(a));
    expect(reply.payload.table!.rows.map((r) => r[1])).toEqual(expected);
    expect(reply.text.startsWith(`Strongest over the last 24 hours: ${expected[0]} +`)).toBe(true);
    expect(reply.payload.symbol).toBeUndefined();
  });

  it('answers "is it overbought?" yes or no from RSI and the stochastic, on their own terms', async () => {
    const reply = await ask('Is BTC overbought on 1h?');
    const analysis = await tools.analysis('BTC/USDT', '1h');
    const rsi = Number(analysis.latest.rsi14!.toFixed(1));
    const k = Number(analysis.latest.stochastic!.k.toFixed(1));
    const verdict = rsi >= 70 && k >= 80 ? 'Yes' : rsi < 70 && k < 80 ? 'No' : 'Partly';
    expect(reply.text.startsWith(`${verdict} — BTC/USDT on 1h is`)).toBe(true);
    expect(reply.text).not.toContain('not oversold');
    expect(reply.payload.figures.map((f) => f.raw)).toEqual([rsi, k]);
  });

  it('understands an alert and tells a visitor to sign in, with the price it would watch', async () => {
    const reply = await ask('alert me when BTC goes above 51000', {
      intent: 'indicator',
      symbol: 'ETH/USDT',
      timeframe: '15m',
      indicator: 'rsi14',
    });
    const last = tools.series('BTC/USDT', '1m').at(-1)!;
    expect(reply.payload.intent).toBe('alert');
    expect(reply.text).toContain('Sign in to use alerts');
    expect(reply.text).toContain('“Alert me when BTC goes above 51000”');
    expect(reply.payload.figures[0]).toMatchObject({ label: 'Last price', value: price(last.close, 2) });
    expect(reply.text).not.toMatch(/RSI/);
  });

  it('tells a visitor to sign in before listing or deleting alerts, and a server without alerts says so', async () => {
    for (const text of ['what alerts do I have?', 'delete all my alerts']) {
      const reply = await ask(text);
      expect(reply.payload.intent, text).toBe('alert');
      expect(reply.text, text).toMatch(/^Sign in to use alerts/);
    }
    const signedIn = await createChatEngine(tools).reply('what alerts do I have?', undefined, {
      userId: 'u1',
    });
    expect(signedIn.text).toBe('Alerts can’t be set from the chat on this server.');
  });

  it('answers thanks and greetings in a line, without the help text', async () => {
    const thanks = await ask('thanks!', { intent: 'levels', symbol: 'BTC/USDT', timeframe: '1h' });
    expect(thanks.text).toBe('You’re welcome.');
    expect(thanks.payload.context).toEqual({ intent: 'levels', symbol: 'BTC/USDT', timeframe: '1h' });
    const hello = await ask('hello');
    expect(hello.payload.intent).toBe('smalltalk');
    expect(hello.text.length).toBeLessThan(120);
  });

  it('keeps every figure’s time within the data it comes from', async () => {
    for (const text of [
      'volume of ETH',
      'BTC high today',
      'last 3 candles of SOL on 4h',
      'top gainers',
      'is BNB oversold on 1d',
    ]) {
      const reply = await ask(text);
      expect(reply.payload.figures.length, text).toBeGreaterThan(0);
      for (const f of reply.payload.figures) {
        expect(f.asOf, `${text}: ${f.label}`).toBeLessThanOrEqual(tools.now());
        expect(f.asOf, `${text}: ${f.label}`).toBeGreaterThan(tools.now() - TIMEFRAME_MS['1d']);
      }
    }
  });
});
