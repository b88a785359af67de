import { lazy, Suspense } from 'react';
import { PriceChart } from './chart/PriceChart.tsx';
import { LazyChatPanel, type LoadingChat } from './chat/LazyChatPanel.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { FailureBoundary } from './components/FailureBoundary.tsx';
import { Header } from './components/Header.tsx';
import { IndicatorBar } from './components/IndicatorBar.tsx';
import { LoadingOverlay } from './components/LoadingOverlay.tsx';
import { StreamNotice } from './components/StreamNotice.tsx';

// The cards wait for an analysis anyway: they load beside the first candles, not before them.
const ChartCards = lazy(async () => ({ default: (await import('./components/ChartCards.tsx')).ChartCards }));

export function App({ chat }: { chat: LoadingChat }) {
  return (
    <div className="app">
      <Header />
      <IndicatorBar />
      <div className="app__body">
        <main className="chart-area">
          <PriceChart />
          <FailureBoundary fallback={null}>
            <Suspense fallback={null}>
              <ChartCards />
            </Suspense>
          </FailureBoundary>
          <LoadingOverlay />
          <ErrorBanner />
          <StreamNotice />
        </main>
        <LazyChatPanel chat={chat} />
      </div>
    </div>
  );
}
