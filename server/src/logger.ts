import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'trendscope' } });
}

/** For tests and tools that want no output. */
export const silentLogger: Logger = pino({ level: 'silent' });
