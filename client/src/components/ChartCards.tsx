import { AnalysisCard } from './AnalysisCard.tsx';
import { ForecastCard } from './ForecastCard.tsx';

/** The analysis and forecast over the top left of the price pane. */
export function ChartCards() {
  return (
    <div className="chart-cards">
      <AnalysisCard />
      <ForecastCard />
    </div>
  );
}
