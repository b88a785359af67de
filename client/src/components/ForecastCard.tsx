import { anchorForecast } from '../chart/forecast-data.ts';
import { useAppStore } from '../store/index.ts';
import { selectPricePrecision } from '../store/selectors.ts';
import { useCardZone } from './card-view.ts';
import { describeForecast, type ForecastCardText } from './forecast-card-text.ts';

/**
 * The chart's forecast as the cards write it, from the live price as the fan draws it; null while
 * the forecast is switched off or none has arrived.
 */
function useForecastText(): ForecastCardText | null {
  const prediction = useAppStore((state) => state.prediction);
  const shown = useAppStore((state) => state.indicatorToggles.forecast);
  const newest = useAppStore((state) => state.candles.at(-1));
  const precision = useAppStore(selectPricePrecision);
  const zone = useCardZone();
  if (!shown || prediction === null) return null;
  const anchored = anchorForecast(prediction, newest ? [newest] : []);
  // "Today" is the day of the newest candle: the market's now, which needs no clock in the render.
  const now = newest?.time ?? prediction.computedAt;
  return describeForecast(prediction, precision, { anchored, zone, now });
}

function RiskBadge({ text, testId }: { text: ForecastCardText; testId?: string }) {
  return (
    <span className="forecast-card__risk" data-risk={text.risk} data-testid={testId}>
      {text.risk} risk
    </span>
  );
}

/** The chart's forecast, risk and live track record; refreshed by `prediction` events and by ticks. */
export function ForecastCard() {
  const text = useForecastText();
  if (text === null) return null;
  const track = text.track;
  return (
    <section className="forecast-card" data-testid="forecast-card" aria-label="Forecast">
      <header className="card__top">
        <span className="forecast-card__title">Forecast · {text.title}</span>
        <RiskBadge text={text} testId="forecast-risk" />
        {text.riskReasons.length > 0 ? (
          <ul className="forecast-card__reasons" aria-label="Why the risk is what it is">
            {text.riskReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ) : null}
      </header>
      <dl className="card__facts">
        <div>
          <dt>Central {text.horizon}</dt>
          <dd data-testid="forecast-central">{text.central}</dd>
        </div>
        <div>
          <dt>80% range</dt>
          <dd data-testid="forecast-range80">{text.range80}</dd>
        </div>
        <div>
          <dt>95% range</dt>
          <dd>{text.range95}</dd>
        </div>
        <div>
          <dt>P(higher)</dt>
          <dd data-testid="forecast-direction">{text.probabilityUp}</dd>
        </div>
        <div>
          <dt>Regime</dt>
          <dd>{text.regime}</dd>
        </div>
        <div>
          <dt>Trends</dt>
          <dd data-testid="forecast-trends">{text.confluence}</dd>
        </div>
      </dl>
      <div className="forecast-card__track">
        <h3 className="forecast-card__subtitle">Track record, live</h3>
        {track.kind === 'none' ? (
          <p className="forecast-card__note" data-testid="forecast-track">
            {track.note}
          </p>
        ) : (
          <dl className="card__facts" data-testid="forecast-track">
            <div>
              <dt>Scored</dt>
              <dd>{track.samples}</dd>
            </div>
            <div>
              <dt>MAE vs last close</dt>
              <dd
                data-skill={track.skill === null ? 'unknown' : String(track.skill)}
                className="forecast-card__skill"
              >
                {track.maeRatio}
              </dd>
            </div>
            <div>
              <dt>In 80% band</dt>
              <dd>{track.coverage80}</dd>
            </div>
            <div>
              <dt>In 95% band</dt>
              <dd>{track.coverage95}</dd>
            </div>
            <div>
              <dt>Direction hits</dt>
              <dd>{track.hitRate}</dd>
            </div>
            <div>
              <dt>Brier score</dt>
              <dd>{track.brier}</dd>
            </div>
          </dl>
        )}
      </div>
    </section>
  );
}

/** The forecast in one line, a button that opens it in full; nothing while the forecast is off. */
export function ForecastChip({ onOpen }: { onOpen: () => void }) {
  const text = useForecastText();
  if (text === null) return null;
  return (
    <button
      type="button"
      className="card-chip"
      data-testid="forecast-chip"
      title="Show the forecast"
      aria-label={`Forecast: ${text.central} ${text.horizon}, P(higher) ${text.probabilityUpShort}, ${text.risk} risk`}
      onClick={onOpen}
    >
      <span className="forecast-card__title">Forecast</span>
      <span className="card-chip__detail">
        {text.central} {text.horizon} · P↑ {text.probabilityUpShort}
      </span>
      <RiskBadge text={text} />
    </button>
  );
}
