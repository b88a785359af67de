import type { EvalCase } from './eval-case.ts';

/**
 * The tuning table: questions as traders ask them, with what the reply must be about (or why it must
 * not answer). It runs in `npm test` (chat-eval.test.ts) and in `npm run eval:chat`. Grow it with
 * every question the engine gets wrong; the held-out set in frozen-questions.ts is never tuned to.
 */
const BTC = 'BTC/USDT';
const ETH = 'ETH/USDT';
const BNB = 'BNB/USDT';
const SOL = 'SOL/USDT';

const PRICE: EvalCase[] = [
  { ask: 'price of BTC', expect: { intent: 'price', symbol: BTC } },
  { ask: 'What is the price of bitcoin?', expect: { intent: 'price', symbol: BTC } },
  { ask: 'how much is btc', expect: { intent: 'price', symbol: BTC } },
  { ask: 'ETH/USDT price', expect: { intent: 'price', symbol: ETH } },
  { ask: 'eth-usdt', expect: { intent: 'price', symbol: ETH } },
  { ask: "what's ether trading at?", expect: { intent: 'price', symbol: ETH } },
  { ask: 'SOLUSDT quote', expect: { intent: 'price', symbol: SOL } },
  { ask: 'binance coin price', expect: { intent: 'price', symbol: BNB } },
  { ask: 'solana', expect: { intent: 'price', symbol: SOL } },
  { ask: 'BNB?', expect: { intent: 'price', symbol: BNB } },
  { ask: 'current price of sol pls', expect: { intent: 'price', symbol: SOL } },
  { ask: 'how much is one bitcoin worth', expect: { intent: 'price', symbol: BTC } },
  { ask: 'price of BTC in USD', expect: { intent: 'price', symbol: BTC } },
  { ask: 'btc usdt', expect: { intent: 'price', symbol: BTC } },
  { ask: 'ETH price now?', expect: { intent: 'price', symbol: ETH } },
  { ask: 'waht is the pirce of etherum', expect: { intent: 'price', symbol: ETH } },
  { ask: 'prezzo ethereum', expect: { intent: 'price', symbol: ETH } },
  { ask: 'preço do bitcoin', expect: { intent: 'price', symbol: BTC } },
  {
    after: ['support and resistance for BTC'],
    ask: 'Bitcoin Preis?',
    expect: { intent: 'price', symbol: BTC },
  },
  { after: ['how is ETH doing on 4h?'], ask: "what's BTC at?", expect: { intent: 'price', symbol: BTC } },
  { after: ['price of BTC'], ask: 'and eth', expect: { intent: 'price', symbol: ETH } },
  { after: ['help'], ask: 'ETH', expect: { intent: 'price', symbol: ETH } },
  { ask: "what's the current bitcoin price in dollars?", expect: { intent: 'price', symbol: BTC } },
  { ask: 'gimme eth', expect: { intent: 'price', symbol: ETH } },
  { ask: 'cuánto vale ethereum', expect: { intent: 'price', symbol: ETH } },
  { ask: 'wie viel kostet solana', expect: { intent: 'price', symbol: SOL } },
  { ask: 'hello btc', expect: { intent: 'price', symbol: BTC } },
  {
    ask: 'What is the price of BTC right now? I would like to know before I decide anything',
    expect: { intent: 'price', symbol: BTC },
  },
  {
    ask: 'Thanks! Now the RSI of ETH please.',
    expect: { intent: 'indicator', symbol: ETH, indicator: 'rsi14' },
  },
  { after: ['price of BTC'], ask: 'ok and eth?', expect: { intent: 'price', symbol: ETH } },
  { ask: 'btc and eth price', expect: { intent: 'compare', symbol: BTC, compareWith: ETH } },
];

