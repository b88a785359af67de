import type { Clock } from '../../src/kernel/clock.ts';

/** A clock that runs `speed` times faster than real time from now on: 60 = a minute per second. */
export function fastClock(speed: number): Clock {
  const origin = Date.now();
  return () => origin + (Date.now() - origin) * speed;
}
