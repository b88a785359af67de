import type { AnalysisSummary, TrendDirection } from '../../../shared/analysis.ts';
import { formatPrice } from '../format/numbers.ts';
import { formatCardTime } from './card-time.ts';
import type { AnalysisUpdate } from '../store/analysis-slice.ts';

export interface AnalysisCardText {
  headline: string;
  direction: TrendDirection;
  /** `Uptrend, strong · ADX 31.4` */
  trend: string;
  /** `Uptrend, strong` */
  trendShort: string;
  /** `Bullish · RSI 61.2` */
  momentum: string;
  /** `Normal · ATR 0.42%` */
  volatility: string;
  /** The nearest level, in the symbol's precision; `—` when there is none. */
  support: string;
  resistance: string;
  /** `computed 14:05 UTC`, in the chart's time zone */
  computed: string;
}

const DIRECTION_LABELS: Record<TrendDirection, string> = {
  up: 'Uptrend',
  down: 'Downtrend',
  sideways: 'Sideways',
};

const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The summary card's lines; prices in the symbol's precision, times in `zone` (an IANA name). */
export function describeAnalysis(
  analysis: AnalysisUpdate,
  pricePrecision: number,
  zone = 'UTC',
  now = analysis.computedAt,
): AnalysisCardText {
  const { trend, momentum, volatility, levels, headline } = analysis.summary;
  return {
    headline,
    direction: trend.direction,
    trendShort: `${DIRECTION_LABELS[trend.direction]}, ${trend.strength}`,
    trend: joined(
      `${DIRECTION_LABELS[trend.direction]}, ${trend.strength}`,
      trend.adx === undefined ? undefined : `ADX ${oneDecimal.format(trend.adx)}`,
    ),
    momentum: joined(
      capitalize(momentum.state),
      momentum.rsi === undefined ? undefined : `RSI ${oneDecimal.format(momentum.rsi)}`,
    ),
    volatility: joined(
      capitalize(volatility.regime),
      volatility.atrPercent === undefined ? undefined : `ATR ${twoDecimals.format(volatility.atrPercent)}%`,
    ),
    support: nearest(levels.support, pricePrecision),
    resistance: nearest(levels.resistance, pricePrecision),
    computed: `computed ${formatCardTime(analysis.computedAt, zone, now)}`,
  };
}

function nearest(levels: AnalysisSummary['levels']['support'], precision: number): string {
  const level = levels[0];
  return level === undefined || !Number.isFinite(level) ? '—' : formatPrice(level, precision);
}

function joined(main: string, detail: string | undefined): string {
  return detail === undefined ? main : `${main} · ${detail}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
