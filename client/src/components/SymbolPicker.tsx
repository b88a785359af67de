import { useAppStore } from '../store/index.ts';

export function SymbolPicker() {
  const symbols = useAppStore((state) => state.symbols);
  const selected = useAppStore((state) => state.symbol);
  const selectSymbol = useAppStore((state) => state.selectSymbol);

  return (
    <div className="segmented" role="group" aria-label="Symbol" data-testid="symbol-picker">
      {symbols.map((info) => (
        <button
          key={info.symbol}
          type="button"
          className="segmented__option"
          data-symbol={info.symbol}
          aria-pressed={info.symbol === selected}
          onClick={() => selectSymbol(info.symbol)}
        >
          {info.base}
          <span className="segmented__quote">/{info.quote}</span>
        </button>
      ))}
    </div>
  );
}
