import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatContext } from '../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/market.ts';
import {
  createRecordedChatTools,
  type RecordedChatTools,
} from '../../../test/support/recorded-chat-tools.ts';
import { analyze } from '../../analysis/analyze.ts';
import { MarketError } from '../../market/errors.ts';
import { createChatEngine } from './chat-engine.ts';
import type { ChatReply } from './chat-tools.ts';

const DAY = 86_400_000;
const price = (x: number, digits: number) =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The analysis computed here, straight from the recorded candles, to check the engine against. */
function analysisOf(tools: RecordedChatTools, symbol: string, timeframe: Timeframe) {
  const info = tools.symbols().find((s) => s.symbol === symbol)!;
  return analyze(tools.series(symbol, timeframe).slice(-1500), {
    symbol,
    timeframe,
    source: 'replay',
    pricePrecision: info.pricePrecision,
    now: tools.now(),
  });
}

/**
 * How fresh figures read from an analysis are: when it was computed, or the close of its newest
 * candle if that came first — not the candle's open, which on a forming daily candle is hours old.
 */
const dataTime = (a: { computedAt: number; candleTime: number }, timeframe: Timeframe) =>
  Math.min(a.computedAt, a.candleTime + TIMEFRAME_MS[timeframe]);

/** Change of the last 1m close against the 1m close `span` earlier, computed independently. */
function minuteChange(tools: RecordedChatTools, symbol: string, span: number): number {
  const minutes = tools.series(symbol, '1m');
  const last = minutes.at(-1)!;
  const reference = minutes.find((c) => c.time === last.time - span)!;
  return ((last.close - reference.close) / reference.close) * 100;
}

function expectWellFormed(reply: ChatReply, tools: RecordedChatTools) {
  expect(reply.payload.phrasedBy).toBe('engine');
  expect(reply.text.length).toBeGreaterThan(20);
  expect(reply.payload.suggestions!.length).toBeGreaterThanOrEqual(2);
  expect(reply.payload.suggestions!.length).toBeLessThanOrEqual(3);
  for (const f of reply.payload.figures) {
    expect(Number.isInteger(f.asOf), f.label).toBe(true);
    expect(f.asOf, f.label).toBeLessThanOrEqual(tools.now());
    expect(f.asOf, f.label).toBeGreaterThan(tools.now() - 30 * DAY);
  }
}

