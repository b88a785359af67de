import type { Candle, Timeframe } from '../../../../shared/market.ts';
import type { IndicatorLine, IndicatorPoint } from '../../market/indicator-points.ts';
import type { IndicatorToggles } from '../../store/indicator-toggles.ts';
import { indexAtTime } from '../legend/legend-model.ts';
import { fileTimestamp } from './time-format.ts';

/** The CSV's indicator columns, by the toggle that shows them, in the toggle bar's order. */
const COLUMNS: ReadonlyArray<{ toggle: keyof IndicatorToggles; line: IndicatorLine; header: string }> = [
  { toggle: 'ema20', line: 'ema20', header: 'ema_20' },
  { toggle: 'ema50', line: 'ema50', header: 'ema_50' },
  { toggle: 'ema200', line: 'ema200', header: 'ema_200' },
  { toggle: 'bollinger', line: 'bollingerUpper', header: 'bb_upper' },
  { toggle: 'bollinger', line: 'bollingerMiddle', header: 'bb_middle' },
  { toggle: 'bollinger', line: 'bollingerLower', header: 'bb_lower' },
  { toggle: 'rsi', line: 'rsi14', header: 'rsi_14' },
  { toggle: 'macd', line: 'macd', header: 'macd' },
  { toggle: 'macd', line: 'macdSignal', header: 'macd_signal' },
  { toggle: 'macd', line: 'macdHistogram', header: 'macd_histogram' },
];

/** The candles opening within [from, to] (ms), the range the chart shows. */
export function candlesBetween(candles: readonly Candle[], from: number, to: number): readonly Candle[] {
  return candles.filter((candle) => candle.time >= from && candle.time <= to);
}

/**
 * The candles as CSV (RFC 4180, CRLF): the open time in ISO UTC, open, high, low, close, volume, and
 * the value of each indicator shown at that candle, empty where it has none. Numbers are written
 * exactly as received, so a spreadsheet sums what the server sent.
 */
export function buildCsv(
  candles: readonly Candle[],
  indicators: readonly IndicatorPoint[],
  toggles: IndicatorToggles,
): string {
  const columns = COLUMNS.filter((column) => toggles[column.toggle]);
  const header = ['time', 'open', 'high', 'low', 'close', 'volume', ...columns.map((c) => c.header)];
  const rows = candles.map((candle) => {
    const index = indexAtTime(indicators, candle.time);
    const point = index >= 0 ? indicators[index] : undefined;
    return [
      new Date(candle.time).toISOString(),
      candle.open,
      candle.high,
      candle.low,
      candle.close,
      candle.volume,
      ...columns.map((column) => point?.[column.line] ?? ''),
    ].join(',');
  });
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}

/** `BTC-USDT-1h-20210501T0000Z-20210511T1400Z.csv`: market, timeframe and the first and last candle. */
export function exportFileName(
  symbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
  extension: 'csv' | 'png',
): string {
  return `${symbol.replace('/', '-')}-${timeframe}-${fileTimestamp(from)}-${fileTimestamp(to)}.${extension}`;
}
