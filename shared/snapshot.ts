import type { Analysis, IndicatorSeries } from './analysis.ts';
import { packColumn, unpackColumn, unpackNumbers, type PackedColumn } from './columns.ts';
import type { Candle, Timeframe } from './market.ts';
import type { Prediction } from './prediction.ts';
import type { StreamStatus, SubscribeResult } from './protocol.ts';

/**
 * The encoding of a subscribe snapshot's heavy part (closed candles, the analysis with its drawn
 * series, the forecast): columnar and delta-packed (./columns.ts), as JSON, then gzip by the
 * transport. The server builds it once per stream version and every subscriber gets the same bytes.
 */
export const SNAPSHOT_ENCODING = 'columns+gzip/1';

export interface SnapshotBody {
  candles: Candle[];
  analysis: Analysis | null;
  prediction: Prediction | null;
}

export interface PackedCandles {
  time: PackedColumn;
  open: PackedColumn;
  high: PackedColumn;
  low: PackedColumn;
  close: PackedColumn;
  volume: PackedColumn;
}

type PackedSeries = Record<keyof IndicatorSeries, PackedColumn>;

interface PackedBody {
  candles: PackedCandles;
  analysis: (Omit<Analysis, 'series'> & { series?: PackedSeries }) | null;
  prediction: Prediction | null;
}

const CANDLE_FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Candles as delta-packed columns, each at the fewest decimals that keep it exact. */
export function packCandles(candles: readonly Candle[]): PackedCandles {
  return Object.fromEntries(
    CANDLE_FIELDS.map((f) => [f, packColumn(candles.map((c) => c[f]))]),
  ) as unknown as PackedCandles;
}

export function unpackCandles(packed: PackedCandles): Candle[] {
  const columns = Object.fromEntries(CANDLE_FIELDS.map((f) => [f, unpackNumbers(packed[f])]));
  return columns.time!.map((time, i) => ({
    time,
    open: columns.open![i]!,
    high: columns.high![i]!,
    low: columns.low![i]!,
    close: columns.close![i]!,
    volume: columns.volume![i]!,
  }));
}

/** The body as the JSON text to compress; indicator series are kept at the decimals they were drawn at. */
export function encodeSnapshotBody(body: SnapshotBody, options: { priceDecimals?: number } = {}): string {
  const candles = packCandles(body.candles);
  let analysis: PackedBody['analysis'] = null;
  if (body.analysis) {
    const { series, ...rest } = body.analysis;
    analysis = series ? { ...rest, series: packSeries(series, options.priceDecimals) } : rest;
  }
  return JSON.stringify({ candles, analysis, prediction: body.prediction } satisfies PackedBody);
}

export function decodeSnapshotBody(text: string): SnapshotBody {
  const packed = JSON.parse(text) as PackedBody;
  const candles = unpackCandles(packed.candles);
  let analysis: Analysis | null = null;
  if (packed.analysis) {
    const { series, ...rest } = packed.analysis;
    analysis = series ? { ...rest, series: unpackSeries(series) } : rest;
  }
  return { candles, analysis, prediction: packed.prediction };
}

/** RSI is read to two decimals; MACD and the price lines at the price's own precision, what a chart shows. */
const SERIES_DECIMALS: Partial<Record<keyof IndicatorSeries, (price: number) => number>> = {
  rsi14: () => 2,
};

function packSeries(series: IndicatorSeries, priceDecimals: number | undefined): PackedSeries {
  const packed: Partial<PackedSeries> = {};
  for (const [key, column] of Object.entries(series) as Array<
    [keyof IndicatorSeries, Array<number | null>]
  >) {
    // The histogram is MACD minus its signal: rebuilt on arrival rather than sent.
    if (key === 'macdHistogram') continue;
    const decimals =
      key === 'time' || priceDecimals === undefined
        ? undefined
        : (SERIES_DECIMALS[key]?.(priceDecimals) ?? priceDecimals);
    packed[key] = packColumn(column, decimals);
  }
  return packed as PackedSeries;
}

function unpackSeries(packed: PackedSeries): IndicatorSeries {
  const series = Object.fromEntries(
    Object.entries(packed).map(([k, column]) => [k, unpackColumn(column)]),
  ) as unknown as IndicatorSeries;
  const scale = 10 ** packed.macd.d;
  series.macdHistogram = series.macd.map((m, i) => {
    const signal = series.macdSignal[i];
    return m === null || signal === null || signal === undefined
      ? null
      : Math.round((m - signal) * scale) / scale;
  });
  return series;
}

/**
 * What the `subscribe` ack carries: the stream's status and forming candle as they are, and the rest
 * (closed candles, analysis, forecast) as one gzip-compressed `body` shared by every subscriber of
 * the same stream version.
 */
export interface SubscribeResponse {
  symbol: string;
  timeframe: Timeframe;
  mode: SubscribeResult['mode'];
  status: StreamStatus;
  encoding: typeof SNAPSHOT_ENCODING;
  /** gzip of encodeSnapshotBody(); binary on the wire (a Buffer sent, an ArrayBuffer received). */
  body: Uint8Array | ArrayBuffer;
  /** The newest candle, still forming (or the last one the feed sent); null for an empty stream. */
  forming: Candle | null;
}

/** Gunzips bytes to text: node:zlib on a server, DecompressionStream in a browser. */
export type Gunzip = (bytes: Uint8Array) => Promise<string>;

/** The response as the one result a client works with: every candle in order, analysis, forecast. */
export async function decodeSubscribeResponse(
  response: SubscribeResponse,
  gunzip: Gunzip,
): Promise<SubscribeResult> {
  if (response.encoding !== SNAPSHOT_ENCODING)
    throw new Error(`unknown snapshot encoding ${String(response.encoding)}`);
  const bytes = response.body instanceof Uint8Array ? response.body : new Uint8Array(response.body);
  const body = decodeSnapshotBody(await gunzip(bytes));
  const candles = response.forming ? [...body.candles, response.forming] : body.candles;
  const { symbol, timeframe, mode, status } = response;
  return { symbol, timeframe, mode, status, candles, analysis: body.analysis, prediction: body.prediction };
}
