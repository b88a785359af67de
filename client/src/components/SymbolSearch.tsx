import { useEffect, useEffectEvent, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ASSET_NAMES } from '../market/asset-names.ts';
import { indexSymbols, searchSymbols } from '../market/symbol-search.ts';
import { useAppStore } from '../store/index.ts';
import { SearchIcon } from './SearchIcon.tsx';

/** Rows the list shows at most; the footer says how many more match. */
const SHOWN = 100;
/** Rows PageUp and PageDown move by. */
const PAGE = 8;

export interface SymbolSearchProps {
  query: string;
  /** The market the chart shows: marked in the list, and where an empty search starts. */
  selected: string;
  onQueryChange: (query: string) => void;
  onPick: (symbol: string) => void;
  /** `refocus`: give the focus back to the button that opened the search (Esc, not a click away). */
  onClose: (refocus: boolean) => void;
}

/**
 * The symbol search: a combobox over a list of markets, filtered as the user types by base, quote
 * or name. Arrow keys and Page Up/Down move through the list, Enter opens the market, Esc closes.
 */
export function SymbolSearch({ query, selected, onQueryChange, onPick, onClose }: SymbolSearchProps) {
  const symbols = useAppStore((state) => state.symbols);
  const index = useMemo(() => indexSymbols(symbols, ASSET_NAMES), [symbols]);
  const { matches, total } = useMemo(() => searchSymbols(index, query, SHOWN), [index, query]);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);

  // The active row follows the keys until the query changes; an empty query starts on the chart's market.
  const [moved, setMoved] = useState<{ query: string; row: number } | null>(null);
  const shown = matches.findIndex((m) => m.info.symbol === selected);
  const start = query.trim() === '' && shown >= 0 ? shown : 0;
  const active = moved?.query === query ? Math.min(moved.row, matches.length - 1) : start;
  const move = (row: number) => setMoved({ query, row: Math.max(0, Math.min(matches.length - 1, row)) });
  const optionId = (row: number) => `${id}-option-${row}`;

  const activeId = matches.length > 0 ? optionId(active) : undefined;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  // A press anywhere else closes the search; the picker's own button toggles it instead.
  const pressedAt = useEffectEvent((target: Element | null) => {
    if (!root.current?.contains(target) && !target?.closest('.symbol-picker')) onClose(false);
  });
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => pressedAt(event.target as Element | null);
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1 < matches.length ? active + 1 : 0),
      ArrowUp: () => move(active > 0 ? active - 1 : matches.length - 1),
      PageDown: () => move(active + PAGE),
      PageUp: () => move(active - PAGE),
      Enter: () => {
        const match = matches[active];
        if (match) onPick(match.info.symbol);
      },
      Escape: () => onClose(true),
    };
    // Tab leaves from the picker's button, so the focus moves on to what follows it, or precedes it.
    if (event.key === 'Tab') return onClose(true);
    const action = keys[event.key];
    if (!action || (matches.length === 0 && event.key !== 'Escape')) return;
    // Esc and the arrows are the search's while it is open, not the chart's.
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  return (
    <div
      ref={root}
      className="symbol-search"
      role="dialog"
      aria-label="Search a symbol"
      data-testid="symbol-search"
    >
      <div className="symbol-search__field">
        <SearchIcon />
        <input
          className="symbol-search__input"
          role="combobox"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-label="Search a symbol"
          placeholder="Symbol or name: sol, bitcoin, eth/btc"
          value={query}
          autoFocus
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          onChange={(event) => onQueryChange(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="symbol-search__close"
          aria-label="Close the search"
          onClick={() => onClose(true)}
        >
          <kbd>Esc</kbd>
          <span className="symbol-search__x" aria-hidden="true">
            ×
          </span>
        </button>
      </div>
      <ul id={`${id}-list`} className="symbol-search__list" role="listbox" aria-label="Markets">
        {matches.map((match, row) => (
          <li
            key={match.info.symbol}
            id={optionId(row)}
            role="option"
            aria-selected={row === active}
            className="symbol-search__option"
            data-symbol={match.info.symbol}
            data-current={match.info.symbol === selected}
            onPointerMove={() => row !== active && move(row)}
            // Keep the focus in the field: a click picks, it does not blur the search first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(match.info.symbol)}
          >
            <span className="symbol-search__pair">
              <span className="symbol-search__base">{match.info.base}</span>
              <span className="symbol-search__quote">/{match.info.quote}</span>
            </span>
            <span className="symbol-search__name">{match.name}</span>
            {match.info.symbol === selected ? <span className="symbol-search__shown">on chart</span> : null}
          </li>
        ))}
      </ul>
      <div className="symbol-search__footer" role="status">
        {total === 0
          ? `No market matches “${query.trim()}”`
          : total > matches.length
            ? `${matches.length} of ${total} markets shown: type more to narrow`
            : `${total} ${total === 1 ? 'market' : 'markets'}`}
        <span className="symbol-search__keys" aria-hidden="true">
          ↑↓ move · Enter open · Esc close
        </span>
      </div>
    </div>
  );
}
