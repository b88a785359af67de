import type { SelectionStorage } from './selection.ts';

/** What the user can switch on and off, in the order the toggle bar shows them. */
export const INDICATORS = [
  'ema20',
  'ema50',
  'ema200',
  'bollinger',
  'rsi',
  'macd',
  'fractals',
  'forecast',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export type IndicatorToggles = Readonly<Record<Indicator, boolean>>;

export const DEFAULT_TOGGLES: IndicatorToggles = Object.freeze({
  ema20: true,
  ema50: true,
  ema200: true,
  bollinger: true,
  rsi: true,
  macd: true,
  fractals: true,
  forecast: true,
});

/** Where the toggles were kept before workspaces; read once, to start a visitor's first workspace. */
const STORAGE_KEY = 'trendscope.indicators';

export function isIndicator(value: unknown): value is Indicator {
  return typeof value === 'string' && (INDICATORS as readonly string[]).includes(value);
}

/** The toggles a record names (a workspace's); anything missing, unknown or not a boolean falls back to on. */
export function togglesFrom(stored: unknown): IndicatorToggles {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return DEFAULT_TOGGLES;
  const record = stored as Record<string, unknown>;
  const toggles = { ...DEFAULT_TOGGLES };
  for (const indicator of INDICATORS) {
    const value = record[indicator];
    if (typeof value === 'boolean') toggles[indicator] = value;
  }
  return Object.freeze(toggles);
}

/** The toggles kept in storage before workspaces. */
export function readToggles(storage: SelectionStorage | undefined): IndicatorToggles {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    return raw ? togglesFrom(JSON.parse(raw)) : DEFAULT_TOGGLES;
  } catch {
    return DEFAULT_TOGGLES;
  }
}
