import type { Candle } from '../../../../shared/market.ts';
import { foldCandles } from '../aggregate.ts';
import { packCandles, type PackedCandles } from '../packed-candles.ts';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The timeframes a tape serves natively; the others are folded from them above it. */
export type TapeTimeframe = '1m' | '1h' | '1d';

/**
 * Maps wall-clock time onto one symbol's recording as a pure function of the time alone, so every
 * instance, and every restart, shows the same candle for the same minute.
 *
 * The recording plays at its real dates: the hourly recording up to where the minute recording
 * begins (the epoch), then the minute recording. From its end it loops back and forth: pass p covers
 * [epoch + p·length, epoch + (p+1)·length) and odd passes play the recording backwards, each candle
 * mirrored (open and close swapped). A pass so begins on the price the previous one ended on, with no
 * rescaling that would drift further from real prices with every loop since the epoch.
 *
 * Hours and days repeat with the loop, so they are folded once: years of daily candles cost a lookup
 * a day, not a fold of every minute.
 */
export class ReplayTape {
  /**
   * The minute recording as columns of numbers: 27,000 candle objects a symbol would hold five
   * times the memory, and an idle server carries all four symbols.
   */
  private readonly minutes: PackedCandles;
  private readonly minuteCount: number;
  private readonly epoch: number;
  /** Recorded hours before the epoch, and the days folded from them. */
  private readonly recordedHours: Candle[];
  private readonly recordedDays: Candle[];
  /** The hours of a forward and of a backward pass. */
  private readonly passHours: [forward: Candle[], backward: Candle[]];
  /** The days from the epoch until hours and days line up again, after which they repeat. */
  private readonly cycleDays: Candle[];

  constructor(minutes: Candle[], hours: Candle[]) {
    if (minutes.length === 0) throw new Error('a replay needs recorded minute candles');
    this.epoch = minutes[0]!.time;
    if (this.epoch % DAY !== 0 || minutes.length % 60 !== 0)
      throw new Error('the minute recording must start at midnight UTC and cover whole hours');
    minutes.forEach((m, i) => {
      if (m.time !== this.epoch + i * MINUTE) throw new Error('the minute recording has a gap');
    });
    this.minutes = packCandles(minutes);
    this.minuteCount = minutes.length;
    this.recordedHours = hours.filter((h) => h.time < this.epoch);
    this.recordedDays = foldBy(DAY, this.recordedHours);

    const passLength = minutes.length * MINUTE;
    const foldedHours = (start: number, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const hour = start + i * HOUR;
        return foldCandles(hour, this.minutesBetween(hour, hour + HOUR));
      });
    const perPass = minutes.length / 60;
    this.passHours = [foldedHours(this.epoch, perPass), foldedHours(this.epoch + passLength, perPass)];
    const cycle = lcm(2 * passLength, DAY);
    this.cycleDays = foldBy(DAY, this.hoursBetween(this.epoch, this.epoch + cycle));
  }

  /** Wall time of the first candle anywhere on the tape (oldest hourly history). */
  get firstTime(): number {
    return this.recordedHours[0]?.time ?? this.epoch;
  }

  /** Wall time where minute-level data begins: the epoch every later minute is counted from. */
  get firstMinuteTime(): number {
    return this.epoch;
  }

  /** The complete candle shown at wall minute `time`, or undefined before the minute recording. */
  minuteAt(time: number): Candle | undefined {
    const position = (time - this.epoch) / MINUTE;
    if (position < 0 || !Number.isInteger(position)) return undefined;
    const pass = Math.floor(position / this.minuteCount);
    const index = position % this.minuteCount;
    const m = this.minutes;
    if (pass % 2 === 0)
      return {
        time,
        open: m.open[index]!,
        high: m.high[index]!,
        low: m.low[index]!,
        close: m.close[index]!,
        volume: m.volume[index]!,
      };
    const i = this.minuteCount - 1 - index;
    return {
      time,
      open: m.close[i]!,
      high: m.high[i]!,
      low: m.low[i]!,
      close: m.open[i]!,
      volume: m.volume[i]!,
    };
  }

  /** Complete candles of `timeframe` with from <= time < to. */
  between(timeframe: TapeTimeframe, from: number, to: number): Candle[] {
    if (timeframe === '1m') return this.minutesBetween(from, to);
    return timeframe === '1h' ? this.hoursBetween(from, to) : this.daysBetween(from, to);
  }

  minutesBetween(from: number, to: number): Candle[] {
    const out: Candle[] = [];
    const start = Math.max(Math.ceil(from / MINUTE) * MINUTE, this.epoch);
    for (let t = start; t < to; t += MINUTE) out.push(this.minuteAt(t)!);
    return out;
  }

  /** Recorded hours first, then the minutes' hours. */
  hoursBetween(from: number, to: number): Candle[] {
    const out = this.recordedHours.filter((h) => h.time >= from && h.time < to);
    const start = Math.max(Math.ceil(from / HOUR) * HOUR, this.epoch);
    const perPass = this.passHours[0].length;
    for (let t = start; t < to; t += HOUR) {
      const position = (t - this.epoch) / HOUR;
      const hours = this.passHours[Math.floor(position / perPass) % 2]!;
      out.push({ ...hours[position % perPass]!, time: t });
    }
    return out;
  }

  /** Days of recorded hours first, then the minutes' days. */
  daysBetween(from: number, to: number): Candle[] {
    const out = this.recordedDays.filter((d) => d.time >= from && d.time < to);
    const start = Math.max(Math.ceil(from / DAY) * DAY, this.epoch);
    for (let t = start; t < to; t += DAY)
      out.push({ ...this.cycleDays[((t - this.epoch) / DAY) % this.cycleDays.length]!, time: t });
    return out;
  }
}

/** Candles folded into buckets of `size` ms, skipping empty ones. */
function foldBy(size: number, candles: readonly Candle[]): Candle[] {
  const buckets = new Map<number, Candle[]>();
  for (const c of candles) {
    const bucket = Math.floor(c.time / size) * size;
    const members = buckets.get(bucket);
    if (members) members.push(c);
    else buckets.set(bucket, [c]);
  }
  return [...buckets].map(([time, members]) => foldCandles(time, members));
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}
