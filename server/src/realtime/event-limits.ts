import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Ack } from '../../../shared/errors.ts';
import { clientAddress, type TrustProxy } from '../kernel/client-address.ts';
import type { TypedServer } from './socket-types.ts';

export interface EventLimits {
  /** Events one socket may send per window: a page load subscribes to a few streams, not hundreds. */
  perSocket: number;
  /** Events all sockets of one address may send per window: many tabs, or an office behind one NAT. */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = { perSocket: 40, perIp: 400, windowSeconds: 10 };

/**
 * Counts every event a socket sends, per socket and per address, before any handler parses it: one
 * client churning subscribes must not take the event loop from everyone else. Over the limit, the
 * event is answered RATE_LIMITED with the wait, and dropped. Counted in this process's memory, since
 * what it protects is this process's event loop.
 */
export function limitSocketEvents(
  io: TypedServer,
  limits: EventLimits = DEFAULT_EVENT_LIMITS,
  trust: TrustProxy = () => false,
): void {
  const duration = limits.windowSeconds;
  const perSocket = new RateLimiterMemory({ keyPrefix: 'socket', points: limits.perSocket, duration });
  const perIp = new RateLimiterMemory({ keyPrefix: 'ip', points: limits.perIp, duration });
  io.on('connection', (socket) => {
    const ip = clientAddress(socket.request, trust);
    socket.use((packet, next) => {
      Promise.all([perSocket.consume(socket.id), perIp.consume(ip)]).then(
        () => next(),
        (rejection: unknown) => {
          if (!(rejection instanceof RateLimiterRes)) return next();
          const ack = packet.at(-1);
          const retryAfterMs = Math.max(1, Math.ceil(rejection.msBeforeNext));
          if (typeof ack === 'function')
            (ack as (response: Ack<never>) => void)({
              ok: false,
              error: {
                code: 'RATE_LIMITED',
                message: `Too many requests from this connection; try again in ${Math.ceil(retryAfterMs / 1000)} s`,
                retryAfterMs,
              },
            });
        },
      );
    });
    socket.on('disconnect', () => void perSocket.delete(socket.id));
  });
}
