/**
 * A local stand-in for Binance's public spot API, enough for ccxt: REST `/api/v3/exchangeInfo`,
 * `/api/v3/klines`, `/api/v3/ticker/24hr` (one, several or every symbol), `/api/v3/time`, and the
 * kline and mini-ticker WebSocket streams. It serves
 * the recorded Binance candles (through the replay source) and can be told to misbehave the ways
 * exchanges do: 429/418 with Retry-After, 5xx, timeouts, malformed JSON, reset connections, dropped
 * WebSockets, or going away altogether.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TIMEFRAMES, TIMEFRAME_MS, type Candle, type Timeframe } from '../../shared/market.ts';
import type { Clock } from '../../server/src/kernel/clock.ts';
import { silentLogger } from '../../server/src/kernel/logger.ts';
import { MarketService } from '../../server/src/market/market-service.ts';
import type { FetchCandlesOptions, Unsubscribe, WatchHandlers } from '../../server/src/market/port.ts';
import { createReplaySource, type ReplaySource } from '../../server/src/market/replay/replay-source.ts';
import { rollingDay } from '../../server/src/tickers/rolling-day.ts';
import { DAY_MS } from '../../shared/tickers.ts';
import { createListings, listedCandle, type Listing } from './listings.ts';

export type FaultKind =
  'rate-limit' | 'ban' | 'server-error' | 'timeout' | 'malformed' | 'reset' | 'invalid-symbol';

export interface Fault {
  kind: FaultKind;
  /** How many requests it hits; unlimited when absent. */
  count?: number;
  /** Only requests to this path, e.g. `/api/v3/klines`. */
  path?: string;
  /** Seconds, for rate-limit and ban. */
  retryAfterSec?: number;
}

export interface FakeBinanceOptions {
  port?: number;
  host?: string;
  clock?: Clock;
  /** How often the replay moves the forming candle, in ms of real time. */
  tickMs?: number;
  /** Serve the kline and mini-ticker WebSocket streams too (default true). */
  webSocket?: boolean;
  /** `many`: list a catalogue of other markets beside the recorded four (see listings.ts). */
  markets?: 'recorded' | 'many';
}

const INTERVALS = new Set<string>(TIMEFRAMES);
/** Binance pushes its mini tickers once a second. */
const TICKER_PUSH_MS = 1_000;

export class FakeBinance {
  /** REST requests received, per path. */
  readonly requests = new Map<string, number>();
  /** WebSocket subscriptions received, per stream name (e.g. `btcusdt@kline_1m`, `btcusdt@miniTicker`). */
  readonly subscriptions = new Map<string, number>();
  /** Every REST request: when (ms, real time) and to which path. */
  readonly log: Array<{ at: number; path: string; query: string; fault?: FaultKind }> = [];
  private faults: Fault[] = [];
  private server?: Server;
  private wss?: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly held = new Set<ServerResponse>();
  private readonly reads = new Map<string, Promise<Candle[]>>();
  private port: number;

  private constructor(
    private readonly market: MarketService,
    private readonly replay: ReplaySource,
    private readonly options: FakeBinanceOptions,
    private readonly clock: Clock,
    private readonly listings: readonly Listing[],
  ) {
    this.port = options.port ?? 0;
  }

