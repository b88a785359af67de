/**
 * One client of the orchestrating process, watching every stream for the whole life of a server: it
 * warms the server up before anything is measured (history loaded, first analyses and forecasts made,
 * compute threads started), so that none of it is charged to the sockets measured; and on TrendScope
 * it captures what the bare server will replay: the default ack, a limited ack and a `candle` event.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { io, type Socket } from 'socket.io-client';
import { meterAck, type AckBytes } from './wire-meter.ts';

export interface Captured {
  /** Per symbol, the ack of a subscribe without `limit`. */
  defaultAcks: Record<string, unknown>;
  /** Per symbol, the ack of a subscribe with `limit`. */
  limitedAcks: { limit: number; acks: Record<string, unknown> };
  candleEvent: { candle: Record<string, number> } & Record<string, unknown>;
  /** The default ack of the first symbol, as the wire carried it. */
  defaultAckBytes: AckBytes;
}

export interface WarmClient {
  captured: Captured;
  close(): void;
}

const ACK_TIMEOUT_MS = 120_000;

async function subscribeOk(socket: Socket, request: object): Promise<unknown> {
  const response = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('subscribe', request)) as {
    ok?: boolean;
    error?: unknown;
  };
  if (!response?.ok)
    throw new Error(`subscribe ${JSON.stringify(request)} failed: ${JSON.stringify(response)}`);
  return response;
}

export async function warmUp(
  url: string,
  options: { symbols: string[]; timeframe: string; limit: number; settleMs: number },
): Promise<WarmClient> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const firstCandle = new Promise<Captured['candleEvent']>((resolve) => socket.once('candle', resolve));
  const [first, ...others] = options.symbols;
  const { timeframe } = options;
  // The first symbol alone, so nothing else shares the wire while its ack is measured.
  const meter = meterAck(socket);
  const defaultAcks: Record<string, unknown> = {
    [first!]: await subscribeOk(socket, { symbol: first, timeframe }),
  };
  const defaultAckBytes = meter.stop();
  for (const symbol of others) defaultAcks[symbol] = await subscribeOk(socket, { symbol, timeframe });
  const limitedAcks: Record<string, unknown> = {};
  for (const symbol of options.symbols)
    limitedAcks[symbol] = await subscribeOk(socket, { symbol, timeframe, limit: options.limit });
  const candleEvent = await Promise.race([
    firstCandle,
    sleep(30_000).then(() => Promise.reject(new Error(`no candle from ${url} within 30 s`))),
  ]);
  await sleep(options.settleMs);
  return {
    captured: {
      defaultAcks,
      limitedAcks: { limit: options.limit, acks: limitedAcks },
      candleEvent,
      defaultAckBytes,
    },
    close: () => void socket.disconnect(),
  };
}
