import type { Analysis } from '../../../../shared/analysis.ts';
import type { ChatFigure, ChatPayload } from '../../../../shared/chat-answer.ts';
import type { SymbolInfo } from '../../../../shared/http.ts';
import { TIMEFRAME_MS, type Candle, type Timeframe } from '../../../../shared/market.ts';
import type { Prediction } from '../../../../shared/prediction.ts';
import type { Ticker } from '../../../../shared/tickers.ts';
import type { ChatAlerts, ChatAsker, ChatTools } from './chat-tools.ts';
import { formatPrice } from './format-numbers.ts';
import type { CandleRead } from './freshness.ts';
import type { ParsedQuestion } from './parse-question.ts';

/** What a composer says; the engine adds intent, context and who phrased it. */
export interface Answer {
  text: string;
  figures: ChatFigure[];
  sparkline?: ChatPayload['sparkline'];
  chart?: ChatPayload['chart'];
  table?: ChatPayload['table'];
  suggestions: string[];
  /** Set when the answer does not answer the question as asked. */
  refusal?: ChatPayload['refusal'];
}

/** A question whose symbol (and, for chart questions, timeframe) is known. */
export type ResolvedQuestion = ParsedQuestion & { symbol: string };
export type ChartQuestion = ResolvedQuestion & { timeframe: Timeframe };

/** Recent closes shown in the answer's mini chart. */
export const SPARKLINE_CANDLES = 60;

/**
 * The tools of one answer, each read at most once per argument set: a composer may ask for the same
 * analysis twice (say for two figures) and still costs one. Memoising per answer, not longer, keeps
 * every answer on the latest data. `onCandles` learns the newest candle of each read, to tell
 * whether the answer is built on live data.
 */
export function onceEach(tools: ChatTools, onCandles: (read: CandleRead) => void = () => {}): ChatTools {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key) as Promise<T>;
  };
  return {
    symbols: () => tools.symbols(),
    timeframes: () => tools.timeframes(),
    now: () => tools.now(),
    candles: (s, tf, limit) =>
      once<Candle[]>(`c:${s}:${tf}:${limit}`, async () => {
        const candles = await tools.candles(s, tf, limit);
        const last = candles.at(-1);
        if (last) onCandles({ symbol: s, timeframe: tf, time: last.time });
        return candles;
      }),
    analysis: (s, tf) => once<Analysis>(`a:${s}:${tf}`, () => tools.analysis(s, tf)),
    prediction: (s, tf) => once<Prediction | null>(`p:${s}:${tf}`, () => tools.prediction(s, tf)),
    ticker: tools.ticker && ((s) => once<Ticker | undefined>(`t:${s}`, () => tools.ticker!(s))),
  };
}

export class AnswerKit {
  readonly tools: ChatTools;
  readonly now: number;
  /** The newest candle of every stream read so far. */
  readonly candleReads: CandleRead[] = [];
  /**
   * Alerts: `visitor` when nobody is signed in, `unavailable` when the server has no alerts, else
   * the asker's own, already bound to them (`tools` carries no way to reach anyone else's).
   */
  readonly alerts: ChatAlerts | 'visitor' | 'unavailable';
  private readonly symbolList: SymbolInfo[];

  constructor(tools: ChatTools, asker?: ChatAsker) {
    this.tools = onceEach(tools, (read) => this.candleReads.push(read));
    this.now = tools.now();
    this.symbolList = tools.symbols();
    this.alerts = !asker ? 'visitor' : (tools.alertsOf?.(asker.userId) ?? 'unavailable');
  }

  info(symbol: string): SymbolInfo {
    const info = this.symbolList.find((s) => s.symbol === symbol);
    if (!info) throw new Error(`unknown symbol ${symbol}`);
    return info;
  }

  base(symbol: string): string {
    return this.info(symbol).base;
  }

  price(symbol: string, value: number): string {
    return formatPrice(value, this.info(symbol).pricePrecision);
  }

  /** Another offered coin, for "And ETH?" suggestions. */
  otherBase(symbol: string): string | undefined {
    return this.symbolList.find((s) => s.symbol !== symbol && s.base !== this.base(symbol))?.base;
  }

  /** The latest closed-or-forming candles of a chart for the mini chart, and the last close. */
  async recent(symbol: string, timeframe: Timeframe): Promise<{ candles: Candle[]; last?: Candle }> {
    const candles = await this.tools.candles(symbol, timeframe, SPARKLINE_CANDLES);
    return { candles, last: candles.at(-1) };
  }

  sparkline(symbol: string, timeframe: Timeframe, candles: readonly Candle[]): ChatPayload['sparkline'] {
    return {
      symbol,
      timeframe,
      points: candles.slice(-SPARKLINE_CANDLES).map((c) => ({ time: c.time, close: c.close })),
    };
  }

  /**
   * How fresh a candle's figures are: its close for a closed candle, now for the forming one (its
   * close is the last trade). Stale data is capped later, at the time it stopped.
   */
  candleAsOf(candle: Candle, timeframe: Timeframe): number {
    return Math.min(this.now, candle.time + TIMEFRAME_MS[timeframe]);
  }

  /**
   * How fresh an analysis is: when it was computed, or the close of its newest candle if that came
   * first. Not the candle's open: a daily RSI read at 19:59 is not 20 hours old.
   */
  analysisAsOf(analysis: Pick<Analysis, 'computedAt' | 'candleTime' | 'timeframe'>): number {
    return Math.min(analysis.computedAt, analysis.candleTime + TIMEFRAME_MS[analysis.timeframe]);
  }

  priceFigure(
    label: string,
    symbol: string,
    value: number,
    asOf: number,
    tone?: ChatFigure['tone'],
  ): ChatFigure {
    return { label, value: this.price(symbol, value), raw: value, asOf, ...(tone ? { tone } : {}) };
  }
}

export const toneOf = (x: number): ChatFigure['tone'] => (x > 0 ? 'up' : x < 0 ? 'down' : 'neutral');