const CHANGE: EvalCase[] = [
  { ask: 'how much did BTC move today?', expect: { intent: 'change', symbol: BTC, period: 'today' } },
  { ask: 'how much did SOL move in the last 24h', expect: { intent: 'change', symbol: SOL, period: '24h' } },
  { ask: 'ETH performance this week', expect: { intent: 'change', symbol: ETH, period: '7d' } },
  { ask: 'Is BTC up?', expect: { intent: 'change', symbol: BTC, period: '24h' } },
  { ask: 'bnb change over the past 4 hours', expect: { intent: 'change', symbol: BNB, period: '4h' } },
  {
    ask: 'how much has ethereum gained this month',
    expect: { intent: 'change', symbol: ETH, period: '30d' },
  },
  { ask: 'did solana drop in the last hour?', expect: { intent: 'change', symbol: SOL, period: '1h' } },
  { ask: 'BTC 24h change', expect: { intent: 'change', symbol: BTC, period: '24h' } },
  { ask: 'bitcoin daily change', expect: { intent: 'change', symbol: BTC, period: '24h' } },
  { ask: 'eth over the last 2 weeks', expect: { intent: 'change', symbol: ETH, period: '14d' } },
  { ask: 'how much did BTC move in 4h', expect: { intent: 'change', symbol: BTC, period: '4h' } },
  { ask: 'sol % change today', expect: { intent: 'change', symbol: SOL, period: 'today' } },
  { ask: 'is eth down today', expect: { intent: 'change', symbol: ETH, period: 'today' } },
  { ask: 'is eth pumping?', expect: { intent: 'change', symbol: ETH } },
  { ask: 'what happened to eth today', expect: { intent: 'change', symbol: ETH, period: 'today' } },
  {
    ask: 'how has btc performed over the past 3 days',
    expect: { intent: 'change', symbol: BTC, period: '3d' },
  },
  {
    after: ['how much did ETH move this week?'],
    ask: 'and today?',
    expect: { intent: 'change', symbol: ETH, period: 'today' },
  },
  {
    after: ['how much did ETH move this week?'],
    ask: 'and solana?',
    expect: { intent: 'change', symbol: SOL, period: '7d' },
  },
  {
    after: ['how much did SOL move this week'],
    ask: 'how about bitcoin',
    expect: { intent: 'change', symbol: BTC, period: '7d' },
  },
];

const TREND: EvalCase[] = [
  { ask: 'how is BTC doing?', expect: { intent: 'trend', symbol: BTC, timeframe: '1h' } },
  { ask: "how's ETH looking on the 4h?", expect: { intent: 'trend', symbol: ETH, timeframe: '4h' } },
  { ask: 'is solana bullish on the daily', expect: { intent: 'trend', symbol: SOL, timeframe: '1d' } },
  { ask: '4 hour trend of eth', expect: { intent: 'trend', symbol: ETH, timeframe: '4h' } },
  { ask: 'should I buy BNB?', expect: { intent: 'trend', symbol: BNB, timeframe: '1h' } },
  {
    ask: 'give me an overview of bitcoin on 15 min',
    expect: { intent: 'trend', symbol: BTC, timeframe: '15m' },
  },
  { ask: 'is btc trending up on the hourly', expect: { intent: 'trend', symbol: BTC, timeframe: '1h' } },
  { ask: 'tell me about ethereum', expect: { intent: 'trend', symbol: ETH, timeframe: '1h' } },
  { ask: 'BTC 1w', expect: { intent: 'trend', symbol: BTC, timeframe: '1w' } },
  { ask: 'eth 15m', expect: { intent: 'trend', symbol: ETH, timeframe: '15m' } },
  { ask: "what's the sentiment on sol", expect: { intent: 'trend', symbol: SOL } },
  { ask: 'technicals for btc on 5m', expect: { intent: 'trend', symbol: BTC, timeframe: '5m' } },
  { ask: 'is bitcoin bearish?', expect: { intent: 'trend', symbol: BTC } },
  { ask: 'BTC 30m', expect: { intent: 'trend', symbol: BTC, timeframe: '30m' } },
  { ask: 'eth trend 2 hour chart', expect: { intent: 'trend', symbol: ETH, timeframe: '2h' } },
  { ask: 'sol on the 12h', expect: { intent: 'trend', symbol: SOL, timeframe: '12h' } },
  { ask: 'buy or sell sol?', expect: { intent: 'trend', symbol: SOL } },
  { ask: 'btc looks weak, should I short?', expect: { intent: 'trend', symbol: BTC } },
  { ask: 'is now a good time to buy eth', expect: { intent: 'trend', symbol: ETH } },
  { ask: 'btc chart', expect: { intent: 'trend', symbol: BTC } },
  { ask: 'is btc in a bull trend?', expect: { intent: 'trend', symbol: BTC } },
  { after: ['price of SOL'], ask: 'is it bullish?', expect: { intent: 'trend', symbol: SOL } },
  { ask: "what's bitcoin doing on the 5 minute", expect: { intent: 'trend', symbol: BTC, timeframe: '5m' } },
  {
    after: ['how is BTC doing?'],
    ask: 'and on the daily?',
    expect: { intent: 'trend', symbol: BTC, timeframe: '1d' },
  },
  {
    after: ['how is BTC doing on 5m?'],
    ask: 'BTC trend on the weekly',
    expect: { intent: 'trend', symbol: BTC, timeframe: '1w' },
  },
  {
    after: ['how is SOL doing on 4h?'],
    ask: 'what about the 1h?',
    expect: { intent: 'trend', symbol: SOL, timeframe: '1h' },
  },
  {
    after: ['how is BTC doing on 4h?'],
    ask: 'what about on 2h?',
    expect: { intent: 'trend', symbol: BTC, timeframe: '2h' },
  },
];

