import type { Candle } from '../../../../shared/market.ts';

/** Steps a forming candle takes; one a second in real time. */
export const STEPS = 60;

/** Small deterministic PRNG so a given minute always forms the same way (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  return h >>> 0;
}

interface Path {
  prices: number[];
  /** Cumulative share of the candle's volume traded by each step; the last is exactly 1. */
  volumeShare: number[];
}

/**
 * A plausible price path through a recorded candle: it starts at the open, touches the low and the
 * high (low first on up candles, most of the time), ends at the close, and never leaves the range.
 */
export function formingPath(candle: Candle, seedKey: string): Path {
  const rnd = seededRandom(hash(seedKey));
  const { open, high, low, close } = candle;
  const lowFirst = close >= open ? rnd() < 0.7 : rnd() < 0.3;
  const t1 = 3 + Math.floor(rnd() * 25);
  const t2 = t1 + 5 + Math.floor(rnd() * (STEPS - 7 - t1 - 5));
  const anchors: Array<[number, number]> = [
    [0, open],
    [t1, lowFirst ? low : high],
    [t2, lowFirst ? high : low],
    [STEPS - 1, close],
  ];
  const range = high - low;
  const prices: number[] = [];
  for (let a = 0; a < anchors.length - 1; a++) {
    const [s0, p0] = anchors[a]!;
    const [s1, p1] = anchors[a + 1]!;
    for (let s = s0; s < s1; s++) {
      const f = (s - s0) / (s1 - s0);
      // A bridge: noise vanishes at both anchors so the extremes are hit exactly.
      const noise = (rnd() - 0.5) * range * 0.25 * Math.sin(Math.PI * f);
      prices.push(Math.min(high, Math.max(low, p0 + (p1 - p0) * f + noise)));
    }
  }
  prices.push(close);

  const weights = Array.from({ length: STEPS }, () => 0.2 + rnd());
  const total = weights.reduce((x, y) => x + y, 0);
  let cumulative = 0;
  const volumeShare = weights.map((w) => (cumulative += w) / total);
  volumeShare[STEPS - 1] = 1;
  return { prices, volumeShare };
}

/** The candle as it stood after `step` of STEPS (0-based); the last step is the recorded candle. */
export function formingCandle(candle: Candle, path: Path, step: number, pricePrecision: number): Candle {
  if (step >= STEPS - 1) return candle;
  const factor = 10 ** pricePrecision;
  const round = (p: number) => Math.round(p * factor) / factor;
  let high = candle.open;
  let low = candle.open;
  for (let s = 0; s <= step; s++) {
    const p = path.prices[s]!;
    if (p > high) high = p;
    if (p < low) low = p;
  }
  return {
    time: candle.time,
    open: candle.open,
    high: round(high),
    low: round(low),
    close: round(path.prices[step]!),
    volume: candle.volume * path.volumeShare[step]!,
  };
}
