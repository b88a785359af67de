import { silentLogger } from '../../src/kernel/logger.ts';
import { createReplaySource } from '../../src/market/replay/replay-source.ts';
import { fastClock } from '../support/clock.ts';
import { describeMarketSource } from './market-source.contract.ts';

describeMarketSource('replay', async () => {
  const clock = fastClock(60);
  const source = await createReplaySource({ clock, tickMs: 20, logger: silentLogger });
  return { source, clock, symbol: 'ETH/USDT', close: () => source.close() };
});