const INDICATOR: EvalCase[] = [
  {
    ask: "what's the RSI of ETH on 15m?",
    expect: { intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' },
  },
  {
    ask: 'RSI ETH fifteen minutes',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '15m', indicator: 'rsi14' },
  },
  { ask: 'btc macd 4h', expect: { intent: 'indicator', symbol: BTC, timeframe: '4h', indicator: 'macd' } },
  {
    ask: "what's the 200 EMA on bitcoin daily",
    expect: { intent: 'indicator', symbol: BTC, timeframe: '1d', indicator: 'ema200' },
  },
  {
    ask: 'EMA 50 for sol',
    expect: { intent: 'indicator', symbol: SOL, timeframe: '1h', indicator: 'ema50' },
  },
  {
    ask: 'bollinger bands on the hourly for binance coin',
    expect: { intent: 'indicator', symbol: BNB, timeframe: '1h', indicator: 'bollinger' },
  },
  {
    ask: 'ATR of SOL on 5 minutes',
    expect: { intent: 'indicator', symbol: SOL, timeframe: '5m', indicator: 'atr14' },
  },
  {
    ask: 'stochastic on ETHUSDT 1m',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '1m', indicator: 'stochastic' },
  },
  {
    ask: 'ADX for btc on the 1 hour',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '1h', indicator: 'adx14' },
  },
  { ask: 'on-balance volume of ethereum', expect: { intent: 'indicator', symbol: ETH, indicator: 'obv' } },
  {
    ask: 'where is VWAP for bitcoin on 5m',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '5m', indicator: 'vwap' },
  },
  {
    ask: 'the 200-day moving average of btc',
    expect: { intent: 'indicator', symbol: BTC, indicator: 'sma200' },
  },
  { ask: 'EMAs for BNB/USDT', expect: { intent: 'indicator', symbol: BNB, indicator: 'ema' } },
  { ask: 'rsi btc 1d', expect: { intent: 'indicator', symbol: BTC, timeframe: '1d', indicator: 'rsi14' } },
  { ask: 'stoch rsi of sol', expect: { intent: 'indicator', symbol: SOL, indicator: 'stochastic' } },
  {
    ask: 'ema 200 eth 4h',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '4h', indicator: 'ema200' },
  },
  { ask: 'where is the 50 ema on btc', expect: { intent: 'indicator', symbol: BTC, indicator: 'ema50' } },
  { ask: 'atr for bnb', expect: { intent: 'indicator', symbol: BNB, indicator: 'atr14' } },
  { ask: 'vwap btc', expect: { intent: 'indicator', symbol: BTC, indicator: 'vwap' } },
  { ask: 'bolinger bands eth', expect: { intent: 'indicator', symbol: ETH, indicator: 'bollinger' } },
  {
    ask: 'adx of solana daily',
    expect: { intent: 'indicator', symbol: SOL, timeframe: '1d', indicator: 'adx14' },
  },
  { ask: 'rsi and macd for sol', expect: { intent: 'indicator', symbol: SOL, indicator: 'rsi14' } },
  { ask: 'btc ema20', expect: { intent: 'indicator', symbol: BTC, indicator: 'ema20' } },
  {
    ask: 'show me the macd histogram for eth',
    expect: { intent: 'indicator', symbol: ETH, indicator: 'macd' },
  },
  { ask: 'is there a golden cross on btc?', expect: { intent: 'indicator', symbol: BTC, indicator: 'ema' } },
  { ask: 'is BTC above its 200 EMA', expect: { intent: 'indicator', symbol: BTC, indicator: 'ema200' } },
  { ask: 'macd crossover on eth?', expect: { intent: 'indicator', symbol: ETH, indicator: 'macd' } },
  {
    ask: 'RSI of BTC on 2h',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '2h', indicator: 'rsi14' },
  },
  {
    ask: 'macd eth 30 min',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '30m', indicator: 'macd' },
  },
  { ask: 'rsi 1M btc', expect: { intent: 'indicator', symbol: BTC, timeframe: '1M', indicator: 'rsi14' } },
  { ask: 'waht is teh macd of bitcon', expect: { intent: 'indicator', symbol: BTC, indicator: 'macd' } },
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'waht is teh macd of bitcon',
    expect: { intent: 'indicator', symbol: BTC, indicator: 'macd' },
  },
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'and BTC?',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '15m', indicator: 'rsi14' },
  },
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'what about on 1h?',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '1h', indicator: 'rsi14' },
  },
  {
    after: ['RSI of BTC on 4h'],
    ask: 'and the MACD?',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '4h', indicator: 'macd' },
  },
  {
    after: ['what is RSI?'],
    ask: 'and for ETH?',
    expect: { intent: 'indicator', symbol: ETH, indicator: 'rsi14' },
  },
  {
    after: ['RSI of BTC on 1h'],
    ask: 'on 4h',
    expect: { intent: 'indicator', symbol: BTC, timeframe: '4h', indicator: 'rsi14' },
  },
  {
    after: ['RSI of ETH'],
    ask: '4h?',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '4h', indicator: 'rsi14' },
  },
  {
    after: ['MACD of ETH'],
    ask: 'bitcoin?',
    expect: { intent: 'indicator', symbol: BTC, indicator: 'macd' },
  },
  {
    after: ['how is BTC doing?'],
    ask: "what's the RSI?",
    expect: { intent: 'indicator', symbol: BTC, indicator: 'rsi14' },
  },
];

