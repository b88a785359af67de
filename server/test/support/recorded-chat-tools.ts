import type { Analysis } from '../../../shared/analysis.ts';
import type { SymbolInfo } from '../../../shared/http.ts';
import {
  TIMEFRAMES,
  TIMEFRAME_MS,
  bucketStart,
  type Candle,
  type Timeframe,
} from '../../../shared/market.ts';
import type { Prediction } from '../../../shared/prediction.ts';
import { analysisWindow } from '../../src/analysis/analysis-service.ts';
import { analyze } from '../../src/analysis/analyze.ts';
import { LiveIndicators } from '../../src/analysis/live-indicators.ts';
import type { ChatTools } from '../../src/chat/engine/chat-tools.ts';
import { aggregateCandles } from '../../src/market/aggregate.ts';
import { normalizeCandles } from '../../src/market/candles.ts';
import { readRecordedCsv, recordedFile } from '../../src/market/replay/recorded-candles.ts';
import { REPLAY_SYMBOLS } from '../../src/market/replay/replay-source.ts';
import { confluenceTimeframes } from '../../src/predict/confluence-ladder.ts';
import { DirectionModel, directionState } from '../../src/predict/direction.ts';
import { FORECAST_MODEL, forecast } from '../../src/predict/forecast.ts';
import { anomalies, confluence, hurstExponent, regimeOf, riskOf } from '../../src/predict/regime.ts';
import { scorePrediction, summarizeScores, type PredictionScore } from '../../src/predict/score.ts';

export interface RecordedChatToolsOptions {
  /** Default: the replay's four symbols. */
  symbols?: readonly string[];
  /**
   * `forecast`: predictions from the real models, fitted on the recording (forecast, Bayesian
   * direction learned walking forward, Hurst regime, confluence, anomalies, risk, and a scorecard of
   * the latest forecasts whose horizon has passed), the default. `none`: no prediction yet, as a fresh stream.
   */
  predictions?: 'forecast' | 'none';
  /** Candles ahead of each forecast. Default 10, as scripts/eval-forecast.ts. */
  horizon?: number;
  /** Forecasts in the scorecard; 0 gives the "not scored yet" card. Default 200. */
  scored?: number;
  /** The timeframes offered. Default: every one the product supports. */
  timeframes?: readonly Timeframe[];
}

/** Every call the chat engine made, to check what one answer costs. */
export interface ToolCall {
  tool: 'candles' | 'analysis' | 'prediction';
  symbol: string;
  timeframe: Timeframe;
}

export interface RecordedChatTools extends ChatTools {
  calls: ToolCall[];
  /** Every candle of a stream up to `now()`, oldest first. */
  series(symbol: string, timeframe: Timeframe): Candle[];
}

/**
 * ChatTools over the recorded Binance candles in server/data/market, without the server: 1m, 5m and
 * 15m from the minute recording, 1h, 4h and 1d from the hourly one, and `now` at the last recorded
 * minute (2021-05-14 19:59 UTC). Analyses are the real `analyze()` of the latest 1,500 candles, each
 * computed once and kept, as the real service caches them.
 */
