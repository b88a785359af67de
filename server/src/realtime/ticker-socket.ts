import { TickersSubscribeRequestSchema } from '../../../shared/protocol.ts';
import { parsePayload } from '../kernel/validation.ts';
import type { TickerService } from '../tickers/ticker-service.ts';
import { handle, type SocketHandling, type TypedServer } from './socket-server.ts';

/** Followers of every offered symbol's ticker; a socket that names symbols joins one room per symbol. */
const ALL_TICKERS = 'tickers';
const tickerRoom = (symbol: string) => `tickers:${symbol}`;

/**
 * `tickers:subscribe` / `tickers:unsubscribe`, and the pushes: one emit per room and update, whatever
 * the number of sockets in it. Each instance follows its own ticker upstream, so the pushes go to this
 * instance's sockets only.
 */
export function attachTickerSocket(io: TypedServer, tickers: TickerService, options: SocketHandling): void {
  tickers.onUpdates((updates) => {
    io.local.to(ALL_TICKERS).emit('tickers', { tickers: updates });
    const rooms = io.of('/').adapter.rooms;
    for (const update of updates) {
      const room = tickerRoom(update.symbol);
      if (rooms.has(room)) io.local.to(room).emit('tickers', { tickers: [update] });
    }
  });

  io.on('connection', (socket) => {
    let following: { rooms: string[]; release: () => void } | undefined;
    /** The latest subscribe: an earlier one still building its answer must not undo it. */
    let latest = 0;
    const stop = () => {
      if (!following) return;
      following.release();
      for (const room of following.rooms) void socket.leave(room);
      following = undefined;
    };

    socket.on(
      'tickers:subscribe',
      handle(options, async (payload) => {
        const { symbols } = parsePayload(TickersSubscribeRequestSchema, payload);
        const request = ++latest;
        const snapshot = await tickers.snapshot(symbols);
        if (request !== latest) return { tickers: snapshot };
        stop();
        const rooms = symbols ? [...new Set(symbols)].map(tickerRoom) : [ALL_TICKERS];
        following = { rooms, release: tickers.hold() };
        // Joined in the same turn as the snapshot was taken, so no push falls between the two.
        await socket.join(rooms);
        return { tickers: snapshot };
      }),
    );

    socket.on(
      'tickers:unsubscribe',
      handle(options, async () => {
        latest++;
        stop();
        return null;
      }),
    );

    socket.on('disconnect', stop);
  });
}
