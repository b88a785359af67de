import { loadConfig } from '../../src/kernel/config.ts';
import { startCcxtStack } from '../support/ccxt-stack.ts';
import { describeMarketSource } from './market-source.contract.ts';

describeMarketSource('ccxt (binance) over WebSocket, against the local exchange', async () => {
  const stack = await startCcxtStack({ speed: 60, tickMs: 20 });
  return {
    source: stack.source(),
    clock: stack.clock,
    symbol: 'BTC/USDT',
    startAgain: async () => stack.source(),
    close: () => stack.close(),
  };
});

describeMarketSource('ccxt (binance) polling, against a local exchange without WebSocket', async () => {
  const stack = await startCcxtStack({ speed: 60, tickMs: 20, webSocket: false });
  return {
    source: stack.source(),
    clock: stack.clock,
    symbol: 'SOL/USDT',
    startAgain: async () => stack.source(),
    close: () => stack.close(),
  };
});

describeMarketSource('ccxt (binance) with SYMBOLS=top:30, on a stand-in market', async () => {
  const stack = await startCcxtStack({ speed: 60, tickMs: 20, markets: 'many' });
  const symbols = loadConfig({ SYMBOLS: 'top:30' }).symbols;
  return {
    source: stack.source({ symbols }),
    clock: stack.clock,
    symbol: 'XRP/USDT',
    startAgain: async () => stack.source({ symbols }),
    close: () => stack.close(),
  };
});
