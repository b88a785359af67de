import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { formatPrice } from '../../format/numbers.ts';
import type { AppStore } from '../../store/index.ts';
import { selectPricePrecision } from '../../store/selectors.ts';
import type { ExternalValue } from '../tools/external-value.ts';
import { formatCandleTime, isDaily, zoneLabel } from '../tools/time-format.ts';
import { directionOf, formatChange, formatVolume } from './legend-format.ts';
import { legendAt, overlayGroups, type LegendCandle } from './legend-model.ts';
import { LegendGroupRow } from './LegendGroupRow.tsx';

const PRICES = [
  ['open', 'O', 'Open'],
  ['high', 'H', 'High'],
  ['low', 'L', 'Low'],
  ['close', 'C', 'Close'],
] as const;

interface ChartLegendProps {
  store: AppStore;
  /** The candle under the crosshair (ms); null for the newest. */
  crosshair: ExternalValue<number | null>;
  /** The IANA zone times are shown in. */
  zone: string;
}

/**
 * The price pane's legend, top left: market and timeframe, the candle's open, high, low, close, its
 * change and volume, and the value of each overlay shown, at the crosshair or, with the cursor away,
 * for the newest candle as it ticks. Read-only and click-through, so it never gets in a drag's way.
 */
export function ChartLegend({ store, crosshair, zone }: ChartLegendProps) {
  const time = useSyncExternalStore(crosshair.subscribe, crosshair.get);
  const candles = useStore(store, (state) => state.candles);
  const indicators = useStore(store, (state) => state.indicators);
  const toggles = useStore(store, (state) => state.indicatorToggles);
  const symbol = useStore(store, (state) => state.symbol);
  const timeframe = useStore(store, (state) => state.timeframe);
  const precision = useStore(store, selectPricePrecision);
  const legend = legendAt(candles, indicators, time);

  return (
    <div className="chart-legend" data-testid="chart-legend" data-live={legend?.live ?? true}>
      <div className="chart-legend__row">
        <span className="chart-legend__title">
          {symbol} · {timeframe}
        </span>
        {legend && <CandleValues candle={legend.candle} precision={precision} />}
        {legend && (
          <time className="chart-legend__time" dateTime={new Date(legend.candle.time).toISOString()}>
            {formatCandleTime(legend.candle.time, zone, timeframe)}
            {isDaily(timeframe) ? '' : ` ${zoneLabel(zone)}`}
          </time>
        )}
      </div>
      {legend &&
        overlayGroups(toggles, legend.values).map((group) => (
          <LegendGroupRow key={group.id} group={group} precision={precision} />
        ))}
    </div>
  );
}

function CandleValues({ candle, precision }: { candle: LegendCandle; precision: number }) {
  return (
    <>
      <span className="chart-legend__prices" data-direction={directionOf(candle.close - candle.open)}>
        {PRICES.map(([field, key, name]) => (
          <span key={field} className="chart-legend__pair" title={name}>
            <span className="chart-legend__key">{key}</span>
            <span className="chart-legend__value" data-field={field} data-value={candle[field]}>
              {formatPrice(candle[field], precision)}
            </span>
          </span>
        ))}
      </span>
      <span
        className="chart-legend__value chart-legend__change"
        data-field="change"
        data-direction={directionOf(candle.change)}
        title="Change from the previous close"
      >
        {formatChange(candle.change, candle.changePercent, precision)}
      </span>
      <span className="chart-legend__pair" title="Volume">
        <span className="chart-legend__key">Vol</span>
        <span className="chart-legend__value" data-field="volume" data-value={candle.volume}>
          {formatVolume(candle.volume)}
        </span>
      </span>
    </>
  );
}
