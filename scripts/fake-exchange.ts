/**
 * Runs the local Binance-compatible exchange, for trying TrendScope's ccxt path offline:
 *
 *   node --import tsx scripts/fake-exchange.ts --port 9000
 *   MARKET_SOURCE=ccxt EXCHANGE_API_URL=http://127.0.0.1:9000 npm start
 *
 * Stop it (Ctrl-C) and the dashboard goes stale; start it again and it recovers, with no hole.
 */
import { parseArgs } from 'node:util';
import { FakeBinance } from './fake-exchange/binance-server.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '9000' }, 'no-websocket': { type: 'boolean', default: false } },
});
const fake = await FakeBinance.start({ port: Number(values.port), webSocket: !values['no-websocket'] });
console.log(
  `Fake Binance (recorded candles) on ${fake.url}  (WebSocket ${values['no-websocket'] ? 'off' : `${fake.wsUrl}/ws`})`,
);
const shutdown = () => fake.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
