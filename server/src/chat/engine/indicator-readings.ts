import { formatCompact, formatPrice, formatReading } from './format-numbers.ts';
import { INDICATOR_LABELS, type IndicatorId } from './indicator-words.ts';
import { against, movingAverage, movingAverageSet } from './moving-average-readings.ts';
import type { Reader, Reading, ReadingInput } from './indicator-reading.ts';

const signed = (x: number, digits: number) =>
  `${x > 0 ? '+' : x < 0 ? '-' : ''}${Math.abs(x).toFixed(digits)}`;

const READERS: Readonly<Record<IndicatorId, Reader>> = {
  rsi14: ({ analysis, asOf }, name) => {
    const rsi = analysis.latest.rsi14;
    if (rsi === undefined) return undefined;
    const state =
      rsi >= 70
        ? 'overbought (70 or more)'
        : rsi <= 30
          ? 'oversold (30 or less)'
          : rsi > 50
            ? 'on the bullish side of 50, not overbought'
            : rsi < 50
              ? 'on the bearish side of 50, not oversold'
              : 'exactly neutral';
    return {
      text: `RSI (14) of ${name} is ${formatReading(rsi)} — ${state}.`,
      figures: [
        {
          label: 'RSI (14)',
          value: formatReading(rsi),
          raw: rsi,
          asOf,
          tone: rsi > 50 ? 'up' : rsi < 50 ? 'down' : 'neutral',
        },
      ],
    };
  },
  macd: ({ analysis, pricePrecision, asOf }, name) => {
    const m = analysis.latest.macd;
    if (!m) return undefined;
    const digits = pricePrecision;
    const cross =
      m.histogram >= 0 ? 'above its signal — upside momentum' : 'below its signal — downside momentum';
    const zero = m.macd >= 0 ? 'above zero' : 'below zero';
    return {
      text: `MACD (12, 26, 9) of ${name} is ${signed(m.macd, digits)} with signal ${signed(m.signal, digits)}: histogram ${signed(m.histogram, digits)}, MACD ${cross}, and ${zero}.`,
      figures: [
        { label: 'MACD', value: signed(m.macd, digits), raw: m.macd, asOf },
        { label: 'Signal', value: signed(m.signal, digits), raw: m.signal, asOf },
        {
          label: 'Histogram',
          value: signed(m.histogram, digits),
          raw: m.histogram,
          asOf,
          tone: m.histogram >= 0 ? 'up' : 'down',
        },
      ],
    };
  },
  ema: movingAverageSet('ema'),
  sma: movingAverageSet('sma'),
  ema20: movingAverage('ema', 20),
  ema50: movingAverage('ema', 50),
  ema200: movingAverage('ema', 200),
  sma20: movingAverage('sma', 20),
  sma50: movingAverage('sma', 50),
  sma200: movingAverage('sma', 200),
  bollinger: ({ analysis, close, pricePrecision, asOf }, name) => {
    const b = analysis.latest.bollinger;
    if (!b) return undefined;
    const p = (x: number) => formatPrice(x, pricePrecision);
    const width = ((b.upper - b.lower) / b.middle) * 100;
    let where = '';
    if (close !== undefined) {
      const percentB = ((close - b.lower) / (b.upper - b.lower)) * 100;
      where =
        close > b.upper
          ? `; price ${p(close)} is above the upper band — an unusually strong move`
          : close < b.lower
            ? `; price ${p(close)} is below the lower band — an unusually weak move`
            : `; price ${p(close)} sits at ${percentB.toFixed(0)}% of the band (0% lower, 100% upper)`;
    }
    return {
      text: `Bollinger bands (20, 2) of ${name}: upper ${p(b.upper)}, middle ${p(b.middle)}, lower ${p(b.lower)}, width ${width.toFixed(2)}% of the middle${where}.`,
      figures: [
        { label: 'Upper band', value: p(b.upper), raw: b.upper, asOf },
        { label: 'Middle band', value: p(b.middle), raw: b.middle, asOf },
        { label: 'Lower band', value: p(b.lower), raw: b.lower, asOf },
      ],
    };
  },
  atr14: ({ analysis, close, pricePrecision, asOf }, name) => {
    const atr = analysis.latest.atr14;
    if (atr === undefined) return undefined;
    const pct = close !== undefined ? ` (${((atr / close) * 100).toFixed(2)}% of price)` : '';
    return {
      text: `ATR (14) of ${name} is ${formatPrice(atr, pricePrecision)}${pct}: an average candle spans about that much; volatility is ${analysis.summary.volatility.regime} for this chart.`,
      figures: [{ label: 'ATR (14)', value: formatPrice(atr, pricePrecision), raw: atr, asOf }],
    };
  },
  stochastic: ({ analysis, asOf }, name) => {
    const s = analysis.latest.stochastic;
    if (!s) return undefined;
    const zone =
      s.k >= 80 ? 'overbought (above 80)' : s.k <= 20 ? 'oversold (below 20)' : 'between 20 and 80';
    return {
      text: `Stochastic (14, 3) of ${name}: %K ${formatReading(s.k)}, %D ${formatReading(s.d)} — ${zone}, %K ${s.k >= s.d ? 'above' : 'below'} %D.`,
      figures: [
        { label: '%K', value: formatReading(s.k), raw: s.k, asOf },
        { label: '%D', value: formatReading(s.d), raw: s.d, asOf },
      ],
    };
  },
  adx14: ({ analysis, asOf }, name) => {
    const a = analysis.latest.adx14;
    if (!a) return undefined;
    const side = a.plusDI >= a.minusDI ? 'above −DI, so it points up' : 'below −DI, so it points down';
    return {
      text: `ADX (14) of ${name} is ${formatReading(a.adx)} — a ${analysis.summary.trend.strength} trend; +DI ${formatReading(a.plusDI)} is ${side} (−DI ${formatReading(a.minusDI)}).`,
      figures: [
        { label: 'ADX (14)', value: formatReading(a.adx), raw: a.adx, asOf },
        { label: '+DI', value: formatReading(a.plusDI), raw: a.plusDI, asOf },
        { label: '−DI', value: formatReading(a.minusDI), raw: a.minusDI, asOf },
      ],
    };
  },
  obv: ({ analysis, recent, asOf }, name) => {
    const obv = analysis.latest.obv;
    if (obv === undefined) return undefined;
    // OBV's level depends on where the window starts; its recent slope is what traders read.
    let flow = 0;
    for (let i = 1; i < recent.length; i++) {
      const d = recent[i]!.close - recent[i - 1]!.close;
      flow += d > 0 ? recent[i]!.volume : d < 0 ? -recent[i]!.volume : 0;
    }
    const moved =
      recent.length > 1 ? ((recent.at(-1)!.close - recent[0]!.close) / recent[0]!.close) * 100 : 0;
    const agrees = recent.length > 1 && Math.sign(flow) === Math.sign(moved) && flow !== 0;
    const slope =
      recent.length > 1
        ? ` Over the last ${recent.length} candles it ${flow >= 0 ? 'rose' : 'fell'} by ${formatCompact(Math.abs(flow))} while price ${moved >= 0 ? 'rose' : 'fell'} ${Math.abs(moved).toFixed(2)}% — ${agrees ? 'volume confirms the move' : 'volume does not confirm the move'}.`
        : '';
    return {
      text: `OBV of ${name} stands at ${formatCompact(obv)} over the analysed ${analysis.candleCount} candles.${slope}`,
      figures: [
        { label: 'OBV', value: formatCompact(obv), raw: obv, asOf },
        ...(recent.length > 1
          ? [
              {
                label: `OBV change, ${recent.length} candles`,
                value: formatCompact(flow),
                raw: flow,
                asOf,
                tone: flow > 0 ? ('up' as const) : flow < 0 ? ('down' as const) : ('neutral' as const),
              },
            ]
          : []),
      ],
    };
  },
  vwap: ({ analysis, close, pricePrecision, asOf }, name) => {
    const vwap = analysis.latest.vwap;
    if (vwap === undefined) return undefined;
    return {
      text: `VWAP of ${name} since 00:00 UTC is ${formatPrice(vwap, pricePrecision)}${against(close, vwap, pricePrecision)}.`,
      figures: [{ label: 'VWAP', value: formatPrice(vwap, pricePrecision), raw: vwap, asOf }],
    };
  },
};

/** Reads one indicator of an analysis; says so plainly when there is not enough history for it. */
export function readIndicator(id: IndicatorId, input: ReadingInput, name: string): Reading {
  return (
    READERS[id](input, name) ?? {
      text: `${INDICATOR_LABELS[id]} of ${name} is not available yet: there are only ${input.analysis.candleCount} candles, not enough for it.`,
      figures: [],
    }
  );
}
