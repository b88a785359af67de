import { useState } from 'react';
import { useAppStore } from '../store/index.ts';
import { selectPricePrecision } from '../store/selectors.ts';
import { describeAnalysis } from './analysis-card-text.ts';

/** The selected stream's analysis over the top-left of the price pane; refreshed by `analysis` events. */
export function AnalysisCard() {
  const analysis = useAppStore((state) => state.analysis);
  const precision = useAppStore(selectPricePrecision);
  const loading = useAppStore((state) => state.loading);
  const failed = useAppStore((state) => state.subscribeError !== null);
  const [collapsed, setCollapsed] = useState(false);

  // The loading overlay or the error banner says what is going on.
  if (loading || failed) return null;
  if (analysis === null) {
    return (
      <div className="analysis-card analysis-card--pending" data-testid="analysis-card" data-state="pending">
        Analysis pending…
      </div>
    );
  }

  const text = describeAnalysis(analysis, precision);
  return (
    <section
      className="analysis-card"
      data-testid="analysis-card"
      data-state={collapsed ? 'collapsed' : 'expanded'}
      aria-label="Analysis"
    >
      <header className="analysis-card__top">
        <span className="analysis-card__trend" data-direction={text.direction}>
          {text.trend}
        </span>
        <button
          type="button"
          className="analysis-card__collapse"
          aria-expanded={!collapsed}
          title={collapsed ? 'Show the analysis' : 'Hide the analysis'}
          onClick={() => setCollapsed((value) => !value)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
      </header>
      {collapsed ? null : (
        <>
          <p className="analysis-card__headline" data-testid="analysis-headline">
            {text.headline}
          </p>
          <dl className="analysis-card__facts">
            <dt>Momentum</dt>
            <dd data-testid="analysis-momentum">{text.momentum}</dd>
            <dt>Volatility</dt>
            <dd data-testid="analysis-volatility">{text.volatility}</dd>
            <dt>Support</dt>
            <dd data-testid="analysis-support">{text.support}</dd>
            <dt>Resistance</dt>
            <dd data-testid="analysis-resistance">{text.resistance}</dd>
          </dl>
          <p className="analysis-card__computed">{text.computed}</p>
        </>
      )}
    </section>
  );
}
