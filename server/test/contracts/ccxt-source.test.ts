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
