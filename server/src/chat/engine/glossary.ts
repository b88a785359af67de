import type { IndicatorId } from './indicator-words.ts';

/** Things the engine can explain that are not indicators: the parts of its own answers. */
export const TOPICS = ['levels', 'forecast', 'mae-ratio', 'regime'] as const;
export type Topic = (typeof TOPICS)[number];

const TOPIC_WORDS: ReadonlyArray<[Topic, RegExp]> = [
  ['mae-ratio', /\bmae\b|\bmean absolute error\b|\bskill\b|\bno skill\b/],
  ['regime', /\bhurst\b|\bregimes?\b|\bmean[\s-]revert\w*|\brandom walk\b/],
  [
    'forecast',
    /\bforecasts?\b|\bpredictions?\b|\b(80|95) ?%|\bp\(up\)|\bcredible\b|\bconfidence (band|interval|range)s?\b/,
  ],
  ['levels', /\bsupports?\b|\bresistances?\b|\bfractals?\b/],
];

export function findTopic(text: string): Topic | undefined {
  return TOPIC_WORDS.find(([, re]) => re.test(text))?.[0];
}

const MA_TEXT =
  'A moving average smooths the close over N candles; the EMA weights recent candles more, so it turns ' +
  'sooner than the SMA. Price above a rising average reads as an uptrend; the 20, 50 and 200 are watched ' +
  'most, and a 50 crossing the 200 is the "golden" (up) or "death" (down) cross.';

/** Plain-English explanations, as a trader would want them: what it measures and how it is read. */
export const EXPLANATIONS: Readonly<Record<IndicatorId | Topic, string>> = {
  rsi14:
    'RSI (Relative Strength Index, 14 candles) compares the size of recent gains with recent losses on a ' +
    '0–100 scale. Above 70 is read as overbought, below 30 as oversold, and 50 splits bullish from bearish ' +
    'momentum. In a strong trend it can stay overbought or oversold for a long time, so it is a gauge, not a signal on its own.',
  macd:
    'MACD is the 12-candle EMA minus the 26-candle EMA; its signal line is a 9-candle EMA of that, and the ' +
    'histogram is the gap between them. MACD above its signal (a positive histogram) means upside momentum ' +
    'is building; crossings of the signal line and of zero are the usual triggers. It lags, being built from averages.',
  ema: MA_TEXT,
  ema20: MA_TEXT,
  ema50: MA_TEXT,
  ema200: MA_TEXT,
  sma: MA_TEXT,
  sma20: MA_TEXT,
  sma50: MA_TEXT,
  sma200: MA_TEXT,
  bollinger:
    'Bollinger bands are a 20-candle SMA with bands two standard deviations above and below. About 95 % of ' +
    'closes fall inside in calm markets; a close outside marks an unusual move, and narrowing bands (a ' +
    'squeeze) often come before a breakout.',
  atr14:
    'ATR (Average True Range, 14 candles) is the average size of a candle’s range, gaps included, in price ' +
    'units. It measures volatility, not direction, and is the usual yardstick for stop distances (e.g. 2× ATR).',
  stochastic:
    'The stochastic oscillator (14, 3) shows where the close sits in the high–low range of the last 14 ' +
    'candles, 0–100; %D is a 3-candle average of %K. Above 80 is overbought, below 20 oversold, and %K ' +
    'crossing %D is the trigger traders watch.',
  adx14:
    'ADX (Average Directional Index, 14) measures trend strength, not direction: below 20 there is no trend ' +
    'to speak of, 25–40 is strong, above 40 very strong. +DI above −DI says the trend is up, the reverse down.',
  obv:
    'OBV (On-Balance Volume) adds the volume of up candles and subtracts that of down candles. Its level is ' +
    'arbitrary — it depends on where it starts — so watch its direction: OBV rising with price confirms the ' +
    'move, diverging from it warns.',
  vwap:
    'VWAP (Volume-Weighted Average Price) is the average price paid today, weighted by volume, reset at ' +
    '00:00 UTC. Price above VWAP means buyers are in control of the session; intraday traders use it as a ' +
    'fair-value line and a support or resistance.',
  levels:
    'Support and resistance here are Williams fractals: a low with two higher lows on each side (support) or ' +
    'a high with two lower highs each side (resistance). They are prices where the market turned before and ' +
    'often reacts again; the nearest ones are listed first.',
  forecast:
    'The forecast is an EWMA-volatility model with empirical quantiles (filtered historical simulation). Its ' +
    'central path is the last close — it claims no drift — and the 80 % and 95 % ranges say where the close ' +
    'should land that often. P(up) is a Bayesian estimate from how often the price rose after the same ' +
    'indicator state, with a 90 % credible interval.',
  'mae-ratio':
    'The MAE ratio is the forecast’s mean absolute error divided by that of the naive forecast (no change ' +
    'from the last close). Below 1 means skill; 1 or more means no skill — the last close did as well. ' +
    'Coverage says how often the real close landed inside the 80 % and 95 % ranges.',
  regime:
    'The regime comes from the Hurst exponent of recent returns: about 0.5 is a random walk, above 0.6 ' +
    'trending (moves tend to continue), below 0.45 mean-reverting (moves tend to reverse).',
};