const OVERBOUGHT: EvalCase[] = [
  { ask: 'Is BTC overbought on 1h?', expect: { intent: 'overbought', symbol: BTC, timeframe: '1h' } },
  { ask: 'is ETH overbought on the 15m?', expect: { intent: 'overbought', symbol: ETH, timeframe: '15m' } },
  { ask: 'is sol oversold', expect: { intent: 'overbought', symbol: SOL } },
  { ask: 'overbought or oversold: bnb 4h', expect: { intent: 'overbought', symbol: BNB, timeframe: '4h' } },
  { ask: 'is bitcoin overextended', expect: { intent: 'overbought', symbol: BTC } },
  { ask: 'is eth overbought on the daily', expect: { intent: 'overbought', symbol: ETH, timeframe: '1d' } },
  { ask: 'bnb overbought?', expect: { intent: 'overbought', symbol: BNB } },
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'is it overbought?',
    expect: { intent: 'overbought', symbol: ETH, timeframe: '15m' },
  },
];

const VOLUME: EvalCase[] = [
  { ask: 'volume of SOL', expect: { intent: 'volume', symbol: SOL } },
  { ask: 'what is the volume of BTC on 1h?', expect: { intent: 'volume', symbol: BTC, timeframe: '1h' } },
  { ask: 'eth volume today', expect: { intent: 'volume', symbol: ETH, period: 'today' } },
  { ask: 'btc 24h volume', expect: { intent: 'volume', symbol: BTC, period: '24h' } },
  { ask: 'is bnb volume high', expect: { intent: 'volume', symbol: BNB } },
  { ask: 'trading volume of bitcoin this week', expect: { intent: 'volume', symbol: BTC, period: '7d' } },
  { ask: 'how much sol was traded today', expect: { intent: 'volume', symbol: SOL, period: 'today' } },
  { ask: 'volumn of eth', expect: { intent: 'volume', symbol: ETH } },
  { ask: 'is the volume on solana unusual', expect: { intent: 'volume', symbol: SOL } },
  { ask: 'eth volume vs average', expect: { intent: 'volume', symbol: ETH } },
  { after: ['how is BTC doing?'], ask: 'volume?', expect: { intent: 'volume', symbol: BTC } },
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'what is the volume of BTC on 1h?',
    expect: { intent: 'volume', symbol: BTC, timeframe: '1h' },
  },
  {
    after: ['support and resistance for BTC'],
    ask: 'volume of SOL',
    expect: { intent: 'volume', symbol: SOL },
  },
];

const RANGE: EvalCase[] = [
  { ask: 'BTC high today', expect: { intent: 'range', symbol: BTC, period: 'today' } },
  { ask: "what's the low of eth this week", expect: { intent: 'range', symbol: ETH, period: '7d' } },
  { ask: 'where did sol open today', expect: { intent: 'range', symbol: SOL, period: 'today' } },
  { ask: 'bnb high and low today', expect: { intent: 'range', symbol: BNB, period: 'today' } },
  { ask: 'highest price of btc in the last hour', expect: { intent: 'range', symbol: BTC, period: '1h' } },
  { ask: 'eth 24h high', expect: { intent: 'range', symbol: ETH, period: '24h' } },
  { ask: "today's open for bitcoin", expect: { intent: 'range', symbol: BTC, period: 'today' } },
  { ask: 'lowest sol price this week', expect: { intent: 'range', symbol: SOL, period: '7d' } },
  { ask: 'btc high', expect: { intent: 'range', symbol: BTC, period: '24h' } },
  {
    ask: 'what was the high and low of eth over the past 4 hours',
    expect: { intent: 'range', symbol: ETH, period: '4h' },
  },
  {
    after: ['price of ETH'],
    ask: 'and the high today?',
    expect: { intent: 'range', symbol: ETH, period: 'today' },
  },
];

