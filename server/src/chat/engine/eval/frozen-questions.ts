import type { EvalCase } from './eval-case.ts';

/**
 * FROZEN — do not edit, and do not tune the engine to these questions.
 *
 * Fifty questions written before any of the engine's understanding was improved, as a trader would
 * type them, to score the engine on questions it was not tuned to: only its score on this set is
 * reported (scripts/eval-chat.ts), never used to choose what to fix. The tuning table is
 * eval-questions.ts. Changing a question or an expectation here would make the score meaningless;
 * a new held-out set goes in a new file.
 */
const BTC = 'BTC/USDT';
const ETH = 'ETH/USDT';
const BNB = 'BNB/USDT';
const SOL = 'SOL/USDT';

export const FROZEN_QUESTIONS: readonly EvalCase[] = [
  // plain, terse, typed fast
  { ask: 'btc price', expect: { intent: 'price', symbol: BTC } },
  { ask: 'whats eth trading at rn', expect: { intent: 'price', symbol: ETH } },
  { ask: 'hi, what is the price of ethereum?', expect: { intent: 'price', symbol: ETH } },
  { ask: 'sol 4h', expect: { intent: 'trend', symbol: SOL, timeframe: '4h' } },
  { ask: 'sell or hold eth?', expect: { intent: 'trend', symbol: ETH } },
  // typos
  {
    ask: 'etherium rsi 4h',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '4h', indicator: 'rsi14' },
  },
  { ask: 'bitcoim price', expect: { intent: 'price', symbol: BTC } },
  {
    ask: 'solan macd 15min',
    expect: { intent: 'indicator', symbol: SOL, timeframe: '15m', indicator: 'macd' },
  },
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'what is the mcad of btc',
    expect: { intent: 'indicator', symbol: BTC, indicator: 'macd' },
  },
  { ask: 'suport and resistence for bnb', expect: { intent: 'levels', symbol: BNB } },
  // other languages
  {
    after: ['support and resistance for BTC'],
    ask: 'Bitcoin Preis?',
    expect: { intent: 'price', symbol: BTC },
  },
  { ask: 'prix du bitcoin', expect: { intent: 'price', symbol: BTC } },
  { ask: 'precio de solana', expect: { intent: 'price', symbol: SOL } },
  { ask: 'bitcoin kurs', expect: { intent: 'price', symbol: BTC } },
  // overbought / oversold on their own terms
  { ask: 'Is BTC overbought?', expect: { intent: 'overbought', symbol: BTC } },
  { ask: 'is bnb oversold on the daily', expect: { intent: 'overbought', symbol: BNB, timeframe: '1d' } },
  // volume
  { ask: 'volume on eth today', expect: { intent: 'volume', symbol: ETH, period: 'today' } },
  { ask: 'is SOL volume above average?', expect: { intent: 'volume', symbol: SOL } },
  { after: ['price of BTC'], ask: 'and the volume?', expect: { intent: 'volume', symbol: BTC } },
  // high / low / open of a period
  { ask: 'what was the high of btc this week', expect: { intent: 'range', symbol: BTC, period: '7d' } },
  { ask: 'eth low last 24h', expect: { intent: 'range', symbol: ETH, period: '24h' } },
  { ask: 'where did bitcoin open today?', expect: { intent: 'range', symbol: BTC, period: 'today' } },
  { ask: 'give me the lowest price of BNB today', expect: { intent: 'range', symbol: BNB, period: 'today' } },
  // rankings
  { ask: 'top gainer today?', expect: { intent: 'ranking', period: 'today' } },
  { ask: 'which coin moved the most in the last 24 hours', expect: { intent: 'ranking', period: '24h' } },
  { ask: 'most volatile coin right now', expect: { intent: 'ranking' } },
  // candles
  {
    ask: 'show me the last 10 candles for SOL on 5m',
    expect: { intent: 'candles', symbol: SOL, timeframe: '5m' },
  },
  { ask: 'BTC 4h candles', expect: { intent: 'candles', symbol: BTC, timeframe: '4h' } },
  // alerts
  { ask: 'alert me if eth drops below 3000', expect: { intent: 'alert', symbol: ETH } },
  { ask: 'what alerts do I have?', expect: { intent: 'alert' } },
  // chit-chat
  { ask: 'hey', expect: { intent: 'smalltalk' } },
  { after: ['price of SOL'], ask: 'thx!', expect: { intent: 'smalltalk' } },
  // the rest of what it already did
  { ask: 'will btc go up tomorrow?', expect: { intent: 'forecast', symbol: BTC } },
  { ask: 'how risky is bnb atm', expect: { intent: 'risk', symbol: BNB } },
  { ask: 'key support levels eth 1h', expect: { intent: 'levels', symbol: ETH, timeframe: '1h' } },
  { ask: 'btc vs eth this week', expect: { intent: 'compare', symbol: BTC, compareWith: ETH, period: '7d' } },
  { ask: 'how much did eth pump in the last hour', expect: { intent: 'change', symbol: ETH, period: '1h' } },
  { ask: 'percentage change of sol this month', expect: { intent: 'change', symbol: SOL, period: '30d' } },
  { ask: 'explain bollinger bands', expect: { intent: 'explain', indicator: 'bollinger' } },
  // follow-ups
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'and BTC?',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '15m', indicator: 'rsi14' },
  },
  {
    after: ['how is SOL doing on 4h?'],
    ask: 'what about the 1h?',
    expect: { intent: 'trend', symbol: SOL, timeframe: '1h' },
  },
  {
    after: ['MACD of ETH'],
    ask: 'bitcoin?',
    expect: { intent: 'indicator', symbol: BTC, indicator: 'macd' },
  },
  // timeframes the market may not offer: answered on them once offered, said to be unsupported until then
  {
    ask: 'RSI of BTC on 2h',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '2h', indicator: 'rsi14' },
  },
  { ask: 'ETH trend on the weekly', expect: { intent: 'trend', symbol: ETH, timeframe: '1w' } },
  { ask: 'is the btc trend bullish on 12h', expect: { intent: 'trend', symbol: BTC, timeframe: '12h' } },
  { ask: 'btc 3m chart trend', expect: { refusal: 'unsupported-timeframe', word: '3m' } },
  // what is not offered, or not understood
  { ask: 'how much is 1 sol in euros', expect: { refusal: 'unsupported-quote' } },
  { ask: 'how is XRP doing', expect: { refusal: 'unsupported-symbol', word: 'XRP' } },
  { ask: 'What is the funding rate for BTC?', expect: { refusal: 'unknown-word', word: 'funding' } },
  { after: ['support and resistance for ETH'], ask: 'tell me a joke', expect: { refusal: 'not-understood' } },
];
