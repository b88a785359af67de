import type { TrendDirection } from '../../../shared/analysis.ts';
import type { Prediction, RiskLevel, Scorecard } from '../../../shared/prediction.ts';
import type { AnchoredForecast } from '../chart/forecast-data.ts';
import { formatPrice } from '../format/numbers.ts';
import { formatCardTime } from './card-time.ts';

export interface ForecastCardText {
  /** `Next 10 × 5m` */
  title: string;
  risk: RiskLevel;
  /** Why the risk is what it is; empty when low. */
  riskReasons: string[];
  /** `at 14:50 UTC`, or `at Tue 1 Dec 00:00 UTC` when that is not today */
  horizon: string;
  central: string;
  range80: string;
  range95: string;
  /** `54% (90% CI 41–67%, 12 outcomes)` */
  probabilityUp: string;
  /** `54%` */
  probabilityUpShort: string;
  /** `Random walk (Hurst 0.52)` */
  regime: string;
  /** `1m ↑ · 5m ↑ · 15m ↓ · 1h →, mixed` */
  confluence: string;
  track: TrackRecordText;
}

export type TrackRecordText =
  | { kind: 'none'; note: string }
  | {
      kind: 'scored';
      /** `n = 123` */
      samples: string;
      /** `0.98, skill` or `1.03, no skill` */
      maeRatio: string;
      skill: boolean | null;
      coverage80: string;
      coverage95: string;
      hitRate: string;
      brier: string;
    };

const percent = (x: number, digits = 0) => `${(x * 100).toFixed(digits)}%`;
const ARROWS: Record<TrendDirection, string> = { up: '↑', down: '↓', sideways: '→' };
const REGIMES: Record<Prediction['regime']['regime'], string> = {
  trending: 'Trending',
  random: 'Random walk',
  'mean-reverting': 'Mean-reverting',
};

/** The honest track record: "no skill" whenever the forecast does not beat the last close. */
export function describeTrackRecord(card: Scorecard, horizon: number): TrackRecordText {
  if (card.unavailable)
    return { kind: 'none', note: 'Track record unavailable: the database did not answer.' };
  if (card.n === 0)
    return {
      kind: 'none',
      note: `No forecast scored yet: each is scored ${horizon} candles after it is made.`,
    };
  const skill = card.maeRatio === undefined ? null : card.maeRatio < 1;
  return {
    kind: 'scored',
    samples: `n = ${card.n}`,
    maeRatio:
      card.maeRatio === undefined
        ? '— (no price moves yet)'
        : `${card.maeRatio.toFixed(2)}, ${skill ? 'skill' : 'no skill'}`,
    skill,
    coverage80: card.coverage80 === undefined ? '—' : `${percent(card.coverage80, 1)} (aim 80%)`,
    coverage95: card.coverage95 === undefined ? '—' : `${percent(card.coverage95, 1)} (aim 95%)`,
    hitRate: card.hitRate === undefined ? '—' : percent(card.hitRate, 1),
    brier: card.brier === undefined ? '—' : `${card.brier.toFixed(3)} (coin 0.250)`,
  };
}

/** How the card sees the forecast: from the live price, in the chart's time zone, today being `now`. */
export interface ForecastView {
  /** The forecast anchored at the live price (chart/forecast-data.ts), as the fan draws it. */
  anchored: AnchoredForecast | null;
  /** An IANA zone: `UTC` or the browser's. */
  zone: string;
  now: number;
}

/**
 * The forecast card's lines; prices in the symbol's precision. The bands at the horizon are the
 * fan's, from the live price, so the card and the chart agree.
 */
export function describeForecast(
  p: Prediction,
  pricePrecision: number,
  view: ForecastView,
): ForecastCardText {
  // Without a live anchor (an outdated forecast), the horizon as the forecast was made.
  const end = view.anchored?.steps.at(-1) ?? p.path.at(-1)!;
  const price = (x: number) => formatPrice(x, pricePrecision);
  const [low, high] = p.direction.credible90;
  const outcomes = p.direction.samples === 1 ? '1 outcome' : `${p.direction.samples} outcomes`;
  const trends = Object.entries(p.confluence.byTimeframe).map(([tf, d]) => `${tf} ${ARROWS[d]}`);
  const agreement = p.confluence.agree ? `all ${p.confluence.direction}` : 'mixed';
  return {
    title: `Next ${p.horizon} × ${p.timeframe}`,
    risk: p.risk.level,
    riskReasons: p.risk.reasons,
    horizon: `at ${formatCardTime(end.time, view.zone, view.now)}`,
    central: price(end.yhat),
    range80: `${price(end.lower80)} – ${price(end.upper80)}`,
    range95: `${price(end.lower95)} – ${price(end.upper95)}`,
    probabilityUp: `${percent(p.direction.probabilityUp)} (90% CI ${percent(low)}–${percent(high)}, ${outcomes})`,
    probabilityUpShort: percent(p.direction.probabilityUp),
    regime: `${REGIMES[p.regime.regime]}${p.regime.hurst === undefined ? '' : ` (Hurst ${p.regime.hurst.toFixed(2)})`}`,
    confluence: trends.length === 0 ? '—' : `${trends.join(' · ')}, ${agreement}`,
    track: describeTrackRecord(p.scorecard, p.horizon),
  };
}
