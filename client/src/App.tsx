import { PriceChart } from './chart/PriceChart.tsx';
import { AnalysisCard } from './components/AnalysisCard.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { Header } from './components/Header.tsx';
import { IndicatorBar } from './components/IndicatorBar.tsx';
import { LoadingOverlay } from './components/LoadingOverlay.tsx';
import { StreamNotice } from './components/StreamNotice.tsx';

export function App() {
  return (
    <div className="app">
      <Header />
      <IndicatorBar />
      <main className="chart-area">
        <PriceChart />
        <AnalysisCard />
        <LoadingOverlay />
        <ErrorBanner />
        <StreamNotice />
      </main>
    </div>
  );
}