  static async start(options: FakeBinanceOptions = {}): Promise<FakeBinance> {
    const clock = options.clock ?? Date.now;
    const replay = await createReplaySource({ clock, tickMs: options.tickMs ?? 250, logger: silentLogger });
    const market = new MarketService(replay, clock, silentLogger);
    await market.start();
    const listings = createListings(market.symbols(), options.markets === 'many');
    const fake = new FakeBinance(market, replay, options, clock, listings);
    await fake.listen();
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  count(path: string): number {
    return this.requests.get(path) ?? 0;
  }

  get subscriptionCount(): number {
    return [...this.subscriptions.values()].reduce((a, b) => a + b, 0);
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  dropWebSockets(): void {
    for (const client of this.wss?.clients ?? []) client.terminate();
  }

  /** The exchange goes away: every connection closes and new ones are refused. */
  async stop(): Promise<void> {
    this.dropWebSockets();
    for (const res of this.held) res.destroy();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.wss?.close();
    this.server = undefined;
  }

  /** Back on the same port. */
  async restart(): Promise<void> {
    await this.listen();
  }

  async close(): Promise<void> {
    await this.stop();
    await this.replay.close();
  }

  private async listen(): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    // A port in use rejects here (for the caller to report) rather than throwing from an 'error' event;
    // the WebSocket server attaches after, as it would re-emit that error unhandled.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (this.options.webSocket ?? true) {
      this.wss = new WebSocketServer({ server, path: undefined });
      this.wss.on('connection', (ws, req) => this.handleWebSocket(ws, req));
    }
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private takeFault(path: string): Fault | undefined {
    const i = this.faults.findIndex((f) => !f.path || f.path === path);
    if (i < 0) return undefined;
    const fault = this.faults[i]!;
    if (fault.count !== undefined && --fault.count <= 0) this.faults.splice(i, 1);
    return fault;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.set(url.pathname, (this.requests.get(url.pathname) ?? 0) + 1);
    const fault = this.takeFault(url.pathname);
    this.log.push({ at: Date.now(), path: url.pathname, query: url.search, fault: fault?.kind });
    if (fault && this.misbehave(fault, res)) return;
    this.route(url)
      .then(({ status, body }) => send(res, status, body))
      .catch((err: unknown) => send(res, 500, { code: -1000, msg: String(err) }));
  }

  /** Answers like a misbehaving exchange; true when the request is dealt with. */
  private misbehave(fault: Fault, res: ServerResponse): boolean {
    switch (fault.kind) {
      case 'rate-limit':
        send(
          res,
          429,
          { code: -1003, msg: 'Too many requests; current limit is 6000 request weight per 1 MINUTE.' },
          { 'Retry-After': String(fault.retryAfterSec ?? 1) },
        );
        return true;
      case 'ban':
        send(
          res,
          418,
          { code: -1003, msg: 'Way too many requests; IP banned.' },
          { 'Retry-After': String(fault.retryAfterSec ?? 2) },
        );
        return true;
      case 'server-error':
        res
          .writeHead(503, { 'content-type': 'text/html' })
          .end('<html><body>503 Service Unavailable</body></html>');
        return true;
      case 'timeout':
        this.held.add(res);
        res.on('close', () => this.held.delete(res));
        return true;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end('[[1619395200000,"49066.76","4927');
        return true;
      case 'reset':
        res.socket?.destroy();
        return true;
      case 'invalid-symbol':
        send(res, 400, { code: -1121, msg: 'Invalid symbol.' });
        return true;
    }
  }

  private async route(url: URL): Promise<{ status: number; body: unknown }> {
    const q = url.searchParams;
    switch (url.pathname) {
      case '/api/v3/time':
      case '/api/v3/ping':
        return { status: 200, body: url.pathname.endsWith('time') ? { serverTime: this.clock() } : {} };
      case '/api/v3/exchangeInfo':
        return { status: 200, body: this.exchangeInfo() };
      case '/api/v3/klines': {
        const symbol = this.symbolOf(q.get('symbol'));
        const interval = q.get('interval') ?? '';
        if (!symbol) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
        if (!INTERVALS.has(interval)) return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
        const limit = Math.min(1000, Number(q.get('limit') ?? 500));
        const start = q.get('startTime');
        const end = q.get('endTime');
        let candles = await this.history(symbol, interval as Timeframe, {
          since: start ? Number(start) : undefined,
          limit,
        });
        if (end) candles = candles.filter((c) => c.time <= Number(end));
        return { status: 200, body: candles.map((c) => kline(c, interval as Timeframe)) };
      }
      case '/api/v3/ticker/24hr': {
        // One symbol answers an object; a `symbols` list, or none (every market), an array.
        if (q.has('symbol')) {
          const symbol = this.symbolOf(q.get('symbol'));
          if (!symbol) return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
          return { status: 200, body: await this.ticker(symbol) };
        }
        const ids = q.has('symbols') ? parseIds(q.get('symbols')!) : undefined;
        const symbols = ids ? ids.map((id) => this.symbolOf(id)) : this.listings.map((l) => l.symbol);
        if (symbols.some((s) => s === undefined))
          return { status: 400, body: { code: -1121, msg: 'Invalid symbol.' } };
        return { status: 200, body: await Promise.all(symbols.map((s) => this.ticker(s!))) };
      }
      default:
        return { status: 404, body: { code: -1, msg: `No such endpoint: ${url.pathname}` } };
    }
  }

  /** A symbol's rolling 24 hours, from the last day of recorded minutes. */
  private async ticker(symbol: string) {
    const day = await this.history(symbol, '1m', { limit: DAY_MS / 60_000 + 1 });
    const figures = rollingDay(day)!;
    const first = day[0]!;
    const last = day.at(-1)!;
    return {
      symbol: symbol.replace('/', ''),
      priceChange: String(figures.last - figures.reference),
      priceChangePercent: figures.change24hPercent.toFixed(3),
      lastPrice: String(figures.last),
      openPrice: String(figures.reference),
      highPrice: String(figures.high24h),
      lowPrice: String(figures.low24h),
      volume: String(day.slice(1).reduce((v, c) => v + c.volume, 0)),
      quoteVolume: String(day.slice(1).reduce((v, c) => v + c.volume * c.close, 0)),
      openTime: first.time + 60_000,
      closeTime: last.time + 59_999,
      count: day.length * 100,
    };
  }

  /** Binance's 24hrMiniTicker event: ccxt reads the change from its open (`o`) and close (`c`). */
  private async miniTicker(symbol: string) {
    const t = await this.ticker(symbol);
    return {
      e: '24hrMiniTicker',
      E: this.clock(),
      s: t.symbol,
      c: t.lastPrice,
      o: t.openPrice,
      h: t.highPrice,
      l: t.lowPrice,
      v: t.volume,
      q: t.quoteVolume,
    };
  }

  private symbolOf(id: string | null): string | undefined {
    return this.listings.find((l) => l.base + l.quote === id)?.symbol;
  }

  private listing(symbol: string): Listing {
    return this.listings.find((l) => l.symbol === symbol)!;
  }

  /**
   * A listing's candles: its recording's, at its price level and share of the volume. Listings that
   * share a recording share the read while it is in flight: every ticker at once is four reads, not 127.
   */
  private async history(
    symbol: string,
    timeframe: Timeframe,
    options: FetchCandlesOptions,
  ): Promise<Candle[]> {
    const l = this.listing(symbol);
    const key = `${l.recording}@${timeframe}:${options.since}:${options.limit}`;
    let read = this.reads.get(key);
    if (!read) {
      read = this.market.history(l.recording, timeframe, options).finally(() => this.reads.delete(key));
      this.reads.set(key, read);
    }
    return (await read).map((c) => listedCandle(c, l));
  }

  private watch(symbol: string, timeframe: Timeframe, handlers: WatchHandlers): Unsubscribe {
    const l = this.listing(symbol);
    return this.market.watch(l.recording, timeframe, {
      onCandle: (c) => handlers.onCandle(listedCandle(c, l)),
    });
  }

  private exchangeInfo() {
    return {
      timezone: 'UTC',
      serverTime: this.clock(),
      rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 }],
      exchangeFilters: [],
      symbols: this.listings.map((s) => ({
        symbol: s.base + s.quote,
        status: s.trading ? 'TRADING' : 'BREAK',
        baseAsset: s.base,
        baseAssetPrecision: 8,
        quoteAsset: s.quote,
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        orderTypes: ['LIMIT', 'MARKET'],
        icebergAllowed: true,
        ocoAllowed: true,
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        permissions: ['SPOT'],
        filters: [
          {
            filterType: 'PRICE_FILTER',
            minPrice: (10 ** -s.pricePrecision).toFixed(s.pricePrecision),
            maxPrice: '1000000.00',
            tickSize: (10 ** -s.pricePrecision).toFixed(s.pricePrecision),
          },
          { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
        ],
      })),
    };
  }

