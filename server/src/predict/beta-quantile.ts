/**
 * Quantile (inverse CDF) of the Beta(a, b) distribution, for the direction model's credible interval.
 * Written here rather than taken from @stdlib/stats-base-dists-beta-quantile, which brought 224
 * packages (26 MB) for this one call; beta-quantile.test.ts pins it to that package's values.
 *
 * The regularized incomplete beta I_x(a, b) is evaluated by its continued fraction (modified Lentz),
 * ln Γ by Lanczos' approximation; the quantile is found by Newton steps from a close first guess,
 * falling back to bisection whenever a step would leave the bracket known to hold the root.
 */

// Lanczos, g = 7, n = 9: ln Γ to about 1e-15 relative for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export function logGamma(x: number): number {
  // Reflection keeps the series where it is accurate.
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const TINY = 1e-300;
// Terms needed grow like sqrt(max(a, b)): ample for counts in the millions.
const MAX_TERMS = 100_000;

/** The continued fraction of I_x(a, b), convergent for x < (a + 1) / (a + b + 2). */
function continuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    // Even step.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < Number.EPSILON) break;
  }
  return h;
}

/** I_x(a, b), the Beta(a, b) CDF at x; `lnBeta` may be passed when already known. */
export function regularizedIncompleteBeta(x: number, a: number, b: number, lnBeta = logBeta(a, b)): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnBeta);
  // The fraction converges fast only below the mean-ish point; above it use I_x(a,b) = 1 − I_(1−x)(b,a).
  return x < (a + 1) / (a + b + 2)
    ? (front * continuedFraction(x, a, b)) / a
    : 1 - (front * continuedFraction(1 - x, b, a)) / b;
}

/**
 * The p-quantile of Beta(a, b): the x in [0, 1] with I_x(a, b) = p. NaN for p outside [0, 1] or
 * a, b not above 0, as the stdlib function it replaces.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1 && a > 0 && b > 0)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lnBeta = logBeta(a, b);
  let lo = 0;
  let hi = 1;
  let x = firstGuess(p, a, b);
  for (let i = 0; i < 1_000; i++) {
    const f = regularizedIncompleteBeta(x, a, b, lnBeta) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnBeta);
    let next = x - f / density;
    // A step out of the bracket (or a vanishing density) would diverge: halve the bracket instead.
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 2 * Number.EPSILON * next || next === lo || next === hi) return next;
    x = next;
  }
  return x;
}

/** Numerical Recipes' starting point (§6.4): a normal approximation, or the tails' power laws. */
function firstGuess(p: number, a: number, b: number): number {
  let x: number;
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w = (z * Math.sqrt(al + h)) / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    x = a / (a + b * Math.exp(2 * w));
  } else {
    const lna = Math.log(a / (a + b));
    const lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    x = p < t / w ? Math.pow(a * w * p, 1 / a) : 1 - Math.pow(b * w * (1 - p), 1 / b);
  }
  // Strictly inside (0, 1), where the density and the fraction are defined.
  return Math.min(Math.max(x, Number.MIN_VALUE), 1 - Number.EPSILON / 2);
}
