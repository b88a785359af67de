import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../../shared/market.ts';
import type { Answer, AnswerKit, ResolvedQuestion } from '../answer-kit.ts';
import { formatCompact, formatSpan, formatUtcTime } from '../format-numbers.ts';
import { DEFAULT_PERIOD, periodLabel, periodMs } from '../period-words.ts';
import { candlesForSpan } from '../price-change.ts';

/** Periods before this one that make its "average": a week of days, seven weeks of weeks. */
const BASELINE_PERIODS = 7;
/** Closed candles a chart candle's volume is held against. */
const BASELINE_CANDLES = 20;

/** Traded volume in the coin, and its value in the quote currency at each candle's close. */
function traded(candles: readonly Candle[]): { volume: number; value: number } {
  let volume = 0;
  let value = 0;
  for (const c of candles) {
    volume += c.volume;
    value += c.volume * c.close;
  }
  return { volume, value };
}

/** "32% above", "12% below", "in line with". */
function againstAverage(ratio: number): string {
  const pct = Math.round((ratio - 1) * 100);
  if (pct === 0) return 'in line with';
  return `${Math.abs(pct)}% ${pct > 0 ? 'above' : 'below'}`;
}

const ratioTone = (ratio: number): ChatFigure['tone'] =>
  ratio >= 1.5 ? 'up' : ratio <= 0.67 ? 'down' : 'neutral';

/** The volume of a period (default the last 24 hours) against the average of the periods before it. */
async function periodVolume(q: ResolvedQuestion, kit: AnswerKit): Promise<Answer> {
  const period = q.period ?? DEFAULT_PERIOD;
  const ms = Math.max(periodMs(period, kit.now), 60_000);
  const { timeframe, limit } = candlesForSpan(ms * (BASELINE_PERIODS + 1));
  const candles = await kit.tools.candles(q.symbol, timeframe, limit);
  const base = kit.base(q.symbol);
  const { quote } = kit.info(q.symbol);
  const suggestions = [
    `Volume of ${base} on 1h`,
    `How much did ${base} move ${period === 'today' ? 'today' : 'this week'}?`,
    `Which coin has the highest volume?`,
  ];
  const last = candles.at(-1);
  if (!last) return { text: `There are no candles for ${q.symbol} yet.`, figures: [], suggestions };

  const step = TIMEFRAME_MS[timeframe];
  const end = last.time + step;
  const start = end - Math.ceil(ms / step) * step;
  const now = traded(candles.filter((c) => c.time >= start));
  const before = candles.filter((c) => c.time < start && c.time >= start - BASELINE_PERIODS * (end - start));
  const periods = Math.floor((before.length * step) / (end - start));
  const asOf = kit.candleAsOf(last, timeframe);
  const label = periodLabel(period);
  const amount = `${formatCompact(now.volume)} ${base} (≈ ${formatCompact(now.value)} ${quote})`;
  const figures: ChatFigure[] = [
    {
      label: `Volume, ${period === 'today' ? 'today' : formatSpan(end - start)}`,
      value: `${formatCompact(now.volume)} ${base}`,
      raw: now.volume,
      asOf,
    },
    { label: `Value in ${quote}`, value: formatCompact(now.value), raw: now.value, asOf },
  ];
  if (periods < 1)
    return {
      text: `${q.symbol} traded ${amount} ${label}. There is not enough history before it for an average.`,
      figures,
      sparkline: kit.sparkline(q.symbol, timeframe, candles),
      suggestions,
    };
  const average = traded(before).volume / periods;
  const ratio = now.volume / average;
  figures.push(
    { label: `Average of ${periods} before`, value: `${formatCompact(average)} ${base}`, raw: average, asOf },
    { label: 'Against average', value: `${ratio.toFixed(2)}×`, raw: ratio, asOf, tone: ratioTone(ratio) },
  );
  return {
    text:
      `${q.symbol} traded ${amount} ${label}: ${againstAverage(ratio)} its average of ` +
      `${formatCompact(average)} ${base} per ${formatSpan(end - start)} over the ${formatSpan(periods * (end - start))} before.`,
    figures,
    sparkline: kit.sparkline(q.symbol, timeframe, candles),
    chart: { symbol: q.symbol, timeframe },
    suggestions,
  };
}

/** The volume of a chart's last closed candle against the candles before it, and the forming one so far. */
async function candleVolume(q: ResolvedQuestion & { timeframe: Timeframe }, kit: AnswerKit): Promise<Answer> {
  const candles = await kit.tools.candles(q.symbol, q.timeframe, BASELINE_CANDLES + 2);
  const base = kit.base(q.symbol);
  const suggestions = [
    `Volume of ${base} today`,
    `Last 5 candles of ${base} on ${q.timeframe}`,
    `How is ${base} doing on ${q.timeframe}?`,
  ];
  const forming = candles.at(-1);
  const closed = candles.at(-2);
  if (!forming || !closed)
    return { text: `Not enough candles of ${q.symbol} on ${q.timeframe} yet.`, figures: [], suggestions };
  const earlier = candles.slice(0, -2);
  const average = earlier.length > 0 ? traded(earlier).volume / earlier.length : undefined;
  const closedAsOf = kit.candleAsOf(closed, q.timeframe);
  const ratio = average ? closed.volume / average : undefined;
  const vs =
    ratio !== undefined && average !== undefined
      ? `, ${againstAverage(ratio)} the average of the ${earlier.length} candles before it (${formatCompact(average)} ${base})`
      : '';
  const figures: ChatFigure[] = [
    {
      label: `Last closed ${q.timeframe} candle`,
      value: `${formatCompact(closed.volume)} ${base}`,
      raw: closed.volume,
      asOf: closedAsOf,
    },
    ...(ratio !== undefined && average !== undefined
      ? [
          {
            label: `Average of ${earlier.length}`,
            value: `${formatCompact(average)} ${base}`,
            raw: average,
            asOf: closedAsOf,
          },
          {
            label: 'Against average',
            value: `${ratio.toFixed(2)}×`,
            raw: ratio,
            asOf: closedAsOf,
            tone: ratioTone(ratio),
          },
        ]
      : []),
    {
      label: 'Forming candle so far',
      value: `${formatCompact(forming.volume)} ${base}`,
      raw: forming.volume,
      asOf: kit.candleAsOf(forming, q.timeframe),
    },
  ];
  return {
    text:
      `On ${q.timeframe}, the last closed candle of ${q.symbol} (opened ${formatUtcTime(closed.time, kit.now)}) ` +
      `traded ${formatCompact(closed.volume)} ${base}${vs}; the forming one has ${formatCompact(forming.volume)} ${base} so far.`,
    figures,
    sparkline: kit.sparkline(q.symbol, q.timeframe, candles),
    chart: { symbol: q.symbol, timeframe: q.timeframe },
    suggestions,
  };
}

/** "volume of SOL", "volume of BTC on 1h", "eth volume today". */
export function answerVolume(q: ResolvedQuestion, kit: AnswerKit): Promise<Answer> {
  return q.timeframe ? candleVolume({ ...q, timeframe: q.timeframe }, kit) : periodVolume(q, kit);
}
