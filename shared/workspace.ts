import type { Timeframe } from './market-basics.ts';

/**
 * A trader's workspace: the layout, each chart's stream, indicators, drawings and chart settings.
 * Saved per user on the server when signed in (GET/PUT /api/workspace), in localStorage for visitors.
 * Types and constants only: the first paint's script imports this; the validation is in
 * workspace-schema.ts.
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

/** A horizontal line at a price. */
export interface PriceLine {
  kind: 'price-line';
  id: string;
  price: number;
}
/** A straight line between two (time, price) points, time in ms. */
export interface TrendLine {
  kind: 'trend-line';
  id: string;
  from: { time: number; price: number };
  to: { time: number; price: number };
}
export type Drawing = PriceLine | TrendLine;

/** One chart of the layout. */
export interface Pane {
  symbol: string;
  timeframe: Timeframe;
}

export interface ChartSettings {
  scale?: ScaleMode | undefined;
  theme?: ThemePreference | undefined;
  timeZone?: TimeZoneChoice | undefined;
  /** Crosshair and visible time range follow each other across the charts of a layout. */
  syncCrosshair?: boolean | undefined;
  syncTime?: boolean | undefined;
  /** Indicator toggles by name (ema20, rsi, …); unknown names are ignored on read. */
  indicators?: Record<string, boolean> | undefined;
  /** Whether the analysis and forecast cards are folded. */
  cardsFolded?: boolean | undefined;
}

export interface Workspace {
  version: 1;
  layout: Layout;
  /** As many as the layout shows (1, 2 or 4); extra ones are kept for when the layout grows. */
  panes: Pane[];
  /** Which pane the header, legend and keyboard act on. */
  activePane: number;
  settings: ChartSettings;
  /**
   * Drawings by symbol (BTC/USDT → lines), not by chart: they are prices of that market, so they show
   * on every chart of it, whatever its timeframe, and come back when a chart returns to the symbol.
   */
  drawings?: Record<string, Drawing[]> | undefined;
}

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
