import { seededRandom } from '../../src/market/replay/forming-path.ts';

/**
 * Seeded generators of hostile inputs: the same seed gives the same inputs, so a failure found once
 * is found again.
 */
export const prng = seededRandom;

const STRINGS = [
  '',
  ' ',
  'BTC/USDT',
  'btc/usdt',
  'BTC/USDT/EUR',
  '1m',
  '7m',
  '1M',
  '\u0000',
  '\u0000BTC/USDT',
  '\ud800',
  '%',
  '%zz',
  '%E0%A4%A',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '__proto__',
  'constructor',
  '💥'.repeat(50),
  'x'.repeat(5_000),
  '9'.repeat(400),
  '-1',
  'NaN',
  'Infinity',
  '1e309',
  '0x10',
  'true',
  'null',
  '{"symbol":"BTC/USDT"}',
];
const KEYS = [
  'symbol',
  'timeframe',
  'limit',
  'since',
  'text',
  'conversationId',
  '__proto__',
  'constructor',
  'x',
];

export function fuzzValue(rand: () => number, depth = 0): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  switch (Math.floor(rand() * (depth > 3 ? 6 : 9))) {
    case 0:
      return pick(STRINGS);
    case 1:
      return pick([
        0,
        -1,
        1,
        1.5,
        2 ** 53,
        -(2 ** 63),
        Number.MAX_VALUE,
        1e-300,
        2000,
        2001,
        1_700_000_000_000,
      ]);
    case 2:
      return pick([null, undefined, true, false]);
    case 3:
      return pick(STRINGS) + pick(STRINGS);
    case 4:
      return Math.floor(rand() * 1e6) - 5e5;
    case 5:
      return { symbol: pick(STRINGS), timeframe: pick(STRINGS), limit: fuzzValue(rand, depth + 1) };
    case 6:
      return Array.from({ length: Math.floor(rand() * 4) }, () => fuzzValue(rand, depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: 1 + Math.floor(rand() * 4) }, () => [pick(KEYS), fuzzValue(rand, depth + 1)]),
      );
    default: {
      // Deep nesting: parsers that recurse must not fall over.
      let v: unknown = pick(STRINGS);
      for (let i = 0; i < 200; i++) v = { [pick(KEYS)]: v };
      return v;
    }
  }
}

const PATHS = [
  '/api/candles',
  '/api/analysis',
  '/api/predictions',
  '/api/symbols',
  '/api/conversations',
  '/api/conversations/00000000-0000-0000-0000-000000000000/messages',
  '/api/auth/login',
  '/api/auth/register',
  '/api/auth/logout',
  '/api/me',
  '/api/workspace',
  '/api/alerts',
  '/api/alerts/seen',
  '/api/alerts/webhook',
  '/api/alerts/00000000-0000-0000-0000-000000000000',
  '/api/%',
  '/api/%E0%A4%A',
  '/%zz',
  '/api/candles/%c0%ae%c0%ae',
  '/api/nope',
  '/healthz',
  '/readyz',
  '/assets/%',
  '/assets/missing.js',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset="utf-8"; x=',
];

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export function fuzzRequest(rand: () => number): FuzzRequest {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const method = pick(['GET', 'GET', 'POST', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS']);
  const query = Array.from({ length: Math.floor(rand() * 4) }, () => {
    const key = pick(['symbol', 'timeframe', 'limit', 'before', 'since', '%', 'symbol[]', 'a[b][c]']);
    const value = encodeQuery(String(fuzzValue(rand, 3))).slice(0, 300);
    return `${key}=${rand() < 0.2 ? pick(['%', '%zz', '%E0%A4%A']) : value}`;
  }).join('&');
  const path = pick(PATHS) + (query ? `?${query}` : '');
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (method !== 'GET' && method !== 'OPTIONS' && rand() < 0.8) {
    headers['content-type'] = pick(CONTENT_TYPES);
    body = rand() < 0.7 ? (JSON.stringify(fuzzValue(rand)) ?? 'null') : pick(STRINGS);
  }
  return { method, path, headers, body };
}

/** Percent-encodes like encodeURIComponent, and a lone surrogate as the invalid UTF-8 it would be. */
function encodeQuery(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}
