/**
 * Indicator ids as the conversation context stores them. `ema` and `sma` without a period stand for
 * the 20/50/200 set the chart draws.
 */
export const INDICATOR_IDS = [
  'rsi14',
  'macd',
  'ema',
  'ema20',
  'ema50',
  'ema200',
  'sma',
  'sma20',
  'sma50',
  'sma200',
  'bollinger',
  'atr14',
  'stochastic',
  'adx14',
  'obv',
  'vwap',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const INDICATOR_LABELS: Readonly<Record<IndicatorId, string>> = {
  rsi14: 'RSI (14)',
  macd: 'MACD (12, 26, 9)',
  ema: 'EMA 20/50/200',
  ema20: 'EMA 20',
  ema50: 'EMA 50',
  ema200: 'EMA 200',
  sma: 'SMA 20/50/200',
  sma20: 'SMA 20',
  sma50: 'SMA 50',
  sma200: 'SMA 200',
  bollinger: 'Bollinger bands (20, 2)',
  atr14: 'ATR (14)',
  stochastic: 'Stochastic (14, 3)',
  adx14: 'ADX (14)',
  obv: 'OBV',
  vwap: 'VWAP',
};

export const isIndicatorId = (id: string | undefined): id is IndicatorId =>
  (INDICATOR_IDS as readonly string[]).includes(id ?? '');

/** A moving average with its period: "EMA 50", "50 ema", "ema(200)", "200-day moving average". */
function movingAverage(text: string): { id: IndicatorId; at: number } | undefined {
  const kinds = '(ema|sma|ma|exponential moving average|simple moving average|moving average)s?';
  const m =
    new RegExp(`\\b${kinds}[\\s-]*\\(?(\\d{1,3})\\b`).exec(text) ??
    new RegExp(`\\b(\\d{1,3})[\\s-]*(day|period|candle)?[\\s-]*${kinds}\\b`).exec(text);
  const generic = new RegExp(`\\b${kinds}\\b`).exec(text);
  const found = m ?? generic;
  if (!found) return undefined;
  const words = found[0];
  // Traders mean the simple one by a bare "MA" with a period ("the 200 MA").
  const kind = /\b(ema|exponential)/.test(words) ? 'ema' : /\b(sma|simple)/.test(words) || m ? 'sma' : 'ema';
  const period = /\d+/.exec(words)?.[0];
  const id = `${kind}${period === '20' || period === '50' || period === '200' ? period : ''}`;
  return { id: id as IndicatorId, at: found.index };
}

const NAMED: ReadonlyArray<[IndicatorId, RegExp]> = [
  // The 50 crossing the 200: the averages answer says which is above.
  ['ema', /\b(golden|death) cross\b/],
  ['stochastic', /\bstoch(astic)?s?( oscillator| rsi)?\b/],
  ['rsi14', /\brsi\b|\brelative strength( index)?\b|\boverbought\b|\boversold\b/],
  ['macd', /\bmacd\b|\bmoving average convergence/],
  ['bollinger', /\bbollinger( bands?)?\b|\bbbands?\b|\bbb\b/],
  ['atr14', /\batr\b|\baverage true range\b/],
  ['adx14', /\badx\b|\baverage directional( index)?\b|\bdmi\b|\bdirectional movement\b/],
  ['obv', /\bobv\b|\bon[\s-]balance[\s-]volume\b/],
  ['vwap', /\bvwap\b|\bvolume[\s-]weighted( average)?( price)?\b/],
];

/** Every indicator a question names, in the order it names them: "RSI and MACD of SOL". */
export function findIndicators(text: string): IndicatorId[] {
  const found: Array<{ id: IndicatorId; at: number }> = [];
  for (const [id, re] of NAMED) {
    for (const m of text.matchAll(new RegExp(re.source, 'g'))) {
      // "stochastic RSI" is the stochastic, not the RSI, though both match.
      if (id === 'rsi14' && /\bstoch(astic)?s?[\s-]*$/.test(text.slice(0, m.index))) continue;
      found.push({ id, at: m.index });
    }
  }
  const ma = /moving average convergence/.test(text) ? undefined : movingAverage(text);
  if (ma) found.push(ma);
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.id))];
}

/** The indicator a question names first; undefined if none. */
export function findIndicator(text: string): IndicatorId | undefined {
  return findIndicators(text)[0];
}
