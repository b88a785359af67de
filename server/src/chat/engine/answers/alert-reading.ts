import { describeCondition, type Alert } from '../../../../../shared/alerts.ts';
import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS } from '../../../../../shared/market.ts';
import type { AlertDraft } from '../alert-draft.ts';
import type { AnswerKit } from '../answer-kit.ts';
import { formatPercent, formatReading, formatSpan } from '../format-numbers.ts';

/** Where the watched value is now, in words and figures (each with the time of its data). */
export interface LiveReading {
  /** What the condition compares: price, RSI, price − EMA, MACD − signal, or the move so far (%). */
  value?: number;
  text: string;
  figures: ChatFigure[];
}

/** "BTC/USDT 1m: price crosses above 51,000.00", and how its timeframe or window was chosen. */
export function describeSet(
  alert: Pick<Alert, 'symbol' | 'timeframe' | 'condition'>,
  kit: AnswerKit,
  draft: Pick<AlertDraft, 'timeframeFrom'>,
): string {
  const what = `${alert.symbol} ${alert.timeframe}: ${describeCondition(alert.condition, (v) => kit.price(alert.symbol, v))}`;
  const c = alert.condition;
  if (c.kind === 'move') {
    const window = formatSpan(c.bars * TIMEFRAME_MS[alert.timeframe]);
    const why =
      draft.timeframeFrom === 'default'
        ? ', the window the watchlist’s change has; say “in 4 hours” for another'
        : '';
    return `${what} (${c.bars} ${alert.timeframe} candles, about ${window}${why})`;
  }
  if (draft.timeframeFrom === 'default' && c.kind !== 'price')
    return `${what} (on the ${alert.timeframe} chart; say “on 15m” for another)`;
  return what;
}

/** Where the condition's value is now against what fires it: the last price, and its distance. */
export async function liveReading(draft: AlertDraft, kit: AnswerKit): Promise<LiveReading> {
  const { symbol, timeframe } = draft;
  const c = draft.condition;
  const bars = c.kind === 'move' ? c.bars : 0;
  const candles = await kit.tools.candles(symbol, timeframe, bars + 1);
  const last = candles.at(-1);
  if (!last) return { text: `There are no ${timeframe} candles for ${symbol} yet.`, figures: [] };
  const asOf = kit.candleAsOf(last, timeframe);
  const price = (x: number) => kit.price(symbol, x);
  const lastFigure = kit.priceFigure('Last price', symbol, last.close, asOf);
  const percentFigure = (label: string, pct: number): ChatFigure => ({
    label,
    value: formatPercent(pct),
    raw: pct,
    asOf,
  });
  const now = `${symbol} is at ${price(last.close)} now`;

  if (c.kind === 'price') {
    const distance = ((c.value - last.close) / last.close) * 100;
    const beyond =
      (c.op === 'above' && last.close >= c.value) || (c.op === 'below' && last.close <= c.value)
        ? ` It is already ${c.op} that: the alert fires the next time the price crosses ${c.op === 'above' ? 'up' : 'down'} through it.`
        : '';
    return {
      value: last.close,
      text: `${now}; ${price(c.value)} is ${formatPercent(distance)} away.${beyond}`,
      figures: [lastFigure, percentFigure('Distance to the level', distance)],
    };
  }
  if (c.kind === 'move') {
    const ref = candles.length > bars ? candles.at(-1 - bars)!.close : undefined;
    if (ref === undefined) return { text: `${now}.`, figures: [lastFigure] };
    const moved = ((last.close - ref) / ref) * 100;
    const at = ref * (1 + c.percent / 100);
    return {
      value: moved,
      text:
        `${now}, ${formatPercent(moved)} against the close ${bars} candles back (${price(ref)}): ` +
        `it fires at ${formatPercent(c.percent)} from that close, about ${price(at)} as things stand.`,
      figures: [lastFigure, percentFigure(`Move over ${bars} candles`, moved)],
    };
  }

  const analysis = await kit.tools.analysis(symbol, timeframe);
  const analysisAsOf = kit.analysisAsOf(analysis);
  const latest = analysis.latest;
  if (c.kind === 'rsi') {
    const rsi = latest.rsi14;
    if (rsi === undefined)
      return { text: `RSI 14 needs more ${timeframe} candles of ${symbol}.`, figures: [lastFigure] };
    return {
      value: rsi,
      text: `RSI 14 of ${symbol} on ${timeframe} is ${formatReading(rsi)} now (${formatReading(Math.abs(c.value - rsi))} points from ${c.value}); ${symbol} is at ${price(last.close)}.`,
      figures: [
        { label: `RSI 14 (${timeframe})`, value: formatReading(rsi), raw: rsi, asOf: analysisAsOf },
        lastFigure,
      ],
    };
  }
  if (c.kind === 'ema') {
    const ema = latest[`ema${c.period}`];
    if (ema === undefined)
      return { text: `EMA ${c.period} needs more ${timeframe} candles of ${symbol}.`, figures: [lastFigure] };
    const distance = ((last.close - ema) / ema) * 100;
    return {
      value: last.close - ema,
      text: `${now}, ${formatPercent(distance)} against its EMA ${c.period} (${price(ema)}).`,
      figures: [lastFigure, kit.priceFigure(`EMA ${c.period} (${timeframe})`, symbol, ema, analysisAsOf)],
    };
  }
  const macd = latest.macd;
  if (!macd) return { text: `MACD needs more ${timeframe} candles of ${symbol}.`, figures: [lastFigure] };
  const gap = macd.macd - macd.signal;
  return {
    value: gap,
    text: `MACD is ${gap >= 0 ? 'above' : 'below'} its signal now (${price(macd.macd)} against ${price(macd.signal)}); ${symbol} is at ${price(last.close)}.`,
    figures: [
      lastFigure,
      { label: `MACD − signal (${timeframe})`, value: price(gap), raw: gap, asOf: analysisAsOf },
    ],
  };
}