describe('chat engine on recorded market data', () => {
  let tools: RecordedChatTools;
  const ask = (text: string, context?: ChatContext) => createChatEngine(tools).reply(text, context);

  beforeAll(async () => {
    tools = await createRecordedChatTools();
  });

  it('answers the RSI of ETH on 15m with the analysis’ rsi14, and a follow-up switches to BTC keeping it', async () => {
    const eth = await ask("what's the RSI of ETH on 15m?");
    const ethRsi = analysisOf(tools, 'ETH/USDT', '15m');
    expect(eth.text).toContain(`RSI (14) of ETH/USDT on 15m is ${ethRsi.latest.rsi14!.toFixed(1)}`);
    expect(eth.payload.figures).toEqual([
      {
        label: 'RSI (14)',
        value: ethRsi.latest.rsi14!.toFixed(1),
        raw: ethRsi.latest.rsi14,
        asOf: dataTime(ethRsi, '15m'),
        tone: expect.any(String),
      },
    ]);
    expect(eth.payload.chart).toEqual({ symbol: 'ETH/USDT', timeframe: '15m' });
    const closes = tools.series('ETH/USDT', '15m').slice(-60);
    expect(eth.payload.sparkline).toEqual({
      symbol: 'ETH/USDT',
      timeframe: '15m',
      points: closes.map((c) => ({ time: c.time, close: c.close })),
    });
    expect(eth.payload.context).toEqual({
      intent: 'indicator',
      symbol: 'ETH/USDT',
      timeframe: '15m',
      indicator: 'rsi14',
    });
    expectWellFormed(eth, tools);

    const btc = await ask('and BTC?', eth.payload.context);
    const btcRsi = analysisOf(tools, 'BTC/USDT', '15m').latest.rsi14!;
    expect(btcRsi.toFixed(1)).not.toBe(ethRsi.latest.rsi14!.toFixed(1));
    expect(btc.text).toContain(`RSI (14) of BTC/USDT on 15m is ${btcRsi.toFixed(1)}`);
    expect(btc.payload).toMatchObject({ intent: 'indicator', symbol: 'BTC/USDT', timeframe: '15m' });

    const hourly = await ask('what about on 1h?', btc.payload.context);
    expect(hourly.text).toContain(`on 1h is ${analysisOf(tools, 'BTC/USDT', '1h').latest.rsi14!.toFixed(1)}`);
  });

  it('gives the price to the symbol’s precision with the 24-hour change', async () => {
    const btc = await ask('price of bitcoin');
    const last = tools.series('BTC/USDT', '1m').at(-1)!;
    expect(btc.text).toContain(`BTC/USDT is at ${price(last.close, 2)}`);
    const change = minuteChange(tools, 'BTC/USDT', DAY);
    expect(btc.text).toContain(
      `${change > 0 ? '+' : '-'}${Math.abs(change).toFixed(2)}% over the last 24 hours`,
    );
    expect(btc.payload.figures[0]).toMatchObject({
      label: 'Last price',
      raw: last.close,
      asOf: last.time - (last.time % (5 * 60_000)),
    });
    expectWellFormed(btc, tools);

    const sol = await ask('how much is SOL/USDT?');
    const solInfo = tools.symbols().find((s) => s.symbol === 'SOL/USDT')!;
    expect(solInfo.pricePrecision).toBe(4);
    expect(sol.text).toContain(price(tools.series('SOL/USDT', '1m').at(-1)!.close, 4));
  });

  it('answers how much a coin moved over the period asked, and keeps the period for the next coin', async () => {
    const week = await ask('how much did ETH move this week?');
    const change = minuteChange(tools, 'ETH/USDT', 7 * DAY);
    expect(week.text).toContain(
      `ETH/USDT is ${change > 0 ? 'up' : 'down'} ${Math.abs(change).toFixed(2)}% over the last 7 days`,
    );
    expect(week.payload.context).toMatchObject({ intent: 'change', period: '7d' });
    const today = await ask('and today?', week.payload.context);
    // Today's reference is the close of the last minute before 00:00 UTC.
    const minutes = tools.series('ETH/USDT', '1m');
    const midnight = tools.now() - (tools.now() % DAY);
    const before = minutes.find((c) => c.time === midnight - 60_000)!.close;
    const sinceMidnight = ((minutes.at(-1)!.close - before) / before) * 100;
    expect(today.text).toContain(`${Math.abs(sinceMidnight).toFixed(2)}% today (since 00:00 UTC)`);
    const sol = await ask('and solana?', week.payload.context);
    const solChange = minuteChange(tools, 'SOL/USDT', 7 * DAY);
    expect(sol.text).toContain(`${Math.abs(solChange).toFixed(2)}% over the last 7 days`);
  });

  it('summarises the trend from the analysis', async () => {
    const reply = await ask('how is BTC doing on the 4h?');
    const analysis = analysisOf(tools, 'BTC/USDT', '4h');
    const { trend, momentum, levels } = analysis.summary;
    const word =
      trend.direction === 'up' ? 'uptrend' : trend.direction === 'down' ? 'downtrend' : 'moving sideways';
    expect(reply.text).toContain(`BTC/USDT on 4h: ${word} (${trend.strength}`);
    expect(reply.text).toContain(`momentum ${momentum.state} (RSI ${momentum.rsi!.toFixed(1)})`);
    if (levels.support[0] !== undefined)
      expect(reply.text).toContain(`support ${price(levels.support[0], 2)}`);
    expect(reply.payload.figures.find((f) => f.label === 'Trend')!.asOf).toBe(dataTime(analysis, '4h'));
    // The forming 4h candle is read up to now, not as of its open hours ago.
    expect(dataTime(analysis, '4h')).toBe(tools.now());
    expectWellFormed(reply, tools);
  });

  it('lists support and resistance nearest first', async () => {
    const reply = await ask('support and resistance for ether on 1h');
    const { support, resistance } = analysisOf(tools, 'ETH/USDT', '1h').summary.levels;
    expect(support.length + resistance.length).toBeGreaterThan(0);
    for (const level of [...support, ...resistance]) expect(reply.text).toContain(price(level, 2));
    expect(reply.payload.figures.filter((f) => f.label.startsWith('Support')).map((f) => f.raw)).toEqual(
      support,
    );
    expectWellFormed(reply, tools);
  });

  it('compares two tickers, naming both with their own figures', async () => {
    const reply = await ask('compare BTC and ETH');
    expect(reply.text).toContain('BTC/USDT vs ETH/USDT over the last 24 hours');
    for (const [symbol, base] of [
      ['BTC/USDT', 'BTC'],
      ['ETH/USDT', 'ETH'],
    ] as const) {
      const change = minuteChange(tools, symbol, DAY);
      expect(reply.text).toContain(`${base} ${change > 0 ? '+' : '-'}${Math.abs(change).toFixed(2)}%`);
      const rsi = analysisOf(tools, symbol, '1h').latest.rsi14!;
      expect(reply.payload.figures.find((f) => f.label === `${base} RSI (14)`)!.raw).toBe(rsi);
    }
    expect(reply.payload).toMatchObject({ symbol: 'BTC/USDT', context: { compareWith: 'ETH/USDT' } });
    expectWellFormed(reply, tools);
    const next = await ask('and SOL?', reply.payload.context);
    expect(next.text).toContain('BTC/USDT vs SOL/USDT');
  });

  it('says which symbols are available when asked about one that is not offered', async () => {
    const context: ChatContext = { intent: 'trend', symbol: 'ETH/USDT', timeframe: '4h' };
    const reply = await ask('price of DOGE', context);
    expect(reply.text).toContain('DOGE is not available here');
    for (const s of ['BTC/USDT', 'ETH/USDT', 'BNB/USDT', 'SOL/USDT']) expect(reply.text).toContain(s);
    expect(reply.payload.figures).toEqual([]);
    expect(reply.payload.context).toEqual(context);
  });

  it('asks which symbol when none is known, and takes the answer as the symbol of the same question', async () => {
    const which = await ask('support levels?');
    expect(which.text).toContain('Which symbol');
    expect(which.payload.context.intent).toBe('levels');
    const answer = await ask('BNB', which.payload.context);
    expect(answer.payload).toMatchObject({ intent: 'levels', symbol: 'BNB/USDT', timeframe: '1h' });
  });

  it('explains indicators, lists examples for help, and says what it can do when lost', async () => {
    expect((await ask('what is RSI?')).text).toContain('overbought');
    const help = await ask('help');
    expect(help.payload.intent).toBe('help');
    expect(help.text).toContain('Compare BTC and ETH');
    const lost = await ask('tell me a joke');
    expect(lost.payload.intent).toBe('unknown');
    expect(lost.text).toMatch(/price.*trend.*forecast.*support and resistance/s);
  });

  it('turns a failing market into a polite answer, never a throw', async () => {
    const errors: unknown[] = [];
    const broken = {
      ...tools,
      analysis: () => Promise.reject(new MarketError('unavailable', 'exchange down for maintenance')),
      candles: () => Promise.reject(new Error('socket hang up')),
    };
    const engine = createChatEngine(broken, { onError: (e) => errors.push(e) });
    const context: ChatContext = { intent: 'price', symbol: 'BTC/USDT' };
    for (const q of ['how is ETH doing?', 'price of BTC', 'compare BTC and SOL']) {
      const reply = await engine.reply(q, context);
      expect(reply.text).toMatch(/unavailable at the moment/);
      expect(reply.text).not.toMatch(/maintenance|socket/);
      expect(reply.payload.figures).toEqual([]);
    }
    expect(errors).toHaveLength(3);
  });

  // Its speed is measured by `npm run bench:chat`, not here: a wall-clock bound fails on a busy machine.
  it('reads each analysis at most once per answer', async () => {
    const questions = [
      'price of BTC',
      'how much did ETH move today?',
      'how is SOL doing?',
      'RSI of BNB on 15m',
      'MACD of ETH on 5m',
      'bollinger bands for BTC on the hourly',
      'forecast for BTC',
      'is ETH risky?',
      'support and resistance for SOL on 4h',
      'compare BTC and ETH on 15m',
      'what is VWAP?',
      'is SOL overbought?',
      'which coin is strongest?',
    ];
    for (let round = 0; round < 4; round++) {
      for (const q of questions) {
        const from = tools.calls.length;
        const reply = await ask(q);
        const analyses = tools.calls.slice(from).filter((c) => c.tool === 'analysis');
        const keys = analyses.map((c) => `${c.symbol}@${c.timeframe}`);
        expect(new Set(keys).size, q).toBe(keys.length);
        expect(reply.payload.phrasedBy).toBe('engine');
      }
    }
  });
});