const RANKING: EvalCase[] = [
  { ask: 'which coin is strongest right now?', expect: { intent: 'ranking' } },
  { ask: 'weakest coin this week', expect: { intent: 'ranking', period: '7d' } },
  { ask: 'biggest mover today', expect: { intent: 'ranking', period: 'today' } },
  { ask: 'most volatile coin', expect: { intent: 'ranking' } },
  { ask: 'top gainers', expect: { intent: 'ranking', period: '24h' } },
  { ask: 'biggest loser in the last 24h', expect: { intent: 'ranking', period: '24h' } },
  { ask: 'rank the coins by performance this week', expect: { intent: 'ranking', period: '7d' } },
  { ask: 'what is pumping the most today', expect: { intent: 'ranking', period: 'today' } },
  { ask: 'which is the best performer today', expect: { intent: 'ranking', period: 'today' } },
  { ask: 'which coin has the highest volume', expect: { intent: 'ranking' } },
  { ask: 'how is the market today?', expect: { intent: 'ranking', period: 'today' } },
  { ask: 'compare all coins', expect: { intent: 'ranking' } },
  {
    after: ['which coin is strongest today?'],
    ask: 'and this week?',
    expect: { intent: 'ranking', period: '7d' },
  },
  { after: ['price of BTC'], ask: 'which coin is the weakest?', expect: { intent: 'ranking' } },
];

const CANDLES: EvalCase[] = [
  { ask: 'the last 5 candles of BTC', expect: { intent: 'candles', symbol: BTC } },
  {
    ask: 'show me the last 3 4h candles of ETH',
    expect: { intent: 'candles', symbol: ETH, timeframe: '4h' },
  },
  { ask: 'last candles sol 15m', expect: { intent: 'candles', symbol: SOL, timeframe: '15m' } },
  { ask: 'BNB 1d candles', expect: { intent: 'candles', symbol: BNB, timeframe: '1d' } },
  { ask: 'ohlc of btc on 1h', expect: { intent: 'candles', symbol: BTC, timeframe: '1h' } },
  { ask: 'last 10 candles eth', expect: { intent: 'candles', symbol: ETH } },
  { ask: 'previous candle of btc on 5m', expect: { intent: 'candles', symbol: BTC, timeframe: '5m' } },
  { ask: 'what did BNB close at yesterday?', expect: { intent: 'candles', symbol: BNB, timeframe: '1d' } },
  { ask: 'btc weekly close', expect: { intent: 'candles', symbol: BTC, timeframe: '1w' } },
  {
    after: ['the last 5 candles of BTC'],
    ask: 'same for eth',
    expect: { intent: 'candles', symbol: ETH, timeframe: '1h' },
  },
  {
    after: ['RSI of SOL on 4h'],
    ask: 'show the last candles',
    expect: { intent: 'candles', symbol: SOL, timeframe: '4h' },
  },
];

const ALERT: EvalCase[] = [
  { ask: 'alert me when BTC goes above 51000', expect: { intent: 'alert', symbol: BTC } },
  {
    after: ["what's the RSI of ETH on 15m?"],
    ask: 'alert me when BTC goes above 51000',
    expect: { intent: 'alert', symbol: BTC },
  },
  { ask: 'notify me if eth falls below 3,000', expect: { intent: 'alert', symbol: ETH } },
  { ask: 'set an alert for SOL at 50', expect: { intent: 'alert', symbol: SOL } },
  { ask: 'ping me when bnb hits 700', expect: { intent: 'alert', symbol: BNB } },
  { ask: 'tell me when btc crosses 60k', expect: { intent: 'alert', symbol: BTC } },
  { ask: 'remind me if ethereum drops 5%', expect: { intent: 'alert', symbol: ETH } },
  { ask: 'show my alerts', expect: { intent: 'alert' } },
  { ask: 'list alerts', expect: { intent: 'alert' } },
  { ask: 'delete my BTC alert', expect: { intent: 'alert', symbol: BTC } },
  { ask: 'cancel all my alerts', expect: { intent: 'alert' } },
  {
    ask: 'tell me if ETH RSI on 15m drops below 30',
    expect: { intent: 'alert', symbol: ETH, timeframe: '15m' },
  },
  {
    ask: 'alert me when ETH RSI on 2h goes above 70',
    expect: { intent: 'alert', symbol: ETH, timeframe: '2h' },
  },
  { ask: 'alert me if SOL drops 5%', expect: { intent: 'alert', symbol: SOL } },
  { ask: 'alert me if SOL drops 5% within 4h', expect: { intent: 'alert', symbol: SOL } },
  { ask: 'alert me when BTC goes above 51000 every time', expect: { intent: 'alert', symbol: BTC } },
  { ask: 'alert me when BTC crosses above the EMA 200', expect: { intent: 'alert', symbol: BTC } },
  {
    ask: 'alert me when BNB MACD crosses its signal on 4h',
    expect: { intent: 'alert', symbol: BNB, timeframe: '4h' },
  },
  { ask: 'set an alarm for eth at 3500', expect: { intent: 'alert', symbol: ETH } },
  { ask: 'what alerts do I have?', expect: { intent: 'alert' } },
  { after: ['price of BTC'], ask: 'what alerts do I have?', expect: { intent: 'alert' } },
  { ask: 'any alerts on SOL?', expect: { intent: 'alert', symbol: SOL } },
  { ask: 'delete the BTC alert', expect: { intent: 'alert', symbol: BTC } },
  { ask: 'remove my ETH alerts', expect: { intent: 'alert', symbol: ETH } },
  { ask: 'delete all my alerts', expect: { intent: 'alert' } },
  // No coin, or one from the conversation the level cannot be for: asked, never guessed.
  { ask: 'alert me when it goes above 51000', expect: { refusal: 'no-symbol' } },
  { after: ['price of SOL'], ask: 'alert me when it goes above 51000', expect: { refusal: 'no-symbol' } },
  {
    after: ['price of SOL'],
    ask: 'alert me when it goes above 50',
    expect: { intent: 'alert', symbol: SOL },
  },
];

