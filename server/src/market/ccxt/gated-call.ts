import { MarketError } from '../errors.ts';
import type { RateGate } from '../rate-gate.ts';
import { retryDelay } from '../retry-policy.ts';
import { translateCcxtError } from './translate-error.ts';

/**
 * One upstream call: waits for the exchange's rate gate, translates failures, and pauses every
 * request to the exchange when it says "slow down". A caller that cannot wait long (an interactive
 * read) passes `maxWaitMs` and is refused at once instead.
 */
export async function gatedCall<T>(
  gate: RateGate,
  exchangeId: string,
  op: () => Promise<T>,
  signal?: AbortSignal,
  maxWaitMs?: number,
): Promise<T> {
  if (maxWaitMs !== undefined && gate.waitMs > maxWaitMs) {
    throw new MarketError(
      'rate-limited',
      `${exchangeId} asked us to wait ${Math.ceil(gate.waitMs / 1000)} s before the next request`,
      gate.waitMs,
    );
  }
  await gate.pass(signal);
  try {
    return await op();
  } catch (err) {
    const error = translateCcxtError(err, exchangeId);
    if (error.kind === 'rate-limited' && gate.waitMs === 0) gate.block(retryDelay(error, 1)!);
    throw error;
  }
}
