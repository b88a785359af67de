import { INDICATOR_COLORS } from '../chart/theme.ts';
import { unavailableReason } from '../market/indicator-availability.ts';
import { useAppStore } from '../store/index.ts';
import { INDICATORS, type Indicator } from '../store/indicator-toggles.ts';

const OPTIONS: Record<Indicator, { label: string; title: string; swatch?: string }> = {
  ema20: {
    label: 'EMA 20',
    title: 'Exponential moving average of 20 candles',
    swatch: INDICATOR_COLORS.ema20,
  },
  ema50: {
    label: 'EMA 50',
    title: 'Exponential moving average of 50 candles',
    swatch: INDICATOR_COLORS.ema50,
  },
  ema200: {
    label: 'EMA 200',
    title: 'Exponential moving average of 200 candles',
    swatch: INDICATOR_COLORS.ema200,
  },
  bollinger: {
    label: 'BB',
    title: 'Bollinger bands: upper, middle, lower',
    swatch: INDICATOR_COLORS.bollinger,
  },
  rsi: { label: 'RSI', title: 'Relative strength index (14), in its own pane', swatch: INDICATOR_COLORS.rsi },
  macd: {
    label: 'MACD',
    title: 'MACD, signal and histogram, in their own pane',
    swatch: INDICATOR_COLORS.macd,
  },
  fractals: { label: 'Fractals', title: 'Williams fractals: arrows over swing highs and under swing lows' },
  forecast: {
    label: 'Forecast',
    title: 'Forecast of the next 10 candles: central path with 80 % and 95 % intervals',
    swatch: INDICATOR_COLORS.forecast,
  },
};

/**
 * The indicator toggles. One that cannot be drawn on this chart (too few candles) says so, on its
 * button and, when it is switched on, in a note beside them: nothing is silently missing.
 */
export function IndicatorBar() {
  const toggles = useAppStore((state) => state.indicatorToggles);
  const toggleIndicator = useAppStore((state) => state.toggleIndicator);
  const loading = useAppStore((state) => state.loading);
  const candles = useAppStore((state) => state.candles.length);
  const reasons = new Map(
    loading
      ? []
      : INDICATORS.flatMap((indicator) => {
          const reason = unavailableReason(indicator, candles);
          return reason === null ? [] : [[indicator, reason] as const];
        }),
  );
  const missing = INDICATORS.filter((indicator) => toggles[indicator] && reasons.has(indicator));

  return (
    <div className="indicator-bar">
      <span className="indicator-bar__label" id="indicator-toggles-label">
        Indicators
      </span>
      <div
        className="segmented segmented--compact"
        role="group"
        aria-labelledby="indicator-toggles-label"
        data-testid="indicator-toggles"
      >
        {INDICATORS.map((indicator) => {
          const { label, title, swatch } = OPTIONS[indicator];
          const reason = reasons.get(indicator);
          return (
            <button
              key={indicator}
              type="button"
              className="segmented__option"
              data-indicator={indicator}
              data-unavailable={reason === undefined ? undefined : 'true'}
              aria-pressed={toggles[indicator]}
              aria-description={reason === undefined ? undefined : `Not drawn: ${reason}`}
              title={reason === undefined ? title : `${title}. Not drawn: ${reason}.`}
              onClick={() => toggleIndicator(indicator)}
            >
              {swatch ? (
                <span className="indicator-swatch" style={{ background: swatch }} aria-hidden="true" />
              ) : (
                <span className="indicator-swatch indicator-swatch--fractals" aria-hidden="true" />
              )}
              {label}
              {reason === undefined ? null : (
                <span className="indicator-unavailable" aria-hidden="true">
                  !
                </span>
              )}
            </button>
          );
        })}
      </div>
      {missing.length > 0 ? (
        <p className="indicator-bar__note" data-testid="indicator-note" role="status">
          Not drawn:{' '}
          {missing.map((indicator) => `${OPTIONS[indicator].label} ${reasons.get(indicator)}`).join('; ')}.
        </p>
      ) : null}
    </div>
  );
}
