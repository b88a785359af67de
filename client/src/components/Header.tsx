import { Brand } from './Brand.tsx';
import { Change24h } from './Change24h.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { LastPrice } from './LastPrice.tsx';
import { SourceBadge } from './SourceBadge.tsx';
import { SymbolPicker } from './SymbolPicker.tsx';
import { TimeframePicker } from './TimeframePicker.tsx';

export function Header() {
  return (
    <header className="header">
      <Brand />
      <SymbolPicker />
      <TimeframePicker />
      <div className="ticker">
        <LastPrice />
        <Change24h />
      </div>
      <div className="header__status">
        <SourceBadge />
        <ConnectionBadge />
      </div>
    </header>
  );
}
