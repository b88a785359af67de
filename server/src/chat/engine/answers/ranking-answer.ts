import type { ChatFigure } from '../../../../../shared/chat-answer.ts';
import { TIMEFRAME_MS } from '../../../../../shared/market.ts';
import { DAY_MS } from '../../../../../shared/tickers.ts';
import type { Answer, AnswerKit } from '../answer-kit.ts';
import { toneOf } from '../answer-kit.ts';
import { formatCompact, formatPercent, formatSpan } from '../format-numbers.ts';
import type { ParsedQuestion } from '../parse-question.ts';
import { DEFAULT_PERIOD, periodLabel, periodMs } from '../period-words.ts';
import { candlesForSpan, priceChange, type PriceChange } from '../price-change.ts';
import type { RankingRequest } from '../ranking-words.ts';
import { rollingDayChange } from '../rolling-day-change.ts';

/**
 * At most this many symbols are read for one ranking: each is one cached candle read, and a market
 * of hundreds would turn a chat answer into a scan. The answer says when it ranked only these.
 */
export const MAX_RANKED = 40;

interface Row {
  symbol: string;
  base: string;
  change: PriceChange;
  /** The period's high–low range, in % of its low: how much it swung. */
  rangePercent: number;
  /** Traded value in the quote currency: comparable across coins, unlike coin volume. */
  value: number;
  asOf: number;
}

const METRIC: Record<
  RankingRequest['metric'],
  { label: string; score: (r: Row) => number; show: (r: Row) => string }
> = {
  change: { label: 'Change', score: (r) => r.change.percent, show: (r) => formatPercent(r.change.percent) },
  move: {
    label: 'Move',
    score: (r) => Math.abs(r.change.percent),
    show: (r) => formatPercent(r.change.percent),
  },
  volatility: {
    label: 'High–low range',
    score: (r) => r.rangePercent,
    show: (r) => `${r.rangePercent.toFixed(2)}%`,
  },
  volume: { label: 'Traded value', score: (r) => r.value, show: (r) => formatCompact(r.value) },
};

function headline(request: RankingRequest): string {
  if (request.metric === 'volatility') return request.order === 'asc' ? 'Calmest' : 'Most volatile';
  if (request.metric === 'volume') return request.order === 'asc' ? 'Least traded' : 'Most traded';
  if (request.metric === 'move') return request.order === 'asc' ? 'Smallest move' : 'Biggest move';
  return request.order === 'asc' ? 'Weakest' : 'Strongest';
}

/** "Which coin is strongest?": every offered symbol (up to MAX_RANKED) ranked over the period. */
export async function answerRanking(q: ParsedQuestion, kit: AnswerKit): Promise<Answer> {
  const request = q.ranking ?? { metric: 'change', order: 'desc' };
  const period = q.period ?? DEFAULT_PERIOD;
  const ms = Math.max(periodMs(period, kit.now), 60_000);
  const span = candlesForSpan(ms);
  const offered = kit.tools.symbols();
  const symbols = offered.slice(0, MAX_RANKED);
  const read = async (symbol: string): Promise<Row | undefined> => {
    const candles = await kit.tools.candles(symbol, span.timeframe, span.limit);
    // The last 24 hours are the ticker's where there is one, as the header and the watchlist show them.
    const change =
      (ms === DAY_MS ? await rollingDayChange(kit.tools, symbol) : undefined) ??
      priceChange(candles, span.timeframe, ms);
    const last = candles.at(-1);
    if (!change || !last) return undefined;
    const step = TIMEFRAME_MS[span.timeframe];
    const start = last.time + step - Math.ceil(ms / step) * step;
    const inside = candles.filter((c) => c.time >= start);
    return {
      symbol,
      base: kit.base(symbol),
      change,
      rangePercent: ((change.high - change.low) / change.low) * 100,
      value: inside.reduce((sum, c) => sum + c.volume * c.close, 0),
      asOf: kit.candleAsOf(last, span.timeframe),
    };
  };
  const rows = (await Promise.all(symbols.map((s) => read(s.symbol)))).filter((r): r is Row => !!r);
  const metric = METRIC[request.metric];
  const sign = request.order === 'asc' ? 1 : -1;
  rows.sort((a, b) => sign * (metric.score(a) - metric.score(b)));
  const suggestions =
    rows.length > 0
      ? [`How is ${rows[0]!.base} doing?`, `Compare ${rows[0]!.base} and ${rows.at(-1)!.base}`]
      : [];
  if (rows.length === 0)
    return { text: 'There are no candles to rank yet.', figures: [], suggestions: ['Help'] };

  const covered = Math.min(...rows.map((r) => r.change.spanMs));
  const label = covered < ms ? `over the last ${formatSpan(covered)}` : periodLabel(period);
  const [top, ...others] = rows;
  const only =
    offered.length > symbols.length
      ? ` (the first ${symbols.length} of ${offered.length} symbols offered)`
      : '';
  const figures: ChatFigure[] = rows.map((r) => ({
    label: r.base,
    value: metric.show(r),
    raw: metric.score(r),
    asOf: r.asOf,
    ...(request.metric === 'change' || request.metric === 'move' ? { tone: toneOf(r.change.percent) } : {}),
  }));
  // "Weakest: BTC +3.23%" reads oddly unless it says every one rose.
  const signs = new Set(rows.map((r) => Math.sign(r.change.percent)));
  const together =
    request.metric === 'change' && rows.length > 1 && signs.size === 1
      ? ` Every one ${signs.has(1) ? 'rose' : signs.has(-1) ? 'fell' : 'was flat'}.`
      : '';
  return {
    text:
      `${headline(request)} ${label}${only}: ${top!.symbol} ${metric.show(top!)}` +
      (others.length > 0 ? `; then ${others.map((r) => `${r.base} ${metric.show(r)}`).join(', ')}.` : '.') +
      together,
    figures,
    table: {
      columns: [
        '#',
        'Symbol',
        `${metric.label}${request.metric === 'volume' ? ` (${kit.info(top!.symbol).quote})` : ''}`,
        'Last price',
      ],
      rows: rows.map((r, i) => [
        String(i + 1),
        r.symbol,
        metric.show(r),
        kit.price(r.symbol, r.change.last.close),
      ]),
    },
    suggestions: [...suggestions, period === 'today' ? 'Biggest mover this week?' : 'Biggest mover today?'],
  };
}