const SMALLTALK: EvalCase[] = [
  { ask: 'thanks!', expect: { intent: 'smalltalk' } },
  { after: ['RSI of ETH'], ask: 'thanks!', expect: { intent: 'smalltalk' } },
  { ask: 'hi', expect: { intent: 'smalltalk' } },
  { ask: 'hello there', expect: { intent: 'smalltalk' } },
  { ask: 'good morning', expect: { intent: 'smalltalk' } },
  { ask: 'thank you so much', expect: { intent: 'smalltalk' } },
  { ask: 'cheers mate', expect: { intent: 'smalltalk' } },
  { after: ['price of BTC'], ask: 'ok thanks', expect: { intent: 'smalltalk' } },
  { ask: 'bye', expect: { intent: 'smalltalk' } },
  { ask: 'gm', expect: { intent: 'smalltalk' } },
  { ask: 'how r u', expect: { intent: 'smalltalk' } },
  { ask: 'ok', expect: { intent: 'smalltalk' } },
];

const HELP_AND_EXPLAIN: EvalCase[] = [
  { ask: 'help', expect: { intent: 'help' } },
  { ask: 'what can you do?', expect: { intent: 'help' } },
  { ask: 'what can I ask?', expect: { intent: 'help' } },
  { ask: 'how do I use this?', expect: { intent: 'help' } },
  { ask: 'what is RSI?', expect: { intent: 'explain', indicator: 'rsi14' } },
  { ask: 'explain MACD', expect: { intent: 'explain', indicator: 'macd' } },
  { ask: 'What are Bollinger bands?', expect: { intent: 'explain', indicator: 'bollinger' } },
  { ask: 'how do I read the stochastic?', expect: { intent: 'explain', indicator: 'stochastic' } },
  {
    after: ['how is BTC doing on 4h?'],
    ask: 'what does ADX mean',
    expect: { intent: 'explain', indicator: 'adx14' },
  },
  { ask: 'what does the MAE ratio mean?', expect: { intent: 'explain' } },
  { ask: 'what does RSI stand for', expect: { intent: 'explain', indicator: 'rsi14' } },
  { ask: 'what is support and resistance?', expect: { intent: 'explain' } },
  { ask: 'how is ATR calculated?', expect: { intent: 'explain', indicator: 'atr14' } },
];

