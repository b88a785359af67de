/** Runs the local Binance-compatible exchange; how to point TrendScope at it is in USAGE. */
import { fail, intArg, parseCli } from './cli.ts';
import { FakeBinance } from './fake-exchange/binance-server.ts';

const USAGE = `Usage: node --import tsx scripts/fake-exchange.ts [--port 9000] [--no-websocket] [--many-markets]

Runs the local Binance-compatible exchange (REST and the kline WebSocket, serving the recorded
candles), for trying TrendScope's ccxt path offline:

  node --import tsx scripts/fake-exchange.ts --port 9000
  MARKET_SOURCE=ccxt EXCHANGE_API_URL=http://127.0.0.1:9000 npm start

Stop it (Ctrl-C) and the dashboard goes stale; start it again and it recovers, with no hole.

Options:
  --port N         port on 127.0.0.1, 0-65535; 0 picks a free one (default 9000)
  --no-websocket   serve REST only, so TrendScope falls back to polling (default: WebSocket on)
  --many-markets   list about 120 more markets beside the four recorded ones (each a recording
                   rescaled to its own price), to try SYMBOLS=top:N or quote:QUOTE and the search
  -h, --help       show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    port: { type: 'string', default: '9000' },
    'no-websocket': { type: 'boolean', default: false },
    'many-markets': { type: 'boolean', default: false },
  },
});
const port = intArg(values.port, '--port', { min: 0, max: 65_535 });
const fake = await FakeBinance.start({
  port,
  webSocket: !values['no-websocket'],
  markets: values['many-markets'] ? 'many' : 'recorded',
}).catch((err: Error) =>
  // Port taken or not allowed: exit 1, it is the machine rather than the command line.
  fail(`cannot listen on 127.0.0.1:${port}: ${(err as NodeJS.ErrnoException).code ?? err.message}`, 1),
);
console.log(
  `Fake Binance (recorded candles) on ${fake.url}  (WebSocket ${values['no-websocket'] ? 'off' : `${fake.wsUrl}/ws`})`,
);
const shutdown = () => fake.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
