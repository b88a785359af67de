import type { Candle } from '../../../../shared/market.ts';
import { foldCandles } from '../aggregate.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * Maps wall-clock time onto one symbol's recording. The minute recording is shifted by whole hours so
 * its end lands on the current hour (hourly candles stay hour-aligned), then loops: each later pass
 * is rescaled so its first open continues from the previous pass's last close. Before the minute
 * recording begins, the hourly recording supplies older history.
 */
export class ReplayTape {
  private readonly minutes: Candle[];
  private readonly hours: Candle[];
  private readonly loopScale: number;
  private readonly offset: number;
  private readonly round: (price: number) => number;

  constructor(minutes: Candle[], hours: Candle[], pricePrecision: number, startedAt: number) {
    if (minutes.length === 0) throw new Error('a replay needs recorded minute candles');
    this.minutes = minutes;
    this.hours = hours.filter((h) => h.time < minutes[0]!.time);
    this.loopScale = minutes[minutes.length - 1]!.close / minutes[0]!.open;
    const recordingEnd = minutes[minutes.length - 1]!.time;
    this.offset = Math.floor(startedAt / HOUR) * HOUR - Math.floor(recordingEnd / HOUR) * HOUR;
    const factor = 10 ** pricePrecision;
    this.round = (p) => Math.round(p * factor) / factor;
  }

  /** Wall time of the first candle anywhere on the tape (oldest hourly history). */
  get firstTime(): number {
    return (this.hours[0] ?? this.minutes[0]!).time + this.offset;
  }

  /** Wall time where minute-level data begins. */
  get firstMinuteTime(): number {
    return this.minutes[0]!.time + this.offset;
  }

  /** The complete recorded candle shown at wall minute `time`, or undefined before the minute tape. */
  minuteAt(time: number): Candle | undefined {
    const position = (time - this.firstMinuteTime) / MINUTE;
    if (position < 0 || !Number.isInteger(position)) return undefined;
    const pass = Math.floor(position / this.minutes.length);
    const recorded = this.minutes[position % this.minutes.length]!;
    if (pass === 0) return { ...recorded, time };
    const k = this.loopScale ** pass;
    return {
      time,
      open: this.round(recorded.open * k),
      high: this.round(recorded.high * k),
      low: this.round(recorded.low * k),
      close: this.round(recorded.close * k),
      volume: recorded.volume,
    };
  }

  /** Complete minute candles with from <= time < to. */
  minutesBetween(from: number, to: number): Candle[] {
    const out: Candle[] = [];
    const start = Math.max(Math.ceil(from / MINUTE) * MINUTE, this.firstMinuteTime);
    for (let t = start; t < to; t += MINUTE) out.push(this.minuteAt(t)!);
    return out;
  }

  /** Complete hourly candles with from <= time < to: recorded hours first, then folded minutes. */
  hoursBetween(from: number, to: number): Candle[] {
    const out: Candle[] = [];
    for (const h of this.hours) {
      const time = h.time + this.offset;
      if (time >= from && time < to) out.push({ ...h, time });
    }
    const start = Math.max(Math.ceil(from / HOUR) * HOUR, this.firstMinuteTime);
    for (let t = start; t < to; t += HOUR) out.push(foldCandles(t, this.minutesBetween(t, t + HOUR)));
    return out;
  }
}
