import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { Candle } from '../../../../shared/market.ts';
import { projectPath } from '../../kernel/paths.ts';

export const RECORDED_DATA_DIR = projectPath('server/data/market/');

export interface RecordedSeries {
  candles: Candle[];
  /** Most decimals any price in the file carries, e.g. 2 for BTC, 4 for SOL. */
  pricePrecision: number;
}

/** Reads one `timestamp,open,high,low,close,volume` CSV, plain or gzipped. */
export async function readRecordedCsv(path: string): Promise<RecordedSeries> {
  const raw = await readFile(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return parseRecordedCsv(text, path);
}

export function parseRecordedCsv(text: string, origin = 'csv'): RecordedSeries {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== 'timestamp,open,high,low,close,volume') {
    throw new Error(`${origin}: expected the header timestamp,open,high,low,close,volume`);
  }
  const candles: Candle[] = [];
  let pricePrecision = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const fields = line.split(',');
    if (fields.length !== 6) throw new Error(`${origin}:${i + 1}: expected 6 fields`);
    for (let f = 1; f <= 4; f++) {
      const dot = fields[f]!.indexOf('.');
      if (dot >= 0) pricePrecision = Math.max(pricePrecision, fields[f]!.length - dot - 1);
    }
    const [time, open, high, low, close, volume] = fields.map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (![time, open, high, low, close, volume].every(Number.isFinite)) {
      throw new Error(`${origin}:${i + 1}: not a number`);
    }
    candles.push({ time, open, high, low, close, volume });
  }
  return { candles, pricePrecision };
}

export function recordedFile(symbol: string, timeframe: '1m' | '1h'): string {
  return `${RECORDED_DATA_DIR}${symbol.replace('/', '-')}_${timeframe}.csv.gz`;
}
