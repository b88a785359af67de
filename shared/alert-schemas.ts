/**
 * What an alert request must look like, for the server to parse every payload with (full zod, for
 * its messages; the browser imports only the types in alerts.ts). Unknown keys are refused rather
 * than dropped: a misspelt `repaet: true` must not quietly make a once-alert.
 */
import { z } from 'zod';
import {
  ALERT_EMA_PERIODS,
  ALERT_KINDS,
  MAX_ALERT_NOTE,
  MAX_COOLDOWN_SECONDS,
  MAX_MOVE_BARS,
  MAX_SEEN_IDS,
  MIN_COOLDOWN_SECONDS,
  type AlertCondition,
  type AlertCreateRequest,
  type AlertSeenRequest,
  type AlertUpdateRequest,
} from './alerts.ts';
import { SymbolSchema, TimeframeSchema } from './market.ts';

const op = z.enum(['above', 'below'], { error: 'op must be "above" or "below"' });
const number = (name: string) => z.number({ error: `${name} must be a number` });

export const AlertConditionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('price'),
      op,
      value: number('value').positive('value must be a price above 0'),
    }),
    z.strictObject({
      kind: z.literal('move'),
      percent: number('percent')
        .gt(-100, 'percent must be above -100: nothing falls further')
        .max(1000, 'percent must be at most 1000')
        .refine(
          (p) => Math.abs(p) >= 0.01,
          'percent must be at least 0.01 either way: positive for a rise, negative for a fall',
        ),
      bars: number('bars')
        .int('bars must be a whole number of candles')
        .min(1, 'bars must be at least 1')
        .max(MAX_MOVE_BARS, `bars must be at most ${MAX_MOVE_BARS}`),
    }),
    z.strictObject({
      kind: z.literal('rsi'),
      op,
      value: number('value').gt(0, 'value must be above 0').lt(100, 'value must be below 100'),
    }),
    z.strictObject({
      kind: z.literal('ema'),
      op,
      period: z.literal(ALERT_EMA_PERIODS, { error: `period must be ${ALERT_EMA_PERIODS.join(', ')}` }),
    }),
    z.strictObject({ kind: z.literal('macd'), op }),
  ],
  { error: `kind must be one of ${ALERT_KINDS.join(', ')}` },
) satisfies z.ZodType<AlertCondition>;

export const AlertIdSchema = z.uuid({ error: 'id must be an alert id (a UUID)' });

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;
const note = z
  .string({ error: 'note must be a string' })
  .trim()
  .max(MAX_ALERT_NOTE, `note must be at most ${MAX_ALERT_NOTE} characters`)
  .refine((text) => !CONTROL_CHARACTERS.test(text), 'note must be one line without control characters')
  .nullable();
const cooldownSeconds = number('cooldownSeconds')
  .int('cooldownSeconds must be a whole number')
  .min(MIN_COOLDOWN_SECONDS, `cooldownSeconds must be at least ${MIN_COOLDOWN_SECONDS}`)
  .max(MAX_COOLDOWN_SECONDS, `cooldownSeconds must be at most ${MAX_COOLDOWN_SECONDS} (a week)`);

export const AlertCreateRequestSchema = z.strictObject({
  symbol: SymbolSchema,
  timeframe: TimeframeSchema,
  condition: AlertConditionSchema,
  repeat: z.boolean({ error: 'repeat must be true or false' }).optional(),
  cooldownSeconds: cooldownSeconds.optional(),
  note: note.optional(),
}) satisfies z.ZodType<AlertCreateRequest>;

export const AlertUpdateRequestSchema = z
  .strictObject({
    id: AlertIdSchema,
    symbol: SymbolSchema.optional(),
    timeframe: TimeframeSchema.optional(),
    condition: AlertConditionSchema.optional(),
    repeat: z.boolean({ error: 'repeat must be true or false' }).optional(),
    cooldownSeconds: cooldownSeconds.optional(),
    note: note.optional(),
    active: z.boolean({ error: 'active must be true or false' }).optional(),
  })
  .refine(
    (r) => Object.keys(r).length > 1,
    'say what to change besides the id',
  ) satisfies z.ZodType<AlertUpdateRequest>;

export const AlertDeleteRequestSchema = z.strictObject({ id: AlertIdSchema });

export const AlertSeenRequestSchema = z.strictObject({
  ids: z
    .array(z.string().regex(/^\d{1,18}$/, 'ids must be trigger ids'), { error: 'ids must be a list' })
    .max(MAX_SEEN_IDS, `ids must name at most ${MAX_SEEN_IDS} triggers`)
    .optional(),
}) satisfies z.ZodType<AlertSeenRequest>;

export const AlertWebhookRequestSchema = z.strictObject({
  url: z.string({ error: 'url must be a string' }).trim().max(2000, 'url must be at most 2000 characters'),
});
