import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/market.ts';
import { findGaps } from '../candles.ts';
import { readRecordedCsv, recordedFile } from './recorded-candles.ts';
import { ReplayTape } from './replay-tape.ts';

const M = 60_000;
const H = 3_600_000;
const now = Date.UTC(2026, 10, 22, 10, 37, 12);

describe('ReplayTape', () => {
  let minutes: Candle[];
  let hours: Candle[];
  let tape: ReplayTape;
  beforeAll(async () => {
    minutes = (await readRecordedCsv(recordedFile('BTC/USDT', '1m'))).candles;
    hours = (await readRecordedCsv(recordedFile('BTC/USDT', '1h'))).candles;
    tape = new ReplayTape(minutes, hours, 2, now);
  });

  it('has recorded data for the current minute, near the end of the recording', () => {
    const current = Math.floor(now / M) * M;
    const candle = tape.minuteAt(current)!;
    const recordedIndex = (current - tape.firstMinuteTime) / M;
    expect(recordedIndex).toBeGreaterThan(minutes.length - 61);
    expect(recordedIndex).toBeLessThan(minutes.length);
    expect({ ...candle, time: 0 }).toEqual({ ...minutes[recordedIndex]!, time: 0 });
  });

  it('keeps hourly candles on the hour and serves the recorded hourly history before the minute data', () => {
    expect(tape.firstMinuteTime % H).toBe(0);
    const older = tape.hoursBetween(tape.firstTime, tape.firstMinuteTime);
    expect(older.length).toBe(hours.filter((h) => h.time < minutes[0]!.time).length);
    expect(older.every((h) => h.time % H === 0)).toBe(true);
    expect(findGaps(older, '1h')).toHaveLength(6);
  });

  it('joins the hourly history to the hours folded from minutes without a hole', () => {
    const around = tape.hoursBetween(tape.firstMinuteTime - 5 * H, tape.firstMinuteTime + 5 * H);
    expect(around).toHaveLength(10);
    expect(findGaps(around, '1h')).toEqual([]);
  });

  it('loops past the end of the recording, continuing from the last close', () => {
    const lastRecorded = tape.firstMinuteTime + (minutes.length - 1) * M;
    const end = tape.minuteAt(lastRecorded)!;
    const next = tape.minuteAt(lastRecorded + M)!;
    expect(end.close).toBe(minutes[minutes.length - 1]!.close);
    expect(Math.abs(next.open - end.close) / end.close).toBeLessThan(0.001);
    expect(next.high).toBeGreaterThanOrEqual(next.low);
    expect(tape.minutesBetween(lastRecorded - 10 * M, lastRecorded + 10 * M)).toHaveLength(20);
  });

  it('has nothing at minute level before the recording', () => {
    expect(tape.minuteAt(tape.firstMinuteTime - M)).toBeUndefined();
  });
});