const FORECAST_RISK_LEVELS_COMPARE: EvalCase[] = [
  { ask: 'forecast for SOL', expect: { intent: 'forecast', symbol: SOL, timeframe: '1h' } },
  { ask: 'where will ETH be in the next few hours?', expect: { intent: 'forecast', symbol: ETH } },
  { ask: 'predict bitcoin on the 4h', expect: { intent: 'forecast', symbol: BTC, timeframe: '4h' } },
  { ask: 'what are the chances BNB goes up?', expect: { intent: 'forecast', symbol: BNB } },
  { ask: 'how accurate are your predictions for BTC', expect: { intent: 'forecast', symbol: BTC } },
  {
    ask: "what's the track record of the SOL forecasts on 15m",
    expect: { intent: 'forecast', symbol: SOL, timeframe: '15m' },
  },
  { ask: 'where is btc heading', expect: { intent: 'forecast', symbol: BTC } },
  { ask: 'eth price prediction', expect: { intent: 'forecast', symbol: ETH } },
  {
    after: ['forecast for SOL on 4h'],
    ask: 'and ETH?',
    expect: { intent: 'forecast', symbol: ETH, timeframe: '4h' },
  },
  { after: ['price of BNB'], ask: 'forecast?', expect: { intent: 'forecast', symbol: BNB } },
  { ask: 'is BNB risky right now?', expect: { intent: 'risk', symbol: BNB } },
  { ask: 'any anomalies on solana on 1m?', expect: { intent: 'risk', symbol: SOL, timeframe: '1m' } },
  { ask: 'how volatile is ether on the daily', expect: { intent: 'risk', symbol: ETH, timeframe: '1d' } },
  { ask: 'anything unusual with BTC?', expect: { intent: 'risk', symbol: BTC } },
  { ask: 'is it safe to buy sol now?', expect: { intent: 'risk', symbol: SOL } },
  { ask: 'any red flags on eth?', expect: { intent: 'risk', symbol: ETH } },
  {
    after: ['how is ETH doing on 4h?'],
    ask: 'risk on 5m',
    expect: { intent: 'risk', symbol: ETH, timeframe: '5m' },
  },
  { ask: 'support and resistance for ether', expect: { intent: 'levels', symbol: ETH, timeframe: '1h' } },
  { ask: 'key levels on BTC 4h', expect: { intent: 'levels', symbol: BTC, timeframe: '4h' } },
  {
    ask: 'where is support for SOL on the daily?',
    expect: { intent: 'levels', symbol: SOL, timeframe: '1d' },
  },
  {
    ask: 'where are the resistances for btc on 4h',
    expect: { intent: 'levels', symbol: BTC, timeframe: '4h' },
  },
  { ask: 'nearest support eth', expect: { intent: 'levels', symbol: ETH } },
  { ask: 'bnb s/r daily', expect: { intent: 'levels', symbol: BNB, timeframe: '1d' } },
  { ask: 'stop loss for sol?', expect: { intent: 'levels', symbol: SOL } },
  { ask: 'how far is btc from resistance', expect: { intent: 'levels', symbol: BTC } },
  {
    after: ['support and resistance for BTC'],
    ask: 'same for solana on the daily',
    expect: { intent: 'levels', symbol: SOL, timeframe: '1d' },
  },
  { after: ['support levels?'], ask: 'BNB', expect: { intent: 'levels', symbol: BNB } },
  { ask: 'compare BTC and ETH', expect: { intent: 'compare', symbol: BTC, compareWith: ETH, period: '24h' } },
  { ask: 'BTC vs SOL', expect: { intent: 'compare', symbol: BTC, compareWith: SOL } },
  {
    ask: 'which is stronger, ethereum or bitcoin?',
    expect: { intent: 'compare', symbol: ETH, compareWith: BTC },
  },
  {
    ask: 'sol versus bnb this week',
    expect: { intent: 'compare', symbol: SOL, compareWith: BNB, period: '7d' },
  },
  {
    ask: 'how are BTC and ETH doing on 4h',
    expect: { intent: 'compare', symbol: BTC, compareWith: ETH, timeframe: '4h' },
  },
  {
    after: ['price of BTC'],
    ask: 'compare it with SOL',
    expect: { intent: 'compare', symbol: BTC, compareWith: SOL },
  },
  {
    after: ['compare BTC and ETH'],
    ask: 'and SOL?',
    expect: { intent: 'compare', symbol: BTC, compareWith: SOL },
  },
  {
    ask: 'eth or sol, which one is stronger today?',
    expect: { intent: 'compare', symbol: ETH, compareWith: SOL },
  },
];

