import { silentLogger } from '../../src/kernel/logger.ts';
import { createReplaySource } from '../../src/market/replay/replay-source.ts';
import { fastClock } from '../support/clock.ts';
import { describeMarketSource } from './market-source.contract.ts';

describeMarketSource('replay', async () => {
  const clock = fastClock(60);
  const source = await createReplaySource({ clock, tickMs: 20, logger: silentLogger });
  return {
    source,
    clock,
    symbol: 'ETH/USDT',
    async startAgain() {
      // Started while the clock read 3 h 20 min later, then on the same clock as the first source.
      let startSkew = 200 * 60_000;
      const again = await createReplaySource({
        clock: () => clock() + startSkew,
        tickMs: 20,
        logger: silentLogger,
      });
      startSkew = 0;
      return again;
    },
    close: () => source.close(),
  };
});
