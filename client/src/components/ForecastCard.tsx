import { useState } from 'react';
import { useAppStore } from '../store/index.ts';
import { selectPricePrecision } from '../store/selectors.ts';
import { describeForecast } from './forecast-card-text.ts';

/** The selected stream's forecast, risk and live track record; refreshed by `prediction` events. */
export function ForecastCard() {
  const prediction = useAppStore((state) => state.prediction);
  const precision = useAppStore(selectPricePrecision);
  const loading = useAppStore((state) => state.loading);
  const shown = useAppStore((state) => state.indicatorToggles.forecast);
  const [collapsed, setCollapsed] = useState(false);

  if (loading || !shown || prediction === null) return null;
  const text = describeForecast(prediction, precision);
  const track = text.track;
  return (
    <section
      className="forecast-card"
      data-testid="forecast-card"
      data-state={collapsed ? 'collapsed' : 'expanded'}
      aria-label="Forecast"
    >
      <header className="forecast-card__top">
        <span className="forecast-card__title">Forecast · {text.title}</span>
        <span className="forecast-card__risk" data-risk={text.risk} data-testid="forecast-risk">
          {text.risk} risk
        </span>
        <button
          type="button"
          className="analysis-card__collapse"
          aria-expanded={!collapsed}
          title={collapsed ? 'Show the forecast' : 'Hide the forecast'}
          onClick={() => setCollapsed((value) => !value)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {collapsed ? null : (
        <>
          <dl className="analysis-card__facts">
            <dt>Central {text.horizon}</dt>
            <dd data-testid="forecast-central">{text.central}</dd>
            <dt>80% range</dt>
            <dd data-testid="forecast-range80">{text.range80}</dd>
            <dt>95% range</dt>
            <dd>{text.range95}</dd>
            <dt>P(higher)</dt>
            <dd data-testid="forecast-direction">{text.probabilityUp}</dd>
            <dt>Regime</dt>
            <dd>{text.regime}</dd>
            <dt>Trends</dt>
            <dd>{text.confluence}</dd>
          </dl>
          {text.riskReasons.length > 0 ? (
            <ul className="forecast-card__reasons" aria-label="Why the risk is what it is">
              {text.riskReasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ) : null}
          <h3 className="forecast-card__subtitle">Track record, live</h3>
          {track.kind === 'none' ? (
            <p className="forecast-card__note" data-testid="forecast-track">
              {track.note}
            </p>
          ) : (
            <dl className="analysis-card__facts" data-testid="forecast-track">
              <dt>Scored</dt>
              <dd>{track.samples}</dd>
              <dt>MAE vs last close</dt>
              <dd
                data-skill={track.skill === null ? 'unknown' : String(track.skill)}
                className="forecast-card__skill"
              >
                {track.maeRatio}
              </dd>
              <dt>In 80% band</dt>
              <dd>{track.coverage80}</dd>
              <dt>In 95% band</dt>
              <dd>{track.coverage95}</dd>
              <dt>Direction hits</dt>
              <dd>{track.hitRate}</dd>
              <dt>Brier score</dt>
              <dd>{track.brier}</dd>
            </dl>
          )}
        </>
      )}
    </section>
  );
}
