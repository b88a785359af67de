import { PriceChart } from './chart/PriceChart.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { Header } from './components/Header.tsx';
import { LoadingOverlay } from './components/LoadingOverlay.tsx';
import { StreamNotice } from './components/StreamNotice.tsx';

export function App() {
  return (
    <div className="app">
      <Header />
      <main className="chart-area">
        <PriceChart />
        <LoadingOverlay />
        <ErrorBanner />
        <StreamNotice />
      </main>
    </div>
  );
}
