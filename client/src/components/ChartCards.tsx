import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAppStore } from '../store/index.ts';
import { useWorkspace, workspaceStore } from '../workspace/workspace-store.ts';
import { AnalysisCard, AnalysisChip } from './AnalysisCard.tsx';
import { ForecastCard, ForecastChip } from './ForecastCard.tsx';
import { useMediaQuery } from './use-media-query.ts';
import './cards.css';

/** A phone either way up, as styles.css has it: room for one line of chips, not for the cards. */
const PHONE = '(max-width: 720px), (max-height: 500px)';

type Card = 'analysis' | 'forecast';

/**
 * The analysis and forecast in a strip above the chart, never over its candles. Unfolded, both
 * cards in full side by side; folded (remembered with the workspace, ChartSettings.cardsFolded), one
 * line of chips. A phone, and each chart of a layout of several (`compact`), always shows the chips
 * and opens a card in a sheet from the bottom: full cards would leave those charts no height.
 */
export function ChartCards({ compact = false }: { compact?: boolean }) {
  const folded = useWorkspace((state) => state.workspace.settings.cardsFolded ?? false);
  const phone = useMediaQuery(PHONE) || compact;
  const [sheet, setSheet] = useState<Card | null>(null);
  // The loading overlay or the error banner says what is going on.
  const loading = useAppStore((state) => state.loading);
  const failed = useAppStore((state) => state.subscribeError !== null);
  if (loading || failed) return null;

  const setFolded = (cardsFolded: boolean) => workspaceStore.getState().updateSettings({ cardsFolded });
  const open = (card: Card) => (phone ? setSheet(card) : setFolded(false));
  const chips = phone || folded;

  return (
    <section
      className="chart-cards"
      data-testid="chart-cards"
      data-state={chips ? 'folded' : 'expanded'}
      aria-label="Analysis and forecast"
    >
      {phone ? null : (
        <button
          type="button"
          className="chart-cards__fold"
          data-testid="cards-fold"
          aria-expanded={!folded}
          title={
            folded ? 'Show the analysis and the forecast' : 'Fold the analysis and the forecast into one line'
          }
          onClick={() => setFolded(!folded)}
        >
          <svg viewBox="0 0 12 12" aria-hidden="true">
            <path d={folded ? 'M4 2.5 7.5 6 4 9.5' : 'M2.5 4 6 7.5 9.5 4'} />
          </svg>
        </button>
      )}
      {chips ? (
        <div className="chart-cards__chips">
          <AnalysisChip onOpen={() => open('analysis')} />
          <ForecastChip onOpen={() => open('forecast')} />
        </div>
      ) : (
        <div className="chart-cards__cards">
          <AnalysisCard />
          <ForecastCard />
        </div>
      )}
      {phone && sheet ? (
        <CardSheet title={sheet === 'analysis' ? 'Analysis' : 'Forecast'} onClose={() => setSheet(null)}>
          {sheet === 'analysis' ? <AnalysisCard /> : <ForecastCard />}
        </CardSheet>
      ) : null}
    </section>
  );
}

/** A card over the lower part of a phone's screen, closed by its button, a tap beside it or Esc. */
function CardSheet({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="card-sheet" onClick={onClose}>
      <div
        className="card-sheet__panel"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid="card-sheet"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <button
          ref={closeRef}
          type="button"
          className="card-sheet__close"
          aria-label={`Close the ${title.toLowerCase()}`}
          onClick={onClose}
        >
          ×
        </button>
        {children}
      </div>
    </div>
  );
}
