import { lazy, Suspense, useCallback } from 'react';
import { PriceChart } from '../chart/PriceChart.tsx';
import type { ChartParts } from '../chart/create-price-chart.ts';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { FailureBoundary } from '../components/FailureBoundary.tsx';
import { LoadingOverlay } from '../components/LoadingOverlay.tsx';
import { StreamNotice } from '../components/StreamNotice.tsx';
import { PaneStoreContext, type AppStore } from '../store/index.ts';
import { chartSync } from './app-workspace.ts';
import { PaneTitle } from './PaneTitle.tsx';
import { workspaceStore } from './workspace-store.ts';

// The cards wait for an analysis anyway: they load beside the first candles, not before them.
const ChartCards = lazy(async () => ({ default: (await import('../components/ChartCards.tsx')).ChartCards }));

export interface ChartPaneProps {
  index: number;
  store: AppStore;
  active: boolean;
  /** More than one chart on screen: each says what it shows above it. */
  several: boolean;
}

/** One chart of the layout, with what goes over it; a pointer or a focus inside makes it the active one. */
export function ChartPane({ index, store, active, several }: ChartPaneProps) {
  const activate = () => workspaceStore.getState().setActivePane(index);
  const joinSync = useCallback(
    (chart: ChartParts, element: HTMLElement) => chartSync.join({ chart, store, element }),
    [store],
  );

  return (
    <PaneStoreContext.Provider value={store}>
      <section
        className="chart-pane"
        data-testid="chart-pane"
        data-pane={index}
        data-active={active}
        aria-label={`Chart ${index + 1}`}
        onPointerDownCapture={activate}
        onFocusCapture={activate}
      >
        {several ? <PaneTitle active={active} /> : null}
        {/* Above the chart, never over its candles: in full for one chart, as chips for several. */}
        <FailureBoundary fallback={null}>
          <Suspense fallback={null}>
            <ChartCards compact={several} />
          </Suspense>
        </FailureBoundary>
        <div className="chart-area">
          <PriceChart store={store} onChart={joinSync} active={active} />
          <LoadingOverlay />
          <ErrorBanner />
          <StreamNotice />
        </div>
      </section>
    </PaneStoreContext.Provider>
  );
}
