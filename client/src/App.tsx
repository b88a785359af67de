import { PriceChart } from './chart/PriceChart.tsx';
import { ChatPanel } from './chat/ChatPanel.tsx';
import { AnalysisCard } from './components/AnalysisCard.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { ForecastCard } from './components/ForecastCard.tsx';
import { Header } from './components/Header.tsx';
import { IndicatorBar } from './components/IndicatorBar.tsx';
import { LoadingOverlay } from './components/LoadingOverlay.tsx';
import { StreamNotice } from './components/StreamNotice.tsx';

export function App() {
  return (
    <div className="app">
      <Header />
      <IndicatorBar />
      <div className="app__body">
        <main className="chart-area">
          <PriceChart />
          <div className="chart-cards">
            <AnalysisCard />
            <ForecastCard />
          </div>
          <LoadingOverlay />
          <ErrorBanner />
          <StreamNotice />
        </main>
        <ChatPanel />
      </div>
    </div>
  );
}
