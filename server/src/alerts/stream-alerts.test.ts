import { describe, expect, it } from 'vitest';
import type { IndicatorValues } from '../../../shared/analysis.ts';
import type { AlertCondition } from '../../../shared/alerts.ts';
import type { Candle } from '../../../shared/market.ts';
import { seriesLevelOf } from './alert-series.ts';
import { StreamAlerts, type Crossed, type WatchedAlert } from './stream-alerts.ts';

const M = 60_000;
const T0 = 1_700_000_040_000;
const candle = (i: number, close: number, high = close, low = close): Candle => ({
  time: T0 + i * M,
  open: close,
  high,
  low,
  close,
  volume: 1,
});

function alert(condition: AlertCondition, id: string = condition.kind): WatchedAlert {
  return {
    id,
    userId: 'u',
    revision: 1,
    watch: seriesLevelOf(condition),
    version: 1,
    rearmAt: 0,
    claiming: false,
  };
}

/** A stream seeded with closes 100, 100, …, the last one forming, and what each reading fires. */
function stream(...alerts: WatchedAlert[]) {
  const s = new StreamAlerts();
  s.seed(Array.from({ length: 10 }, (_, i) => candle(i, 100)));
  for (const a of alerts) s.add(a);
  const read = (c: Candle, indicators?: IndicatorValues, now = 0) => {
    const out: Crossed[] = [];
    s.read(c, indicators, now, out);
    for (const x of out) x.alert.claiming = false; // as a settled claim leaves it
    return out.map((x) => ({ id: x.alert.id, price: x.price, value: x.value }));
  };
  return { s, read };
}

describe('StreamAlerts', () => {
  it('fires a price level when the last price crosses it, in its direction only', () => {
    const up = alert({ kind: 'price', op: 'above', value: 105 }, 'up');
    const down = alert({ kind: 'price', op: 'below', value: 95 }, 'down');
    const { read } = stream(up, down);
    expect(read(candle(9, 104))).toEqual([]);
    expect(read(candle(9, 106))).toEqual([{ id: 'up', price: 106, value: null }]);
    expect(read(candle(9, 103, 106))).toEqual([]); // back below 105: not a crossing of "above"
    expect(read(candle(9, 94, 106, 94))).toEqual([{ id: 'down', price: 94, value: null }]);
  });

  it('sees a level traded between two ticks by the candle’s new high or low, at the level’s price', () => {
    const up = alert({ kind: 'price', op: 'above', value: 105 }, 'up');
    const down = alert({ kind: 'price', op: 'below', value: 95 }, 'down');
    const { read } = stream(up, down);
    expect(read(candle(9, 101, 105.5))).toEqual([{ id: 'up', price: 105, value: null }]);
    // A new candle spans its whole range after the last reading: both levels traded.
    expect(read(candle(10, 100, 106, 94))).toEqual([
      { id: 'up', price: 105, value: null },
      { id: 'down', price: 95, value: null },
    ]);
    // The same high again is no news.
    expect(read(candle(10, 99, 106, 94))).toEqual([]);
  });

  it('leaves out alerts cooling down or being claimed, and ignores readings older than the last', () => {
    const up = alert({ kind: 'price', op: 'above', value: 105 });
    const { s, read } = stream(up);
    up.rearmAt = 1_000;
    expect(read(candle(9, 106), undefined, 999)).toEqual([]);
    expect(read(candle(9, 104), undefined, 1_000)).toEqual([]);
    const out: Crossed[] = [];
    s.read(candle(9, 106), undefined, 1_000, out);
    expect(out.map((x) => x.alert.id)).toEqual(['price']);
    expect(up.claiming).toBe(true);
    s.read(candle(9, 104), undefined, 1_000, out);
    s.read(candle(9, 107), undefined, 1_000, out);
    expect(out).toHaveLength(1); // still being claimed: not twice
    up.claiming = false;
    expect(read(candle(8, 200))).toEqual([]);
  });

  it('fires RSI thresholds on the indicator’s own crossing, from the second reading on', () => {
    const oversold = alert({ kind: 'rsi', op: 'below', value: 30 });
    const { read } = stream(oversold);
    expect(read(candle(9, 100), { rsi14: 25 })).toEqual([]); // nothing to compare with yet
    expect(read(candle(9, 100), { rsi14: 35 })).toEqual([]);
    expect(read(candle(9, 99), { rsi14: 29.5 })).toEqual([{ id: 'rsi', price: 99, value: 29.5 }]);
    expect(read(candle(9, 99), { rsi14: 20 })).toEqual([]);
  });

  it('fires when the price crosses its EMA, and when MACD crosses its signal', () => {
    const ema = alert({ kind: 'ema', op: 'above', period: 50 });
    const macd = alert({ kind: 'macd', op: 'below' });
    const { read } = stream(ema, macd);
    const at = (close: number, ema50: number, macdLine: number) =>
      read(candle(9, close), { ema50, macd: { macd: macdLine, signal: 0, histogram: macdLine } });
    expect(at(99, 100, 1)).toEqual([]);
    expect(at(101, 100, 0.5)).toEqual([{ id: 'ema', price: 101, value: 1 }]);
    expect(at(102, 101, -0.5)).toEqual([{ id: 'macd', price: 102, value: -0.5 }]);
    expect(at(100, 101, 0.2)).toEqual([]); // below the EMA and MACD back above: the other directions
  });

  it('measures a move against the close the given number of candles back', () => {
    const rise = alert({ kind: 'move', percent: 5, bars: 1 }, 'rise');
    const fall = alert({ kind: 'move', percent: -3, bars: 2 }, 'fall');
    const { read } = stream(rise, fall);
    expect(read(candle(9, 104))).toEqual([]);
    expect(read(candle(9, 105))).toEqual([{ id: 'rise', price: 105, value: 5 }]);
    // The next candle: one back is 105, two back 100. From 105 to 96.9 is −7.7 % and −3.1 %.
    expect(read(candle(10, 96.9))).toEqual([{ id: 'fall', price: 96.9, value: expect.closeTo(-3.1, 5) }]);
  });

  it('stops firing an alert once it is removed', () => {
    const up = alert({ kind: 'price', op: 'above', value: 105 });
    const { s, read } = stream(up);
    s.remove(up);
    expect(s.size).toBe(0);
    expect(read(candle(9, 110))).toEqual([]);
  });
});
