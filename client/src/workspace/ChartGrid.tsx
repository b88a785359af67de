import { useStore } from 'zustand';
import { paneStores } from './app-workspace.ts';
import { ChartPane } from './ChartPane.tsx';
import { useWorkspace } from './workspace-store.ts';

/** The charts of the layout: one, two side by side (stacked on a phone), or four in a square. */
export function ChartGrid() {
  const layout = useWorkspace((state) => state.workspace.layout);
  const activePane = useWorkspace((state) => state.workspace.activePane);
  const stores = useStore(paneStores, (state) => state.stores);

  return (
    <main className={`chart-grid chart-grid--${stores.length}`} data-testid="chart-grid" data-layout={layout}>
      {stores.map((store, index) => (
        <ChartPane
          // A chart belongs to its store: a pane that gets another store gets another chart.
          key={index}
          index={index}
          store={store}
          active={index === activePane}
          several={stores.length > 1}
        />
      ))}
    </main>
  );
}
