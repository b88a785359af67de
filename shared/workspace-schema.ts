import { z } from 'zod/mini';
import { isSymbol, TIMEFRAMES } from './market-basics.ts';
import {
  LAYOUTS,
  MAX_DRAWINGS_PER_SYMBOL,
  SCALE_MODES,
  THEME_PREFERENCES,
  TIME_ZONES,
  type ChartSettings,
  type Drawing,
  type Pane,
  type Workspace,
} from './workspace.ts';

/**
 * The workspace's validation (shared/workspace.ts has its types). zod/mini, in a module of its own:
 * the client loads it with the saving code, never in the first paint's script.
 */

const symbol = z.string().check(z.refine(isSymbol, 'must be a symbol such as BTC/USDT'));
const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
/** Plain names only: PostgreSQL's jsonb cannot hold every string (a NUL), and nothing here needs more. */
const name = (max: number) =>
  z
    .string()
    .check(z.regex(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`), `must be 1 to ${max} letters, digits, - or _`));
const id = name(64);

export const PriceLineSchema = z.object({
  kind: z.literal('price-line'),
  id,
  price: finite,
});
export const TrendLineSchema = z.object({
  kind: z.literal('trend-line'),
  id,
  from: z.object({ time: finite, price: finite }),
  to: z.object({ time: finite, price: finite }),
});
export const DrawingSchema = z.discriminatedUnion('kind', [PriceLineSchema, TrendLineSchema]);

export const PaneSchema = z.object({
  symbol,
  timeframe: z.enum(TIMEFRAMES),
});

export const ChartSettingsSchema = z.object({
  scale: z.optional(z.enum(SCALE_MODES)),
  theme: z.optional(z.enum(THEME_PREFERENCES)),
  timeZone: z.optional(z.enum(TIME_ZONES)),
  syncCrosshair: z.optional(z.boolean()),
  syncTime: z.optional(z.boolean()),
  /** Unknown names are ignored on read. */
  indicators: z.optional(z.record(name(32), z.boolean())),
  cardsFolded: z.optional(z.boolean()),
});

export const WorkspaceSchema = z.object({
  version: z.literal(1),
  layout: z.enum(LAYOUTS),
  panes: z.array(PaneSchema).check(z.minLength(1), z.maxLength(4)),
  activePane: z.number().check(z.int(), z.minimum(0), z.maximum(3)),
  settings: ChartSettingsSchema,
  drawings: z.optional(z.record(symbol, z.array(DrawingSchema).check(z.maxLength(MAX_DRAWINGS_PER_SYMBOL)))),
});

// The schemas and the hand-written types say the same thing: either drifting fails the compile.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const agree: [
  Same<z.infer<typeof DrawingSchema>, Drawing>,
  Same<z.infer<typeof PaneSchema>, Pane>,
  Same<z.infer<typeof ChartSettingsSchema>, ChartSettings>,
  Same<z.infer<typeof WorkspaceSchema>, Workspace>,
] = [true, true, true, true];
void agree;
