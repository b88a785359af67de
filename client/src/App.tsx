import { LazyChatPanel, type LoadingChat } from './chat/LazyChatPanel.tsx';
import { Header } from './components/Header.tsx';
import { IndicatorBar } from './components/IndicatorBar.tsx';
import { PaneStoreContext } from './store/index.ts';
import { useActiveStore } from './workspace/app-workspace.ts';
import { ChartGrid } from './workspace/ChartGrid.tsx';
import { WatchlistPlace } from './watchlist/WatchlistPlace.tsx';

export function App({ chat }: { chat: LoadingChat }) {
  const active = useActiveStore();
  return (
    <div className="app">
      {/* The header and the toggles act on the active chart of the layout. */}
      <PaneStoreContext.Provider value={active}>
        <Header />
        <IndicatorBar />
      </PaneStoreContext.Provider>
      <div className="app__body">
        {/* A row of the watchlist opens on the active chart. */}
        <PaneStoreContext.Provider value={active}>
          <WatchlistPlace />
        </PaneStoreContext.Provider>
        <ChartGrid />
        <LazyChatPanel chat={chat} />
      </div>
    </div>
  );
}
