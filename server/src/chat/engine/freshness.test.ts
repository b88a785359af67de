import { beforeAll, describe, expect, it } from 'vitest';
import {
  createRecordedChatTools,
  type RecordedChatTools,
} from '../../../test/support/recorded-chat-tools.ts';
import type { ChatTools } from './chat-tools.ts';
import { createChatEngine } from './chat-engine.ts';

const MINUTE = 60_000;
const utc = (time: number) => new Date(time).toISOString().slice(11, 16) + ' UTC';

/** The recording as the engine would see it `laterMs` after its last candle, with a feed's word on it. */
function later(tools: RecordedChatTools, laterMs: number, feedStaleSince?: number): ChatTools {
  return {
    symbols: () => tools.symbols(),
    timeframes: () => tools.timeframes(),
    candles: (symbol, timeframe, limit) => tools.candles(symbol, timeframe, limit),
    analysis: (symbol, timeframe) => tools.analysis(symbol, timeframe),
    prediction: (symbol, timeframe) => tools.prediction(symbol, timeframe),
    now: () => tools.now() + laterMs,
    feedStaleSince: () => feedStaleSince,
  };
}

describe('the freshness of an answer', () => {
  let tools: RecordedChatTools;
  beforeAll(async () => {
    tools = await createRecordedChatTools({ predictions: 'none' });
  });

  it('says nothing of freshness while the data is live', async () => {
    const reply = await createChatEngine(later(tools, 0)).reply('BTC price?', undefined);
    expect(reply.text).not.toMatch(/stale/i);
    expect(reply.payload.staleSince).toBeUndefined();
  });

  it('says the data is stale, and since when, once the newest candle is older than its timeframe allows', async () => {
    const reply = await createChatEngine(later(tools, 60 * MINUTE)).reply('BTC price?', undefined);
    // The price answer reads 5m candles: the last one opened at the recording's last 5 minutes.
    const lastFiveMinutes = tools.series('BTC/USDT', '5m').at(-1)!.time;
    expect(reply.payload.staleSince).toBe(lastFiveMinutes);
    expect(reply.text).toMatch(new RegExp(`^Stale since ${utc(lastFiveMinutes)}: `));
    expect(reply.text).toContain('BTC/USDT is at');
    for (const figure of reply.payload.figures) expect(figure.asOf).toBeLessThanOrEqual(lastFiveMinutes);
  });

  it('takes the feed’s word when it says stale before the candles show it', async () => {
    const stoppedAt = tools.now() - 2 * MINUTE;
    const reply = await createChatEngine(later(tools, 0, stoppedAt)).reply('RSI of ETH on 1m?', undefined);
    expect(reply.payload.staleSince).toBe(stoppedAt);
    expect(reply.text).toMatch(new RegExp(`^Stale since ${utc(stoppedAt)}: `));
    for (const figure of reply.payload.figures) expect(figure.asOf).toBeLessThanOrEqual(stoppedAt);
  });

  it('says it for volume, ranges, candles, rankings and overbought answers too', async () => {
    // Three hours on, even the hourly candles these read are older than two periods.
    const engine = createChatEngine(later(tools, 180 * MINUTE));
    for (const question of [
      'volume of SOL',
      'volume of BTC on 1h',
      'BTC high today',
      'the last 5 candles of ETH',
      'which coin is strongest?',
      'is BNB overbought?',
    ]) {
      const reply = await engine.reply(question, undefined);
      const since = reply.payload.staleSince;
      expect(since, question).toBeDefined();
      expect(reply.text, question).toMatch(new RegExp(`^Stale since ${utc(since!)}: `));
      for (const figure of reply.payload.figures) expect(figure.asOf, question).toBeLessThanOrEqual(since!);
    }
  });

  it('keeps the note when an LLM rewords the answer', async () => {
    const engine = createChatEngine(later(tools, 60 * MINUTE), {
      phraser: { phrase: async (_question, reply) => ({ ...reply, text: 'Bitcoin trades near its high.' }) },
    });
    const reply = await engine.reply('BTC price?', undefined);
    expect(reply.text).toMatch(/^Stale since \d\d:\d\d UTC: .* Bitcoin trades near its high\.$/);
  });
});
