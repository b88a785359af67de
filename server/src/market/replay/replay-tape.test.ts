import { beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../shared/market.ts';
import { aggregateCandles, foldCandles } from '../aggregate.ts';
import { findGaps } from '../candles.ts';
import { readRecordedCsv, recordedFile } from './recorded-candles.ts';
import { ReplayTape } from './replay-tape.ts';

const M = 60_000;
const H = 3_600_000;
const D = 86_400_000;

describe('ReplayTape', () => {
  let minutes: Candle[];
  let hours: Candle[];
  let tape: ReplayTape;
  let passMs: number;
  beforeAll(async () => {
    minutes = (await readRecordedCsv(recordedFile('BTC/USDT', '1m'))).candles;
    hours = (await readRecordedCsv(recordedFile('BTC/USDT', '1h'))).candles;
    tape = new ReplayTape(minutes, hours);
    passMs = minutes.length * M;
  });

  it('plays the recording at its real dates, from the first recorded minute on', () => {
    expect(tape.firstMinuteTime).toBe(minutes[0]!.time);
    for (const i of [0, 1, 777, minutes.length - 1])
      expect(tape.minuteAt(minutes[i]!.time)).toEqual(minutes[i]);
  });

  it('keeps hourly candles on the hour and serves the recorded hourly history before the minute data', () => {
    expect(tape.firstMinuteTime % H).toBe(0);
    const older = tape.hoursBetween(tape.firstTime, tape.firstMinuteTime);
    expect(older).toEqual(hours.filter((h) => h.time < minutes[0]!.time));
    expect(older.every((h) => h.time % H === 0)).toBe(true);
    expect(findGaps(older, '1h')).toHaveLength(6);
  });

  it('joins the hourly history to the hours folded from minutes without a hole', () => {
    const around = tape.hoursBetween(tape.firstMinuteTime - 5 * H, tape.firstMinuteTime + 5 * H);
    expect(around).toHaveLength(10);
    expect(findGaps(around, '1h')).toEqual([]);
  });

  it('loops back and forth: a backward pass mirrors the recording and each pass starts where the last ended', () => {
    const lastForward = tape.minuteAt(tape.firstMinuteTime + passMs - M)!;
    const firstBackward = tape.minuteAt(tape.firstMinuteTime + passMs)!;
    const recordedLast = minutes.at(-1)!;
    expect(firstBackward).toEqual({
      ...recordedLast,
      time: firstBackward.time,
      open: recordedLast.close,
      close: recordedLast.open,
    });
    expect(firstBackward.open).toBe(lastForward.close);
    const lastBackward = tape.minuteAt(tape.firstMinuteTime + 2 * passMs - M)!;
    const nextForward = tape.minuteAt(tape.firstMinuteTime + 2 * passMs)!;
    expect(lastBackward.close).toBe(minutes[0]!.open);
    expect(nextForward).toEqual({ ...minutes[0]!, time: nextForward.time });
    expect(
      findGaps(tape.minutesBetween(lastBackward.time - 10 * M, nextForward.time + 10 * M), '1m'),
    ).toEqual([]);
  });

  it('stays within the recorded prices however many loops have passed since the epoch', () => {
    const low = Math.min(...minutes.map((m) => m.low));
    const high = Math.max(...minutes.map((m) => m.high));
    for (const pass of [101, 102, 10_001]) {
      const sample = tape.minutesBetween(
        tape.firstMinuteTime + pass * passMs - 30 * M,
        tape.firstMinuteTime + pass * passMs + 30 * M,
      );
      expect(sample).toHaveLength(60);
      expect(sample.every((c) => c.low >= low && c.high <= high)).toBe(true);
    }
  });

  it('serves each hour as the fold of its minutes, on forward and backward passes alike', () => {
    for (const hour of [tape.firstMinuteTime + 7 * H, tape.firstMinuteTime + 41 * passMs + 300 * H]) {
      const [folded] = tape.hoursBetween(hour, hour + H);
      expect(folded).toEqual(foldCandles(hour, tape.minutesBetween(hour, hour + H)));
    }
  });

  it('serves each day as the fold of its hours, years after the epoch as in the recording', () => {
    const to = tape.firstMinuteTime + 1_000 * D;
    const days = tape.daysBetween(tape.firstTime, to);
    expect(days).toEqual(aggregateCandles(tape.hoursBetween(tape.firstTime, to), '1d'));
    expect(days.at(-1)!.time).toBe(to - D);
  });

  it('has nothing at minute level before the recording', () => {
    expect(tape.minuteAt(tape.firstMinuteTime - M)).toBeUndefined();
  });
});