export async function createRecordedChatTools(
  options: RecordedChatToolsOptions = {},
): Promise<RecordedChatTools> {
  const horizon = options.horizon ?? 10;
  const scored = options.scored ?? 200;
  const recordings = new Map<string, { minutes: Candle[]; hours: Candle[]; info: SymbolInfo }>();
  for (const symbol of options.symbols ?? REPLAY_SYMBOLS) {
    const [minutes, hours] = await Promise.all([
      readRecordedCsv(recordedFile(symbol, '1m')),
      readRecordedCsv(recordedFile(symbol, '1h')),
    ]);
    const [base = '', quote = ''] = symbol.split('/');
    recordings.set(symbol, {
      minutes: normalizeCandles(minutes.candles),
      hours: normalizeCandles(hours.candles),
      info: { symbol, base, quote, pricePrecision: Math.max(minutes.pricePrecision, hours.pricePrecision) },
    });
  }
  const lastMinute = Math.min(...[...recordings.values()].map((r) => r.minutes.at(-1)!.time));
  const now = lastMinute + TIMEFRAME_MS['1m'] - 1;

  const seriesCache = new Map<string, Candle[]>();
  const analyses = new Map<string, Analysis>();
  const predictions = new Map<string, Prediction | null>();
  const calls: ToolCall[] = [];

  const recording = (symbol: string) => {
    const r = recordings.get(symbol);
    if (!r) throw new Error(`no recording of ${symbol}`);
    return r;
  };
  const series = (symbol: string, timeframe: Timeframe): Candle[] => {
    const key = `${symbol}@${timeframe}`;
    let candles = seriesCache.get(key);
    if (!candles) {
      const r = recording(symbol);
      const minuteBased = TIMEFRAME_MS[timeframe] < TIMEFRAME_MS['1h'];
      const source = minuteBased ? r.minutes : r.hours.filter((c) => c.time <= bucketStart(now, '1h'));
      candles = timeframe === '1m' || timeframe === '1h' ? source : aggregateCandles(source, timeframe);
      seriesCache.set(key, candles);
    }
    return candles;
  };
  const analysisOf = (symbol: string, timeframe: Timeframe): Analysis => {
    const key = `${symbol}@${timeframe}`;
    let analysis = analyses.get(key);
    if (!analysis) {
      analysis = analyze(series(symbol, timeframe).slice(-analysisWindow(timeframe)), {
        symbol,
        timeframe,
        source: 'replay',
        pricePrecision: recording(symbol).info.pricePrecision,
        now,
      });
      analyses.set(key, analysis);
    }
    return analysis;
  };

  const predictionOf = (symbol: string, timeframe: Timeframe): Prediction | null => {
    const candles = series(symbol, timeframe).slice(-analysisWindow(timeframe));
    const fitted = forecast(candles, { horizon });
    if (!fitted) return null;
    // Walk forward as the live system would: the direction model learns only from outcomes already
    // known, and each scored forecast was made from the candles before it.
    const live = new LiveIndicators();
    const direction = new DirectionModel();
    const states: string[] = [];
    const scores: PredictionScore[] = [];
    const last = candles.length - 1;
    for (let t = 0; t <= last; t++) {
      states[t] = directionState(live.update(candles[t]!), candles[t]!.close);
      if (t - horizon >= 0)
        direction.observe(states[t - horizon]!, candles[t]!.close > candles[t - horizon]!.close);
      if (t + horizon > last || t < last - horizon - scored + 1) continue;
      const past = forecast(candles.slice(Math.max(0, t - 999), t + 1), { horizon });
      if (past)
        scores.push(scorePrediction(past, direction.estimate(states[t]!), candles[t + horizon]!.close));
    }
    const estimate = direction.estimate(states[last]!);
    const closes = candles.slice(-1001).map((c) => c.close);
    const hurst = hurstExponent(closes.slice(1).map((c, i) => Math.log(c / closes[i]!)));
    const regime = regimeOf(hurst);
    const trends = Object.fromEntries(
      confluenceTimeframes(timeframe, options.timeframes ?? TIMEFRAMES).map((tf) => [
        tf,
        analysisOf(symbol, tf).summary.trend.direction,
      ]),
    );
    const agreement = confluence(trends);
    const flagged = anomalies(candles);
    const lastCandle = candles[last]!;
    const step = TIMEFRAME_MS[timeframe];
    return {
      symbol,
      timeframe,
      source: 'replay',
      model: FORECAST_MODEL,
      computedAt: now,
      lastCandleTime: lastCandle.time,
      from: fitted.from,
      horizon,
      sigma: fitted.sigma,
      path: fitted.path.map(({ step: k, ...band }) => ({ time: lastCandle.time + k * step, ...band })),
      direction: estimate,
      regime: { regime, ...(hurst !== undefined ? { hurst } : {}) },
      confluence: agreement,
      anomalies: flagged,
      risk: riskOf({
        volatility: analysisOf(symbol, timeframe).summary.volatility.regime,
        confluence: agreement,
        anomalies: flagged,
        regime,
      }),
      scorecard: summarizeScores(scores),
    };
  };

  return {
    calls,
    series,
    symbols: () => [...recordings.values()].map((r) => r.info),
    timeframes: () => [...(options.timeframes ?? TIMEFRAMES)],
    now: () => now,
    async candles(symbol, timeframe, limit) {
      calls.push({ tool: 'candles', symbol, timeframe });
      return series(symbol, timeframe).slice(-limit);
    },
    async analysis(symbol, timeframe) {
      calls.push({ tool: 'analysis', symbol, timeframe });
      return analysisOf(symbol, timeframe);
    },
    async prediction(symbol, timeframe) {
      calls.push({ tool: 'prediction', symbol, timeframe });
      if (options.predictions === 'none') return null;
      const key = `${symbol}@${timeframe}`;
      if (!predictions.has(key)) predictions.set(key, predictionOf(symbol, timeframe));
      return predictions.get(key)!;
    },
  };
}
