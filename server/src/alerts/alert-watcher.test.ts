import { describe, expect, it } from 'vitest';
import type { AlertCondition } from '../../../shared/alerts.ts';
import type { Candle, Timeframe } from '../../../shared/market.ts';
import type { CandleEvent } from '../../../shared/protocol.ts';
import { silentLogger } from '../kernel/logger.ts';
import type { StreamHub, StreamPublisher } from '../streams/stream-hub.ts';
import type { AlertRecord } from './alert-records.ts';
import { AlertWatcher } from './alert-watcher.ts';
import { CooldownQueue } from './cooldown-queue.ts';

const M = 60_000;
const T0 = 1_700_000_040_000;
const candle = (i: number, close: number): Candle => ({
  time: T0 + i * M,
  open: close,
  high: close,
  low: close,
  close,
  volume: 1,
});

function record(id: string, condition: AlertCondition, patch: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id,
    userId: 'u',
    symbol: 'BTC/USDT',
    timeframe: '1m',
    condition,
    repeat: false,
    cooldownSeconds: 60,
    note: null,
    state: 'active',
    createdAt: 0,
    updatedAt: 0,
    lastTriggeredAt: null,
    triggerCount: 0,
    revision: 1,
    version: 1,
    rearmAt: null,
    ...patch,
  };
}

/** A watcher on a hub that opens every stream at once on candles closing at 100. */
function setup() {
  const time = { now: T0 };
  const opened: string[] = [];
  const closed: string[] = [];
  const hub: Pick<StreamHub, 'subscribe' | 'unsubscribe'> = {
    subscribe: async (_id, symbol, timeframe: Timeframe) => {
      opened.push(`${symbol} ${timeframe}`);
      return {
        symbol,
        timeframe,
        mode: 'snapshot',
        candles: [candle(0, 100)],
        status: { source: 'test', symbol, timeframe, state: 'live' },
        revision: 0,
      };
    },
    unsubscribe: (_id, symbol, timeframe) => {
      closed.push(`${symbol} ${timeframe}`);
      return true;
    },
  };
  const fired: string[] = [];
  const watcher = new AlertWatcher({ clock: () => time.now, logger: silentLogger });
  watcher.attach({
    hub,
    onCrossed: (crossings) => {
      for (const c of crossings) {
        fired.push(c.alert.id);
        c.alert.claiming = false;
      }
    },
  });
  const sink: StreamPublisher = { candle() {}, status() {} };
  const publish = watcher.observe(sink);
  const tick = (close: number, symbol = 'BTC/USDT', timeframe: Timeframe = '1m') => {
    const event: CandleEvent = { symbol, timeframe, candle: candle(0, close) };
    publish.candle(event, false);
  };
  return { watcher, time, opened, closed, fired, tick };
}

const above = (value: number): AlertCondition => ({ kind: 'price', op: 'above', value });

describe('AlertWatcher', () => {
  it('opens a stream for its first alert and leaves it after its last', async () => {
    const { watcher, opened, closed } = setup();
    watcher.apply(record('a', above(101)));
    watcher.apply(record('b', above(102)));
    await watcher.whenSeeded();
    expect(opened).toEqual(['BTC/USDT 1m']);
    watcher.apply(record('a', above(101), { state: 'deleted', version: 2 }));
    expect(closed).toEqual([]);
    watcher.apply(record('b', above(102), { state: 'done', version: 2 }));
    expect(closed).toEqual(['BTC/USDT 1m']);
  });

  it('keeps the newest state it heard of, whatever order the news comes in', async () => {
    const { watcher, fired, tick } = setup();
    watcher.apply(record('a', above(101), { state: 'deleted', version: 3 }));
    watcher.apply(record('a', above(101), { version: 2 })); // an older read of the row
    watcher.apply(record('b', above(101), { revision: 2, version: 4, condition: above(105) }));
    watcher.apply(record('b', above(101), { revision: 1, version: 2 }));
    await watcher.whenSeeded();
    tick(103);
    expect(fired).toEqual([]);
    tick(106);
    expect(fired).toEqual(['b']);
  });

  it('takes a repeating alert out of its book while it cools down, and back when it has', async () => {
    const { watcher, time, fired, tick } = setup();
    watcher.apply(record('r', above(101), { repeat: true }));
    await watcher.whenSeeded();
    tick(102);
    expect(fired).toEqual(['r']);
    // What its claim recorded: it cools down for a minute.
    watcher.apply(record('r', above(101), { repeat: true, version: 2, rearmAt: time.now + M }));
    tick(100);
    tick(102);
    expect(fired).toEqual(['r']);
    time.now += M;
    tick(100);
    tick(102);
    expect(fired).toEqual(['r', 'r']);
  });

  it('reads the final state of a closing candle before the candle that replaces it', async () => {
    const { watcher, fired } = setup();
    watcher.apply(record('a', above(101)));
    await watcher.whenSeeded();
    const events: CandleEvent[] = [];
    const sink: StreamPublisher = { candle: (e) => void events.push(e), status() {} };
    const publish = watcher.observe(sink);
    // The forming candle's last ticks were dropped: only the close at 103 says it crossed.
    publish.candle(
      { symbol: 'BTC/USDT', timeframe: '1m', candle: candle(1, 100), closed: { candle: candle(0, 103) } },
      true,
    );
    expect(fired).toEqual(['a']);
    expect(events).toHaveLength(1);
  });
});

describe('CooldownQueue', () => {
  it('hands out what is due, earliest first, and keeps the rest', () => {
    const queue = new CooldownQueue<number>();
    const times = [50, 10, 40, 30, 20, 60, 10];
    times.forEach((at, i) => queue.push(at, i));
    const due: number[] = [];
    queue.popDue(35, (_item, at) => due.push(at));
    expect(due).toEqual([10, 10, 20, 30]);
    queue.popDue(100, (_item, at) => due.push(at));
    expect(due).toEqual([10, 10, 20, 30, 40, 50, 60]);
    expect(queue.size).toBe(0);
  });
});