const NOT_OFFERED: EvalCase[] = [
  { ask: 'price of DOGE', expect: { refusal: 'unsupported-symbol', word: 'DOGE' } },
  {
    after: ['how is ETH doing on 4h?'],
    ask: 'price of DOGE',
    expect: { refusal: 'unsupported-symbol', word: 'DOGE' },
  },
  { ask: 'how is dogecoin doing', expect: { refusal: 'unsupported-symbol', word: 'DOGE' } },
  { ask: 'XRP/USDT', expect: { refusal: 'unsupported-symbol' } },
  { ask: 'ada price', expect: { refusal: 'unsupported-symbol', word: 'ADA' } },
  {
    after: ['price of BTC'],
    ask: 'what about cardano',
    expect: { refusal: 'unsupported-symbol', word: 'ADA' },
  },
  { ask: 'PEPE rsi', expect: { refusal: 'unsupported-symbol', word: 'PEPE' } },
  { ask: 'is LINK bullish', expect: { refusal: 'unsupported-symbol', word: 'LINK' } },
  { ask: 'price of BTC in EUR', expect: { refusal: 'unsupported-quote', word: 'EUR' } },
  { ask: 'ETH/BTC', expect: { refusal: 'unsupported-quote' } },
  { ask: 'btc/eur', expect: { refusal: 'unsupported-quote' } },
  { ask: 'btc in sats', expect: { refusal: 'unsupported-quote', word: 'sats' } },
  { after: ['RSI of BTC'], ask: 'and on 3m?', expect: { refusal: 'unsupported-timeframe', word: '3m' } },
  { ask: 'sol price in gbp', expect: { refusal: 'unsupported-quote', word: 'gbp' } },
  { ask: 'how much is bitcoin in yen', expect: { refusal: 'unsupported-quote', word: 'yen' } },
  { after: ['price of ETH'], ask: 'eth in euros', expect: { refusal: 'unsupported-quote', word: 'euros' } },
  { ask: 'rsi of eth on 3m', expect: { refusal: 'unsupported-timeframe', word: '3m' } },
  { ask: 'btc monthly trend', expect: { intent: 'trend', symbol: BTC, timeframe: '1M' } },
  { ask: 'sol 2d chart', expect: { intent: 'trend', symbol: SOL, timeframe: '2d' } },
  {
    ask: 'eth 10 minute rsi',
    expect: { intent: 'indicator', symbol: ETH, timeframe: '10m', indicator: 'rsi14' },
  },
  { ask: 'bnb 6h trend', expect: { intent: 'trend', symbol: BNB, timeframe: '6h' } },
  { ask: 'btc trend on the 45m', expect: { intent: 'trend', symbol: BTC, timeframe: '45m' } },
];

const NOT_UNDERSTOOD: EvalCase[] = [
  { ask: 'What is the funding rate of ETH?', expect: { refusal: 'unknown-word', word: 'funding' } },
  { ask: 'btc dominance', expect: { refusal: 'unknown-word', word: 'dominance' } },
  { ask: 'what is the market cap of solana', expect: { refusal: 'unknown-word', word: 'cap' } },
  { ask: 'liquidation levels for btc', expect: { refusal: 'unknown-word', word: 'liquidation' } },
  { ask: 'btc halving date', expect: { refusal: 'unknown-word', word: 'halving' } },
  { ask: 'bnb staking yield', expect: { refusal: 'unknown-word', word: 'staking' } },
  { ask: 'bnc price', expect: { refusal: 'unknown-word', word: 'bnc' } },
  { ask: "what's the spread on btc", expect: { refusal: 'unknown-word', word: 'spread' } },
  { ask: 'eth long?', expect: { refusal: 'not-understood', word: 'long' } },
  { ask: 'btc fiyat', expect: { refusal: 'unknown-word', word: 'fiyat' } },
  // Two questions, one not understood: neither is answered on its own.
  {
    ask: 'What is the funding rate of ETH? And the price of BTC?',
    expect: { refusal: 'unknown-word', word: 'funding' },
  },
  {
    after: ['MACD of ETH on 5m'],
    ask: 'what is the open interest of btc',
    expect: { refusal: 'unknown-word', word: 'interest' },
  },
  { after: ['RSI of ETH'], ask: 'how many people hold it', expect: { refusal: 'not-understood' } },
  { ask: 'tell me a joke', expect: { refusal: 'not-understood' } },
  { ask: "what's the weather like", expect: { refusal: 'not-understood' } },
  { ask: 'asdfgh', expect: { refusal: 'not-understood' } },
  { after: ['RSI of ETH on 15m'], ask: 'lol', expect: { refusal: 'not-understood' } },
  { ask: 'support levels?', expect: { refusal: 'no-symbol' } },
  { ask: 'what is the rsi?', expect: { refusal: 'no-symbol' } },
  { ask: 'forecast please', expect: { refusal: 'no-symbol' } },
  { ask: 'volume today?', expect: { refusal: 'no-symbol' } },
];

export const EVAL_QUESTIONS: readonly EvalCase[] = [
  ...PRICE,
  ...CHANGE,
  ...TREND,
  ...INDICATOR,
  ...OVERBOUGHT,
  ...VOLUME,
  ...RANGE,
  ...RANKING,
  ...CANDLES,
  ...ALERT,
  ...SMALLTALK,
  ...HELP_AND_EXPLAIN,
  ...FORECAST_RISK_LEVELS_COMPARE,
  ...NOT_OFFERED,
  ...NOT_UNDERSTOOD,
];