describe('forecast answers', () => {
  it('state the central forecast, the 80/95 ranges, P(up) and the track record honestly', async () => {
    const tools = await createRecordedChatTools({ symbols: ['SOL/USDT'] });
    const reply = await createChatEngine(tools).reply('forecast for solana', undefined);
    const p = (await tools.prediction('SOL/USDT', '1h'))!;
    const end = p.path.at(-1)!;
    const f = (x: number) => price(x, 4);
    expect(reply.text).toContain(`central ${f(end.yhat)}`);
    expect(reply.text).toContain(`80% range ${f(end.lower80)}–${f(end.upper80)}`);
    expect(reply.text).toContain(`95% range ${f(end.lower95)}–${f(end.upper95)}`);
    expect(reply.text).toContain(`P(up) ${Math.round(p.direction.probabilityUp * 100)}%`);
    expect(reply.text).toContain(
      `90% credible ${Math.round(p.direction.credible90[0] * 100)}%–${Math.round(p.direction.credible90[1] * 100)}%`,
    );
    expect(p.scorecard.n).toBe(200);
    expect(reply.text).toContain(
      `Track record over the last 200 scored forecasts: MAE ratio ${p.scorecard.maeRatio!.toFixed(2)}`,
    );
    expect(reply.text.includes('no skill')).toBe(p.scorecard.maeRatio! >= 1);
    expect(reply.text).toContain(`the 80% range held ${Math.round(p.scorecard.coverage80! * 100)}%`);
    const asOf = dataTime({ computedAt: p.computedAt, candleTime: p.lastCandleTime }, '1h');
    for (const figure of reply.payload.figures) expect(figure.asOf).toBe(asOf);
    expect(p.lastCandleTime).toBe(tools.series('SOL/USDT', '1h').at(-1)!.time);
    expect(end.time).toBe(p.lastCandleTime + p.horizon * TIMEFRAME_MS['1h']);

    const record = await createChatEngine(tools).reply(
      'how accurate are your predictions?',
      reply.payload.context,
    );
    expect(record.text.startsWith('Track record over the last 200 scored forecasts')).toBe(true);
  });

  it('say "not enough history yet" when there is no prediction, or nothing scored', async () => {
    const none = await createRecordedChatTools({ symbols: ['BTC/USDT'], predictions: 'none' });
    const reply = await createChatEngine(none).reply('forecast for BTC on 4h', undefined);
    expect(reply.text).toContain('Not enough history yet to forecast BTC/USDT on 4h');
    expect(reply.payload.figures).toEqual([]);
    expect(reply.payload.chart).toEqual({ symbol: 'BTC/USDT', timeframe: '4h' });
    const risk = await createChatEngine(none).reply('is it risky?', reply.payload.context);
    expect(risk.text).toContain('Not enough history yet for a full risk read');

    const unscored = await createRecordedChatTools({ symbols: ['BTC/USDT'], scored: 0 });
    const fresh = await createChatEngine(unscored).reply('forecast for BTC', undefined);
    expect((await unscored.prediction('BTC/USDT', '1h'))!.scorecard.n).toBe(0);
    expect(fresh.text).toContain('Track record: not enough history yet');
    expect(fresh.text).not.toContain('MAE ratio');
  });

  it('read risk, anomalies and timeframe agreement from the prediction', async () => {
    const tools = await createRecordedChatTools({ symbols: ['BNB/USDT'] });
    const reply = await createChatEngine(tools).reply('is BNB risky right now?', undefined);
    const p = (await tools.prediction('BNB/USDT', '1h'))!;
    expect(reply.text).toContain(`Risk for BNB/USDT on 1h: ${p.risk.level}`);
    for (const reason of p.risk.reasons) expect(reply.text).toContain(reason);
    expect(reply.payload.figures[0]).toEqual({
      label: 'Risk',
      value: p.risk.level,
      asOf: dataTime({ computedAt: p.computedAt, candleTime: p.lastCandleTime }, '1h'),
      tone: expect.any(String),
    });
    expect(reply.text).toContain(p.confluence.agree ? 'Timeframes agree' : 'Timeframes do not agree');
  });
});
