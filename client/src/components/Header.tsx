import { AlertsPlace } from '../alerts/AlertsPlace.tsx';
import { Brand } from './Brand.tsx';
import { Change24h } from './Change24h.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { LastPrice } from './LastPrice.tsx';
import { SourceBadge } from './SourceBadge.tsx';
import { SymbolPicker } from './SymbolPicker.tsx';
import { TimeframePicker } from './TimeframePicker.tsx';
import { LayoutSwitcher } from '../workspace/LayoutSwitcher.tsx';
import { WatchlistButton } from '../watchlist/WatchlistButton.tsx';
import { ThemeToggle } from '../theme/ThemeToggle.tsx';

export function Header() {
  return (
    <header className="header">
      <WatchlistButton />
      <Brand />
      <SymbolPicker />
      <TimeframePicker />
      <div className="ticker">
        <LastPrice />
        <Change24h />
      </div>
      <LayoutSwitcher />
      <div className="header__status">
        <SourceBadge />
        <ConnectionBadge />
        <AlertsPlace />
        <ThemeToggle />
      </div>
    </header>
  );
}
