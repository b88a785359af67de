import { describe, expect, it } from 'vitest';
import { CHAT_INTENTS, type ChatContext } from '../../../../shared/chat-answer.ts';
import type { SymbolInfo } from '../../../../shared/http.ts';
import { TIMEFRAMES } from '../../../../shared/market.ts';
import { parseQuestion, type ParsedQuestion } from './parse-question.ts';

/** What the replay offers. */
const symbols: SymbolInfo[] = [
  { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2 },
  { symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', pricePrecision: 2 },
  { symbol: 'BNB/USDT', base: 'BNB', quote: 'USDT', pricePrecision: 4 },
  { symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', pricePrecision: 4 },
];

/** The replay's market: its symbols, every timeframe the product has. */
const market = { symbols, timeframes: TIMEFRAMES };

const BTC = 'BTC/USDT';
const ETH = 'ETH/USDT';
const BNB = 'BNB/USDT';
const SOL = 'SOL/USDT';

const ctx = (context: ChatContext) => context;

const CHECKED = [
  'period',
  'compareWith',
  'trackRecord',
  'topic',
  'unknownSymbols',
  'overbought',
  'rangeFields',
  'count',
  'ranking',
  'alert',
  'smalltalk',
] as const;
type Expected = Pick<ParsedQuestion, 'intent' | 'symbol' | 'timeframe' | 'indicator'> &
  Partial<Pick<ParsedQuestion, (typeof CHECKED)[number]>>;

const cases: Array<[string, ChatContext | undefined, Expected]> = [
  // price
  ['price of BTC', undefined, { intent: 'price', symbol: BTC }],
  ['What is the price of bitcoin?', undefined, { intent: 'price', symbol: BTC }],
  ['how much is btc', undefined, { intent: 'price', symbol: BTC }],
  ['ETH/USDT price', undefined, { intent: 'price', symbol: ETH }],
  ['eth-usdt', undefined, { intent: 'price', symbol: ETH }],
  ["what's ether trading at?", undefined, { intent: 'price', symbol: ETH }],
  ['SOLUSDT quote', undefined, { intent: 'price', symbol: SOL }],
  ['binance coin price', undefined, { intent: 'price', symbol: BNB }],
  ['solana', undefined, { intent: 'price', symbol: SOL }],
  // A question naming its own subject starts afresh: nothing of the last one carries over.
  [
    "what's BTC at?",
    ctx({ intent: 'trend', symbol: ETH, timeframe: '4h' }),
    { intent: 'price', symbol: BTC },
  ],
  // change over a period
  ['how much did BTC move today?', undefined, { intent: 'change', symbol: BTC, period: 'today' }],
  ['how much did SOL move in the last 24h', undefined, { intent: 'change', symbol: SOL, period: '24h' }],
  ['ETH performance this week', undefined, { intent: 'change', symbol: ETH, period: '7d' }],
  ['Is BTC up?', undefined, { intent: 'change', symbol: BTC, period: '24h' }],
  ['bnb change over the past 4 hours', undefined, { intent: 'change', symbol: BNB, period: '4h' }],
  ['how much has ethereum gained this month', undefined, { intent: 'change', symbol: ETH, period: '30d' }],
  ['did solana drop in the last hour?', undefined, { intent: 'change', symbol: SOL, period: '1h' }],
  ['BTC 24h change', undefined, { intent: 'change', symbol: BTC, period: '24h' }],
  ['bitcoin daily change', undefined, { intent: 'change', symbol: BTC, period: '24h' }],
  ['eth over the last 2 weeks', undefined, { intent: 'change', symbol: ETH, period: '14d' }],
  // trend
  ['how is BTC doing?', undefined, { intent: 'trend', symbol: BTC, timeframe: '1h' }],
  ["how's ETH looking on the 4h?", undefined, { intent: 'trend', symbol: ETH, timeframe: '4h' }],
  ['is solana bullish on the daily', undefined, { intent: 'trend', symbol: SOL, timeframe: '1d' }],
  ['4 hour trend of eth', undefined, { intent: 'trend', symbol: ETH, timeframe: '4h' }],
  ['should I buy BNB?', undefined, { intent: 'trend', symbol: BNB, timeframe: '1h' }],
  ['give me an overview of bitcoin on 15 min', undefined, { intent: 'trend', symbol: BTC, timeframe: '15m' }],
  ['is btc trending up on the hourly', undefined, { intent: 'trend', symbol: BTC, timeframe: '1h' }],
  ['tell me about ethereum', undefined, { intent: 'trend', symbol: ETH, timeframe: '1h' }],
  // indicator values
  [
    "what's the RSI of ETH on 15m?",
    undefined,
    { intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' },
  ],
  [
    'RSI ETH fifteen minutes',
    undefined,
    { intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' },
  ],
  ['btc macd 4h', undefined, { intent: 'indicator', symbol: BTC, timeframe: '4h', indicator: 'macd' }],
  [
    "what's the 200 EMA on bitcoin daily",
    undefined,
    { intent: 'indicator', symbol: BTC, timeframe: '1d', indicator: 'ema200' },
  ],
  ['EMA 50 for sol', undefined, { intent: 'indicator', symbol: SOL, timeframe: '1h', indicator: 'ema50' }],
  [
    'bollinger bands on the hourly for binance coin',
    undefined,
    { intent: 'indicator', symbol: BNB, timeframe: '1h', indicator: 'bollinger' },
  ],
  [
    'ATR of SOL on 5 minutes',
    undefined,
    { intent: 'indicator', symbol: SOL, timeframe: '5m', indicator: 'atr14' },
  ],
  [
    'stochastic on ETHUSDT 1m',
    undefined,
    { intent: 'indicator', symbol: ETH, timeframe: '1m', indicator: 'stochastic' },
  ],
  [
    'ADX for btc on the 1 hour',
    undefined,
    { intent: 'indicator', symbol: BTC, timeframe: '1h', indicator: 'adx14' },
  ],
  [
    'on-balance volume of ethereum',
    undefined,
    { intent: 'indicator', symbol: ETH, timeframe: '1h', indicator: 'obv' },
  ],
  [
    'where is VWAP for bitcoin on 5m',
    undefined,
    { intent: 'indicator', symbol: BTC, timeframe: '5m', indicator: 'vwap' },
  ],
  [
    'the 200-day moving average of btc',
    undefined,
    { intent: 'indicator', symbol: BTC, timeframe: '1d', indicator: 'sma200' },
  ],
  [
    'is ETH overbought on the 15m?',
    undefined,
    { intent: 'overbought', symbol: ETH, timeframe: '15m', indicator: 'rsi14', overbought: 'overbought' },
  ],
  [
    'is sol oversold',
    undefined,
    { intent: 'overbought', symbol: SOL, timeframe: '1h', indicator: 'rsi14', overbought: 'oversold' },
  ],
  // volume, ranges, candles, rankings, alerts, chit-chat
  ['volume of SOL', undefined, { intent: 'volume', symbol: SOL }],
  ['what is the volume of BTC on 1h?', undefined, { intent: 'volume', symbol: BTC, timeframe: '1h' }],
  ['eth volume today', undefined, { intent: 'volume', symbol: ETH, period: 'today' }],
  ['BTC high today', undefined, { intent: 'range', symbol: BTC, period: 'today', rangeFields: ['high'] }],
  [
    'where did sol open this week',
    undefined,
    { intent: 'range', symbol: SOL, period: '7d', rangeFields: ['open'] },
  ],
  ['the last 5 candles of BTC', undefined, { intent: 'candles', symbol: BTC, timeframe: '1h', count: 5 }],
  ['last 50 candles of eth on 4h', undefined, { intent: 'candles', symbol: ETH, timeframe: '4h', count: 20 }],
  [
    'which coin is strongest right now?',
    undefined,
    { intent: 'ranking', period: '24h', ranking: { metric: 'change', order: 'desc' } },
  ],
  [
    'most volatile coin this week',
    undefined,
    { intent: 'ranking', period: '7d', ranking: { metric: 'volatility', order: 'desc' } },
  ],
  [
    'alert me when BTC goes above 51,000',
    ctx({ intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' }),
    { intent: 'alert', symbol: BTC, alert: { action: 'create', direction: 'above', level: 51_000 } },
  ],
  [
    'notify me if eth drops 5%',
    undefined,
    { intent: 'alert', symbol: ETH, alert: { action: 'create', percent: -5 } },
  ],
  ['show my alerts', undefined, { intent: 'alert', alert: { action: 'list', all: true } }],
  [
    'thanks!',
    ctx({ intent: 'levels', symbol: BTC, timeframe: '1h' }),
    { intent: 'smalltalk', smalltalk: 'thanks' },
  ],
  ['hi', undefined, { intent: 'smalltalk', smalltalk: 'greeting' }],
  ['EMAs for BNB/USDT', undefined, { intent: 'indicator', symbol: BNB, timeframe: '1h', indicator: 'ema' }],
  // forecast and its track record
  ['forecast for SOL', undefined, { intent: 'forecast', symbol: SOL, timeframe: '1h' }],
  [
    'where will ETH be in the next few hours?',
    undefined,
    { intent: 'forecast', symbol: ETH, timeframe: '1h' },
  ],
  ['predict bitcoin on the 4h', undefined, { intent: 'forecast', symbol: BTC, timeframe: '4h' }],
  ['what are the chances BNB goes up?', undefined, { intent: 'forecast', symbol: BNB, timeframe: '1h' }],
  [
    'how accurate are your predictions for BTC',
    undefined,
    { intent: 'forecast', symbol: BTC, timeframe: '1h', trackRecord: true },
  ],
  [
    "what's the track record of the SOL forecasts on 15m",
    undefined,
    { intent: 'forecast', symbol: SOL, timeframe: '15m', trackRecord: true },
  ],
  // risk and anomalies
  ['is BNB risky right now?', undefined, { intent: 'risk', symbol: BNB, timeframe: '1h' }],
  ['any anomalies on solana on 1m?', undefined, { intent: 'risk', symbol: SOL, timeframe: '1m' }],
  ['how volatile is ether on the daily', undefined, { intent: 'risk', symbol: ETH, timeframe: '1d' }],
  ['anything unusual with BTC?', undefined, { intent: 'risk', symbol: BTC, timeframe: '1h' }],
  // compare
  [
    'compare BTC and ETH',
    undefined,
    { intent: 'compare', symbol: BTC, compareWith: ETH, timeframe: '1h', period: '24h' },
  ],
  ['BTC vs SOL', undefined, { intent: 'compare', symbol: BTC, compareWith: SOL, timeframe: '1h' }],
  [
    'which is stronger, ethereum or bitcoin?',
    undefined,
    { intent: 'compare', symbol: ETH, compareWith: BTC, timeframe: '1h' },
  ],
  [
    'sol versus bnb this week',
    undefined,
    { intent: 'compare', symbol: SOL, compareWith: BNB, timeframe: '1h', period: '7d' },
  ],
  [
    'how are BTC and ETH doing on 4h',
    undefined,
    { intent: 'compare', symbol: BTC, compareWith: ETH, timeframe: '4h' },
  ],
  [
    'compare it with SOL',
    ctx({ intent: 'price', symbol: BTC }),
    { intent: 'compare', symbol: BTC, compareWith: SOL, timeframe: '1h' },
  ],
  // support and resistance
  ['support and resistance for ether', undefined, { intent: 'levels', symbol: ETH, timeframe: '1h' }],
  ['key levels on BTC 4h', undefined, { intent: 'levels', symbol: BTC, timeframe: '4h' }],
  ['where is support for SOL on the daily?', undefined, { intent: 'levels', symbol: SOL, timeframe: '1d' }],
  // what an indicator means
  ['what is RSI?', undefined, { intent: 'explain', indicator: 'rsi14' }],
  ['explain MACD', undefined, { intent: 'explain', indicator: 'macd' }],
  ['What are Bollinger bands?', undefined, { intent: 'explain', indicator: 'bollinger' }],
  ['how do I read the stochastic?', undefined, { intent: 'explain', indicator: 'stochastic' }],
  [
    'what does ADX mean',
    ctx({ intent: 'trend', symbol: BTC, timeframe: '4h' }),
    { intent: 'explain', symbol: BTC, indicator: 'adx14' },
  ],
  ['what does the MAE ratio mean?', undefined, { intent: 'explain', topic: 'mae-ratio' }],
  // help and unknown
  ['help', undefined, { intent: 'help' }],
  ['what can you do?', undefined, { intent: 'help' }],
  ["what's the weather like", undefined, { intent: 'unknown' }],
  ['price of DOGE', undefined, { intent: 'price', unknownSymbols: ['DOGE'] }],
  ['how is dogecoin doing', undefined, { intent: 'trend', timeframe: '1h', unknownSymbols: ['DOGE'] }],
  ['XRP/USDT', undefined, { intent: 'price', unknownSymbols: ['XRP/USDT'] }],
  // follow-ups through the context
  [
    'and BTC?',
    ctx({ intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' }),
    { intent: 'indicator', symbol: BTC, timeframe: '15m', indicator: 'rsi14' },
  ],
  [
    'what about on 1h?',
    ctx({ intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' }),
    { intent: 'indicator', symbol: ETH, timeframe: '1h', indicator: 'rsi14' },
  ],
  [
    'and ETH?',
    ctx({ intent: 'forecast', symbol: SOL, timeframe: '4h' }),
    { intent: 'forecast', symbol: ETH, timeframe: '4h' },
  ],
  [
    'how about bitcoin',
    ctx({ intent: 'change', symbol: SOL, period: '7d' }),
    { intent: 'change', symbol: BTC, period: '7d' },
  ],
  [
    'same for solana on the daily',
    ctx({ intent: 'levels', symbol: BTC, timeframe: '1h' }),
    { intent: 'levels', symbol: SOL, timeframe: '1d' },
  ],
  [
    'and the MACD?',
    ctx({ intent: 'indicator', symbol: BTC, timeframe: '4h', indicator: 'rsi14' }),
    { intent: 'indicator', symbol: BTC, timeframe: '4h', indicator: 'macd' },
  ],
  [
    'and for ETH?',
    ctx({ intent: 'explain', indicator: 'rsi14' }),
    { intent: 'indicator', symbol: ETH, timeframe: '1h', indicator: 'rsi14' },
  ],
  [
    'what about on 4h?',
    ctx({ intent: 'explain', symbol: BTC, timeframe: '1h', indicator: 'macd' }),
    { intent: 'indicator', symbol: BTC, timeframe: '4h', indicator: 'macd' },
  ],
  [
    'and SOL?',
    ctx({ intent: 'compare', symbol: BTC, compareWith: ETH, timeframe: '1h', period: '24h' }),
    { intent: 'compare', symbol: BTC, compareWith: SOL, timeframe: '1h', period: '24h' },
  ],
  ['forecast?', ctx({ intent: 'price', symbol: BNB }), { intent: 'forecast', symbol: BNB, timeframe: '1h' }],
  [
    'risk on 5m',
    ctx({ intent: 'trend', symbol: ETH, timeframe: '4h' }),
    { intent: 'risk', symbol: ETH, timeframe: '5m' },
  ],
  [
    'and this week?',
    ctx({ intent: 'change', symbol: BTC, period: 'today' }),
    { intent: 'change', symbol: BTC, period: '7d' },
  ],
  ['ETH', ctx({ intent: 'help' }), { intent: 'price', symbol: ETH }],
];

describe('parseQuestion', () => {
  it('is tested with a broad table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const intents = new Set(cases.map(([, , e]) => e.intent));
    expect([...intents].sort()).toEqual([...CHAT_INTENTS].sort());
  });

  it.each(cases)('%j (context %j)', (text, context, expected) => {
    const parsed = parseQuestion(text, market, context);
    const { intent, symbol, timeframe, indicator } = parsed;
    expect({ intent, symbol, timeframe, indicator }).toEqual({
      intent: expected.intent,
      symbol: expected.symbol,
      timeframe: expected.timeframe,
      indicator: expected.indicator,
    });
    for (const key of CHECKED) {
      if (key in expected) expect(parsed[key], key).toEqual(expected[key]);
    }
  });
});

describe('parseQuestion with an exchange’s symbols', () => {
  const exchange: SymbolInfo[] = [
    { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2 },
    { symbol: 'BTC/EUR', base: 'BTC', quote: 'EUR', pricePrecision: 2 },
    { symbol: 'NEAR/USDT', base: 'NEAR', quote: 'USDT', pricePrecision: 3 },
    { symbol: 'DOGE/USDT', base: 'DOGE', quote: 'USDT', pricePrecision: 5 },
  ];

  it('takes the pair named, and the USDT market for a bare base', () => {
    expect(parseQuestion('price of btc/eur', { symbols: exchange, timeframes: TIMEFRAMES }).symbol).toBe(
      'BTC/EUR',
    );
    expect(parseQuestion('price of bitcoin', { symbols: exchange, timeframes: TIMEFRAMES }).symbol).toBe(
      'BTC/USDT',
    );
  });

  it('reads a base that is an English word only when written as a ticker', () => {
    expect(parseQuestion('how is NEAR doing', { symbols: exchange, timeframes: TIMEFRAMES }).symbol).toBe(
      'NEAR/USDT',
    );
    const near = parseQuestion('is btc near support?', { symbols: exchange, timeframes: TIMEFRAMES });
    expect(near).toMatchObject({ intent: 'levels', symbol: 'BTC/USDT' });
  });

  it('finds coins offered beyond the name table by their ticker, in any case', () => {
    expect(parseQuestion('doge price', { symbols: exchange, timeframes: TIMEFRAMES })).toMatchObject({
      intent: 'price',
      symbol: 'DOGE/USDT',
    });
    expect(
      parseQuestion('how much is dogecoin?', { symbols: exchange, timeframes: TIMEFRAMES }).unknownSymbols,
    ).toBeUndefined();
  });

  it('does not take shouting or indicator names for tickers', () => {
    expect(parseQuestion('WHAT IS THE PRICE OF BTC', { symbols: exchange, timeframes: TIMEFRAMES })).toEqual({
      intent: 'price',
      symbol: 'BTC/USDT',
    });
    expect(
      parseQuestion('is the EMA200 above VWAP on BTC?', { symbols: exchange, timeframes: TIMEFRAMES })
        .unknownSymbols,
    ).toBeUndefined();
  });
});

describe('parseQuestion: what it does not understand, it says', () => {
  const rsiOfEth = ctx({ intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' });

  it('reads slips of coins and words as what they resemble, and lists each one', () => {
    const parsed = parseQuestion('waht is teh macd of bitcon', market, rsiOfEth);
    expect(parsed).toMatchObject({ intent: 'indicator', symbol: BTC, indicator: 'macd', timeframe: '1h' });
    // "waht" and "teh" are grammar: corrected without a word; the coin is said back.
    expect(parsed.assumed).toEqual([{ word: 'bitcon', as: 'BTC' }]);
    expect(parseQuestion('volumn of etherium', market).assumed).toEqual([
      { word: 'volumn', as: 'volume' },
      { word: 'etherium', as: 'ETH' },
    ]);
  });

  it('names a word it does not know, with the coins it resembles, and takes nothing from the conversation', () => {
    expect(parseQuestion('bnc price', market, rsiOfEth)).toMatchObject({
      intent: 'price',
      unknownWords: [{ word: 'bnc', near: ['BNB', 'BTC'] }],
    });
    const funding = parseQuestion('what is the funding rate?', market, rsiOfEth);
    expect(funding.unknownWords).toEqual([{ word: 'funding', near: [] }]);
    expect(funding.symbol).toBeUndefined();
    expect(parseQuestion('how many people hold it', market, rsiOfEth)).toMatchObject({
      intent: 'unknown',
      unknownWords: [{ word: 'people', near: [] }],
    });
  });

  it('says a timeframe is not offered while it is not, and reads it once it is', () => {
    const small = { symbols, timeframes: ['1m', '5m', '1h', '1d'] as const };
    expect(parseQuestion('RSI of BTC on 2h', small).unsupported).toEqual({
      kind: 'timeframe',
      words: ['2h'],
      code: '2h',
    });
    expect(parseQuestion('what about the weekly?', small, rsiOfEth).unsupported).toMatchObject({
      code: '1w',
    });
    const wide = { symbols, timeframes: [...small.timeframes, '2h', '1w'] as const };
    expect(parseQuestion('RSI of BTC on 2h', wide)).toMatchObject({ timeframe: '2h' });
    expect(parseQuestion('RSI of BTC on 2h', wide).unsupported).toBeUndefined();
    // Never offered anywhere: a month, three minutes.
    expect(parseQuestion('btc monthly trend', market).unsupported).toMatchObject({ code: '1M' });
    expect(parseQuestion('rsi eth 3m', market).unsupported).toMatchObject({ code: '3m' });
    // A span of time is not a chart: "in 4h" is the period of a change.
    expect(parseQuestion('how much did BTC move in 4h', small)).toMatchObject({
      intent: 'change',
      period: '4h',
    });
    expect(parseQuestion('where will BTC be in 2 days?', small).unsupported).toBeUndefined();
  });

  it('says a quote currency is not offered, and reads dollars as the dollar stablecoin, out loud', () => {
    expect(parseQuestion('price of BTC in EUR', market)).toMatchObject({
      symbol: BTC,
      unsupported: { kind: 'quote', words: ['EUR'], code: 'EUR' },
    });
    expect(parseQuestion('ETH/BTC', market)).toMatchObject({
      symbol: ETH,
      unsupported: { kind: 'quote', words: ['ETH/BTC'], code: 'BTC' },
    });
    expect(parseQuestion('price of BTC in USD', market)).toMatchObject({
      symbol: BTC,
      assumed: [{ word: 'USD', as: 'USDT' }],
    });
    expect(parseQuestion('price of BTC in USD', market).unsupported).toBeUndefined();
  });

  it('carries the conversation only into follow-ups', () => {
    const levels = ctx({ intent: 'levels', symbol: BTC, timeframe: '4h' });
    expect(parseQuestion('Bitcoin Preis?', market, levels)).toMatchObject({ intent: 'price', symbol: BTC });
    expect(parseQuestion('and ETH?', market, levels)).toMatchObject({
      intent: 'levels',
      symbol: ETH,
      timeframe: '4h',
    });
    expect(parseQuestion('how is ETH doing?', market, levels)).toMatchObject({
      intent: 'trend',
      timeframe: '1h',
    });
    expect(parseQuestion('is it overbought?', market, levels)).toMatchObject({
      intent: 'overbought',
      symbol: BTC,
      timeframe: '4h',
    });
  });
});
