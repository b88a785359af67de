/** Wall-clock time in ms; injected so tests can run the market faster than real time. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
