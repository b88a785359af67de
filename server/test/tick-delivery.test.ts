import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market.ts';
import { roomOf, socketPublisher, type TypedServer } from '../src/realtime/socket-server.ts';
import { TestClient } from './support/socket-client.ts';
import { sleep, waitFor } from './support/wait.ts';

const candle = (time: number, close: number): Candle => ({
  time,
  open: 1,
  high: 2,
  low: 0.5,
  close,
  volume: 1,
});

describe('ticks of several streams', () => {
  let io: TypedServer;
  let url: string;
  let publisher: ReturnType<typeof socketPublisher>;
  beforeAll(async () => {
    const http = createServer();
    io = new Server(http);
    publisher = socketPublisher(io);
    io.on(
      'connection',
      (socket) => void socket.join(['BTC/USDT', 'ETH/USDT', 'SOL/USDT'].map((s) => roomOf(s, '1m'))),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await io.close();
  });

  it('reach a socket for every stream it watches, when the streams tick in the same turn', async () => {
    const c = new TestClient(url);
    await c.connected();
    await waitFor(
      () => io.sockets.sockets.size === 1 && [...io.sockets.sockets.values()][0]!.rooms.size === 4,
      'rooms',
    );
    const symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
    for (let turn = 1; turn <= 20; turn++) {
      // One turn of the event loop, as when several feeds' updates arrive together.
      for (const symbol of symbols)
        publisher.candle({ symbol, timeframe: '1m', candle: candle(0, turn) }, false);
      await sleep(10);
    }
    await sleep(100);
    for (const symbol of symbols) {
      const seen = c.candles.filter((e) => e.symbol === symbol).length;
      // Ticks may be skipped for a connection that falls behind, but not one stream's every time.
      expect(seen, symbol).toBeGreaterThanOrEqual(15);
    }
    c.close();
  });
});