  private handleWebSocket(ws: WebSocket, req: IncomingMessage): void {
    if (!(req.url ?? '').startsWith('/ws')) {
      ws.close(1008, 'unknown path');
      return;
    }
    const stops = new Map<string, () => void>();
    ws.on('message', (data) => {
      let msg: { method?: string; params?: string[]; id?: number };
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      for (const stream of msg.params ?? []) {
        const start = this.streamOf(stream, ws);
        if (!start) continue;
        if (msg.method === 'SUBSCRIBE' && !stops.has(stream)) {
          this.subscriptions.set(stream, (this.subscriptions.get(stream) ?? 0) + 1);
          stops.set(stream, start());
        } else if (msg.method === 'UNSUBSCRIBE') {
          stops.get(stream)?.();
          stops.delete(stream);
        }
      }
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ result: null, id: msg.id }));
    });
    ws.on('close', () => {
      for (const stop of stops.values()) stop();
    });
  }

  /** How to start a stream's pushes (returning how to stop them), or undefined for a stream we lack. */
  private streamOf(stream: string, ws: WebSocket): (() => () => void) | undefined {
    const send = (body: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(body));
    };
    const kline = /^([a-z0-9]+)@kline_(\w+)$/.exec(stream);
    if (kline) {
      const symbol = this.symbolOf(kline[1]!.toUpperCase());
      const timeframe = kline[2] as Timeframe;
      if (!symbol || !INTERVALS.has(timeframe)) return undefined;
      return () =>
        this.watch(symbol, timeframe, {
          onCandle: (c) => send(klineEvent(c, symbol, timeframe, this.clock())),
        });
    }
    // Mini tickers, like Binance's, once a second: of one symbol, or an array of every one.
    const mini = /^([a-z0-9]+)@miniTicker$/.exec(stream);
    const symbols = mini
      ? [this.symbolOf(mini[1]!.toUpperCase())]
      : stream === '!miniTicker@arr'
        ? this.listings.map((l) => l.symbol)
        : [];
    if (symbols.length === 0 || symbols.some((s) => s === undefined)) return undefined;
    return () => {
      const timer = setInterval(() => {
        Promise.all(symbols.map((s) => this.miniTicker(s!))).then(
          (tickers) => send(mini ? tickers[0] : tickers),
          () => {},
        );
      }, TICKER_PUSH_MS);
      return () => clearInterval(timer);
    };
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function kline(c: Candle, tf: Timeframe): unknown[] {
  return [
    c.time,
    String(c.open),
    String(c.high),
    String(c.low),
    String(c.close),
    String(c.volume),
    c.time + TIMEFRAME_MS[tf] - 1,
    String(c.volume * c.close),
    100,
    String(c.volume / 2),
    String((c.volume * c.close) / 2),
    '0',
  ];
}

function klineEvent(c: Candle, symbol: string, tf: Timeframe, now: number) {
  const id = symbol.replace('/', '');
  return {
    e: 'kline',
    E: now,
    s: id,
    k: {
      t: c.time,
      T: c.time + TIMEFRAME_MS[tf] - 1,
      s: id,
      i: tf,
      o: String(c.open),
      c: String(c.close),
      h: String(c.high),
      l: String(c.low),
      v: String(c.volume),
      n: 100,
      x: now >= c.time + TIMEFRAME_MS[tf],
      q: String(c.volume * c.close),
      V: '0',
      Q: '0',
      B: '0',
    },
  };
}

/** A `symbols` parameter: a JSON array of market ids, as ccxt sends it; unreadable, it names none that exist. */
function parseIds(text: string): string[] {
  try {
    const ids: unknown = JSON.parse(text);
    return Array.isArray(ids) ? ids.map(String) : [''];
  } catch {
    return [''];
  }
}
