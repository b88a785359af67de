import type { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * Parses an incoming payload. A wrong timeframe gets its own code because clients can act on it;
 * everything else is INVALID_PAYLOAD with every problem spelled out.
 */
export function parsePayload<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const timeframe = (payload as { timeframe?: unknown } | null)?.timeframe;
  if (issues.length === 1 && issues[0]?.path[0] === 'timeframe' && typeof timeframe === 'string') {
    throw new AppError('UNSUPPORTED_TIMEFRAME', issues[0].message);
  }
  const message = issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  throw new AppError('INVALID_PAYLOAD', message);
}
