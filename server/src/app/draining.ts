import type { RequestListener } from 'node:http';
import type { InFlightWork } from '../kernel/in-flight-work.ts';
import { SHUTTING_DOWN } from '../realtime/socket-server.ts';

/** How long a shutdown waits for running requests and socket events before closing anyway. */
export const DEFAULT_DRAIN_MS = 8_000;
/** How long it then waits for their last acks to be written out before the sockets close. */
export const FLUSH_MS = 1_000;

/**
 * The HTTP handler, with each request counted in flight until its response ends, so a shutdown lets
 * it finish; once the shutdown has begun, requests that still arrive (on a kept-alive connection)
 * are refused with a retryable 503 and the connection is closed. Socket.IO's own requests never get
 * here: its engine answers them first.
 */
export function drainableRequests(handler: RequestListener, inFlight: InFlightWork): RequestListener {
  return (req, res) => {
    if (!inFlight.accepting) {
      res
        .writeHead(503, {
          'Content-Type': 'application/json; charset=utf-8',
          'Retry-After': String(Math.ceil((SHUTTING_DOWN.retryAfterMs ?? 1_000) / 1000)),
          Connection: 'close',
        })
        .end(JSON.stringify({ error: SHUTTING_DOWN }));
      return;
    }
    res.once('close', inFlight.begin());
    handler(req, res);
  };
}
