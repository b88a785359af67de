import type { IndicatorValues } from '../../../../shared/analysis.ts';
import { formatPrice } from './format-numbers.ts';
import type { Reader } from './indicator-reading.ts';

/** "; price 50,138.09 is 0.53% below it". */
export function against(close: number | undefined, level: number, precision: number): string {
  if (close === undefined) return '';
  const pct = ((close - level) / level) * 100;
  const where =
    Math.abs(pct) < 0.005 ? 'right at it' : `${Math.abs(pct).toFixed(2)}% ${pct > 0 ? 'above' : 'below'} it`;
  return `; price ${formatPrice(close, precision)} is ${where}`;
}

export function movingAverage(kind: 'ema' | 'sma', period: 20 | 50 | 200): Reader {
  return ({ analysis, close, pricePrecision, asOf }, name) => {
    const value = analysis.latest[`${kind}${period}` as keyof IndicatorValues] as number | undefined;
    if (value === undefined) return undefined;
    const label = `${kind.toUpperCase()} ${period}`;
    return {
      text: `${label} of ${name} is ${formatPrice(value, pricePrecision)}${against(close, value, pricePrecision)}.`,
      figures: [{ label, value: formatPrice(value, pricePrecision), raw: value, asOf }],
    };
  };
}

/** The 20/50/200 set and how it is stacked: 20 > 50 > 200 is the classic bullish order. */
export function movingAverageSet(kind: 'ema' | 'sma'): Reader {
  return (input, name) => {
    const { analysis, close, pricePrecision, asOf } = input;
    const values = ([20, 50, 200] as const).flatMap((period) => {
      const v = analysis.latest[`${kind}${period}` as keyof IndicatorValues] as number | undefined;
      return v === undefined ? [] : [{ period, v }];
    });
    if (values.length === 0) return undefined;
    const K = kind.toUpperCase();
    const list = values.map(({ period, v }) => `${period} at ${formatPrice(v, pricePrecision)}`).join(', ');
    const bullish = values.every((x, i) => i === 0 || values[i - 1]!.v > x.v);
    const bearish = values.every((x, i) => i === 0 || values[i - 1]!.v < x.v);
    const stack =
      values.length < 3
        ? ''
        : bullish
          ? ' — a bullish stack (20 > 50 > 200)'
          : bearish
            ? ' — a bearish stack (20 < 50 < 200)'
            : ' — mixed, no clean stack';
    const above = close === undefined ? 0 : values.filter(({ v }) => close >= v).length;
    const position =
      close === undefined
        ? ''
        : `; price ${formatPrice(close, pricePrecision)} is ${above === values.length ? `above ${values.length === 1 ? 'it' : 'all of them'}` : above === 0 ? `below ${values.length === 1 ? 'it' : 'all of them'}` : `above ${above} of ${values.length}`}`;
    return {
      text: `${K}s of ${name}: ${list}${stack}${position}.`,
      figures: values.map(({ period, v }) => ({
        label: `${K} ${period}`,
        value: formatPrice(v, pricePrecision),
        raw: v,
        asOf,
      })),
    };
  };
}
