import { useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { AppStore } from '../../store/index.ts';
import { selectPricePrecision } from '../../store/selectors.ts';
import type { ExternalValue } from '../tools/external-value.ts';
import type { PaneLayout } from '../tools/pane-layout.ts';
import { legendAt, macdGroup, rsiGroup, type LegendGroup } from './legend-model.ts';
import { LegendGroupRow } from './LegendGroupRow.tsx';

interface PaneLabelsProps {
  store: AppStore;
  crosshair: ExternalValue<number | null>;
  layout: ExternalValue<PaneLayout>;
}

/** The RSI and MACD panes' names and values, at the top left of each, following the crosshair. */
export function PaneLabels({ store, crosshair, layout }: PaneLabelsProps) {
  const time = useSyncExternalStore(crosshair.subscribe, crosshair.get);
  const { panes } = useSyncExternalStore(layout.subscribe, layout.get);
  const candles = useStore(store, (state) => state.candles);
  const indicators = useStore(store, (state) => state.indicators);
  const toggles = useStore(store, (state) => state.indicatorToggles);
  const precision = useStore(store, selectPricePrecision);

  const values = legendAt(candles, indicators, time)?.values ?? null;
  const groups: LegendGroup[] = [];
  if (toggles.rsi) groups.push(rsiGroup(values));
  if (toggles.macd) groups.push(macdGroup(values));
  // The panes come with the overlays' chunk and go with their toggle: RSI first, then MACD.
  if (panes.length !== groups.length + 1) return null;

  return groups.map((group, i) => (
    <div
      key={group.id}
      className="chart-legend chart-legend--pane"
      data-testid={`pane-label-${group.id}`}
      style={{ top: (panes[i + 1]?.top ?? 0) + 4 }}
    >
      <LegendGroupRow group={group} precision={precision} />
    </div>
  ));
}
