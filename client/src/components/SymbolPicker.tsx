import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../store/index.ts';
import { SearchIcon } from './SearchIcon.tsx';
import { listenForSymbolSearch } from './symbol-search-shortcut.ts';
import './pickers.css';

const loadSearch = () => import('./SymbolSearch.tsx');
// The search (names, ranking, the list) is needed at the first keystroke, not at the first paint.
const SymbolSearch = lazy(async () => ({ default: (await loadSearch()).SymbolSearch }));

/**
 * The chart's market: a button naming it that opens the search, as does typing a letter anywhere on
 * the page. Letters typed before the search has loaded are kept, so "sol" typed fast is "sol".
 */
export function SymbolPicker() {
  const symbols = useAppStore((state) => state.symbols);
  const selected = useAppStore((state) => state.symbol);
  const selectSymbol = useAppStore((state) => state.selectSymbol);
  /** What is typed into the search; null while it is closed. */
  const [query, setQuery] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => listenForSymbolSearch((letter) => setQuery((typed) => (typed ?? '') + letter)), []);

  const info = symbols.find((s) => s.symbol === selected);
  const [base, quote] = info ? [info.base, info.quote] : selected.split('/');
  const close = (refocus: boolean) => {
    setQuery(null);
    if (refocus) trigger.current?.focus();
  };

  return (
    <div className="symbol-picker" data-testid="symbol-picker">
      <button
        ref={trigger}
        type="button"
        className="symbol-picker__trigger"
        aria-haspopup="dialog"
        aria-expanded={query !== null}
        aria-label={`Symbol ${selected}: search another`}
        title="Search a symbol: click, or type its name anywhere"
        disabled={symbols.length === 0}
        onPointerEnter={() => void loadSearch()}
        onFocus={() => void loadSearch()}
        onClick={() => setQuery((typed) => (typed === null ? '' : null))}
      >
        <SearchIcon />
        <span className="symbol-picker__base">{base}</span>
        <span className="symbol-picker__quote">/{quote}</span>
        <svg className="symbol-picker__caret" viewBox="0 0 10 6" aria-hidden="true">
          <path d="M1 1l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {query !== null ? (
        <Suspense fallback={null}>
          <SymbolSearch
            query={query}
            selected={selected}
            onQueryChange={setQuery}
            onPick={(symbol) => {
              selectSymbol(symbol);
              close(true);
            }}
            onClose={close}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
