import { lazy, Suspense } from 'react';
import { FailureBoundary } from '../../components/FailureBoundary.tsx';
import { firstCandles } from '../../first-candles.ts';
import type { ChartToolsProps } from './ChartTools.tsx';

// The legend and the tools come in a chunk of their own, after the first candles: they never wait for it.
const ChartTools = lazy(async () => {
  await firstCandles();
  return { default: (await import('./ChartTools.tsx')).ChartTools };
});

/** The chart's legend, toolbar, drawings and keyboard, once their code is there; the chart works without. */
export function LazyChartTools(props: ChartToolsProps) {
  return (
    <FailureBoundary fallback={null}>
      <Suspense fallback={null}>
        <ChartTools {...props} />
      </Suspense>
    </FailureBoundary>
  );
}
