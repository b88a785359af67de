import { z } from 'zod/mini';
import { isSymbol, TIMEFRAMES } from './market-basics.ts';

/**
 * A trader's workspace: the layout, each chart's stream, indicators, drawings and chart settings.
 * Saved per user on the server when signed in (GET/PUT /api/workspace), in localStorage for visitors.
 * zod/mini, so the client can validate what it reads back without weighing on the first paint.
 */

export const LAYOUTS = ['1', '2', '4'] as const;
export type Layout = (typeof LAYOUTS)[number];

export const SCALE_MODES = ['linear', 'log', 'percent'] as const;
export type ScaleMode = (typeof SCALE_MODES)[number];

export const THEME_PREFERENCES = ['system', 'dark', 'light'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

export const TIME_ZONES = ['utc', 'local'] as const;
export type TimeZoneChoice = (typeof TIME_ZONES)[number];

/** The most drawings kept per symbol: a bound on what one user stores, far above what a chart shows. */
export const MAX_DRAWINGS_PER_SYMBOL = 100;

const symbol = z.string().check(z.refine(isSymbol, 'must be a symbol such as BTC/USDT'));
const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
/** Plain names only: PostgreSQL's jsonb cannot hold every string (a NUL), and nothing here needs more. */
const name = (max: number) =>
  z
    .string()
    .check(z.regex(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`), `must be 1 to ${max} letters, digits, - or _`));
const id = name(64);

/** A horizontal line at a price. */
export const PriceLineSchema = z.object({
  kind: z.literal('price-line'),
  id,
  price: finite,
});
/** A straight line between two (time, price) points, time in ms. */
export const TrendLineSchema = z.object({
  kind: z.literal('trend-line'),
  id,
  from: z.object({ time: finite, price: finite }),
  to: z.object({ time: finite, price: finite }),
});
export const DrawingSchema = z.discriminatedUnion('kind', [PriceLineSchema, TrendLineSchema]);
export type Drawing = z.infer<typeof DrawingSchema>;

/** One chart of the layout. */
export const PaneSchema = z.object({
  symbol,
  timeframe: z.enum(TIMEFRAMES),
});
export type Pane = z.infer<typeof PaneSchema>;

export const ChartSettingsSchema = z.object({
  scale: z.optional(z.enum(SCALE_MODES)),
  theme: z.optional(z.enum(THEME_PREFERENCES)),
  timeZone: z.optional(z.enum(TIME_ZONES)),
  /** Crosshair and visible time range follow each other across the charts of a layout. */
  syncCrosshair: z.optional(z.boolean()),
  syncTime: z.optional(z.boolean()),
  /** Indicator toggles by name (ema20, rsi, …); unknown names are ignored on read. */
  indicators: z.optional(z.record(name(32), z.boolean())),
  /** Whether the analysis and forecast cards are folded. */
  cardsFolded: z.optional(z.boolean()),
});
export type ChartSettings = z.infer<typeof ChartSettingsSchema>;

export const WorkspaceSchema = z.object({
  version: z.literal(1),
  layout: z.enum(LAYOUTS),
  /** As many as the layout shows (1, 2 or 4); extra ones are kept for when the layout grows. */
  panes: z.array(PaneSchema).check(z.minLength(1), z.maxLength(4)),
  /** Which pane the header, legend and keyboard act on. */
  activePane: z.number().check(z.int(), z.minimum(0), z.maximum(3)),
  settings: ChartSettingsSchema,
  /**
   * Drawings by symbol (BTC/USDT → lines), not by chart: they are prices of that market, so they show
   * on every chart of it, whatever its timeframe, and come back when a chart returns to the symbol.
   */
  drawings: z.optional(z.record(symbol, z.array(DrawingSchema).check(z.maxLength(MAX_DRAWINGS_PER_SYMBOL)))),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

/** The largest workspace document accepted, in bytes of JSON: drawings of several markets fit easily. */
export const MAX_WORKSPACE_BYTES = 128 * 1024;

export const DEFAULT_WORKSPACE: Workspace = {
  version: 1,
  layout: '1',
  panes: [{ symbol: 'BTC/USDT', timeframe: '1m' }],
  activePane: 0,
  settings: {},
};

/** GET and PUT /api/workspace: the user's saved workspace (null before the first save) and its time. */
export interface WorkspaceResponse {
  workspace: Workspace | null;
  /** Unix ms of the save; null before the first. */
  updatedAt: number | null;
}
