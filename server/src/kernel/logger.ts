import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Never in the log, whoever logs what: passwords (a request body logged by mistake, a body-parser
 * error carrying the raw body) and session cookies or tokens.
 */
const REDACT = [
  'password',
  '*.password',
  '*.*.password',
  'body',
  '*.body',
  'token',
  '*.token',
  'cookie',
  '*.cookie',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

/** Logs JSON lines to stdout, or to `destination` (a test reading what was logged). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'trendscope' }, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/** For tests and tools that want no output. */
export const silentLogger: Logger = pino({ level: 'silent' });
