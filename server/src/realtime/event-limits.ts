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

/** A socket sending this many times its allowance in one window is disconnected. */
const CUT_OFF_FACTOR = 10;

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
      void Promise.allSettled([perSocket.consume(socket.id), perIp.consume(ip)]).then(([own, address]) => {
        const refused = own.status === 'rejected' ? own : address.status === 'rejected' ? address : undefined;
        if (!refused || !(refused.reason instanceof RateLimiterRes)) return next();
        const rejection = refused.reason;
        // Ten times its own allowance in one window is no client of ours: cut it off rather than keep
        // reading, parsing and refusing what it sends (it may reconnect, and starts from zero). Only
        // the socket's own excess does that, never its address's (an office behind one NAT).
        if (refused === own && rejection.consumedPoints > CUT_OFF_FACTOR * limits.perSocket) {
          socket.disconnect(true);
          return;
        }
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
      });
    });
    socket.on('disconnect', () => void perSocket.delete(socket.id));
  });
}
