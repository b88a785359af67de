import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../kernel/clock.ts';

/**
 * One per exchange: once the exchange says "slow down", every request of every feed waits until the
 * time it named, so a rate limit never escalates into a ban.
 */
export class RateGate {
  private blockedUntil = 0;

  constructor(private readonly clock: Clock = Date.now) {}

  block(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock() + ms);
  }

  get waitMs(): number {
    return Math.max(0, this.blockedUntil - this.clock());
  }

  async pass(signal?: AbortSignal): Promise<void> {
    for (let wait = this.waitMs; wait > 0; wait = this.waitMs) await sleep(wait, undefined, { signal });
  }
}
