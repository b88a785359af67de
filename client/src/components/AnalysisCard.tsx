import { useAppStore } from '../store/index.ts';
import { selectPricePrecision } from '../store/selectors.ts';
import { describeAnalysis, type AnalysisCardText } from './analysis-card-text.ts';
import { useCardZone } from './card-view.ts';

const ARROWS = { up: '↑', down: '↓', sideways: '→' } as const;

/** The chart's analysis as the cards write it; null until the first one arrives. */
function useAnalysisText(): AnalysisCardText | null {
  const analysis = useAppStore((state) => state.analysis);
  const precision = useAppStore(selectPricePrecision);
  const zone = useCardZone();
  return analysis && describeAnalysis(analysis, precision, zone);
}

/** The chart's analysis in full: trend, the plain-words headline, momentum, volatility and levels. */
export function AnalysisCard() {
  const text = useAnalysisText();
  if (text === null) {
    return (
      <div className="analysis-card analysis-card--pending" data-testid="analysis-card" data-state="pending">
        Analysis pending…
      </div>
    );
  }
  return (
    <section className="analysis-card" data-testid="analysis-card" aria-label="Analysis">
      <header className="card__top">
        <span className="analysis-card__trend" data-direction={text.direction}>
          {ARROWS[text.direction]} {text.trend}
        </span>
        <span className="card__computed">{text.computed}</span>
      </header>
      <dl className="card__facts">
        <div>
          <dt>Momentum</dt>
          <dd data-testid="analysis-momentum">{text.momentum}</dd>
        </div>
        <div>
          <dt>Volatility</dt>
          <dd data-testid="analysis-volatility">{text.volatility}</dd>
        </div>
        <div>
          <dt>Support</dt>
          <dd data-testid="analysis-support">{text.support}</dd>
        </div>
        <div>
          <dt>Resistance</dt>
          <dd data-testid="analysis-resistance">{text.resistance}</dd>
        </div>
      </dl>
      {/* The same facts in a sentence: one line here, all of it on hover and in the sheet. */}
      <p className="analysis-card__headline" data-testid="analysis-headline" title={text.headline}>
        {text.headline}
      </p>
    </section>
  );
}

/** The analysis in one line, a button that opens it in full. */
export function AnalysisChip({ onOpen }: { onOpen: () => void }) {
  const text = useAnalysisText();
  return (
    <button
      type="button"
      className="card-chip"
      data-testid="analysis-chip"
      title="Show the analysis"
      aria-label={text ? `Analysis: ${text.trend}, momentum ${text.momentum}` : 'Analysis pending'}
      onClick={onOpen}
    >
      {text === null ? (
        <span className="card-chip__pending">Analysis pending…</span>
      ) : (
        <>
          <span className="analysis-card__trend" data-direction={text.direction}>
            {ARROWS[text.direction]} {text.trendShort}
          </span>
          <span className="card-chip__detail">{text.momentum}</span>
        </>
      )}
    </button>
  );
}
