import { useEffect, useEffectEvent, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Timeframe } from '../../../shared/market-basics.ts';
import { useAppStore } from '../store/index.ts';
import './pickers.css';

/** The timeframes most charts are read on, one press away; the others are in the menu beside them. */
const PINNED: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

export function TimeframePicker() {
  const timeframes = useAppStore((state) => state.timeframes);
  const selected = useAppStore((state) => state.timeframe);
  const selectTimeframe = useAppStore((state) => state.selectTimeframe);
  const pinned = timeframes.filter((tf) => PINNED.includes(tf));
  const more = timeframes.filter((tf) => !PINNED.includes(tf));

  return (
    <div className="segmented timeframes" role="group" aria-label="Timeframe" data-testid="timeframe-picker">
      {pinned.map((timeframe) => (
        <button
          key={timeframe}
          type="button"
          className="segmented__option"
          data-timeframe={timeframe}
          aria-pressed={timeframe === selected}
          onClick={() => selectTimeframe(timeframe)}
        >
          {timeframe}
        </button>
      ))}
      {more.length > 0 ? (
        <MoreTimeframes options={more} selected={selected} onSelect={selectTimeframe} />
      ) : null}
    </div>
  );
}

interface MoreTimeframesProps {
  options: readonly Timeframe[];
  selected: Timeframe;
  onSelect: (timeframe: Timeframe) => void;
}

/**
 * The rest of the timeframes in a menu: its button shows the chosen one when it is among them, so
 * the picker always says what the chart is on. Arrow keys move, Enter picks, Esc closes.
 */
function MoreTimeframes({ options, selected, onSelect }: MoreTimeframesProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const chosen = options.includes(selected) ? selected : null;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const pick = (timeframe: Timeframe) => {
    onSelect(timeframe);
    close(true);
  };

  // On opening, the chosen item (or the first) takes the focus, as menus do.
  useEffect(() => {
    if (!open) return;
    const items = root.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]');
    const start = Math.max(0, chosen ? options.indexOf(chosen) : 0);
    items?.[start]?.focus();
  }, [open, chosen, options]);

  const pressedAt = useEffectEvent((target: Node | null) => {
    if (!root.current?.contains(target)) setOpen(false);
  });
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => pressedAt(event.target as Node | null);
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => items[(i + items.length) % items.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => focus(at + 1),
      ArrowRight: () => focus(at + 1),
      ArrowUp: () => focus(at - 1),
      ArrowLeft: () => focus(at - 1),
      Home: () => focus(0),
      End: () => focus(items.length - 1),
      Escape: () => close(true),
    };
    // Tab leaves from the menu's button, so the focus moves on to what follows it, or precedes it.
    if (event.key === 'Tab') return close(true);
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  return (
    <div ref={root} className="more-timeframes">
      <button
        ref={button}
        type="button"
        className="segmented__option more-timeframes__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        data-chosen={chosen !== null}
        aria-label={chosen ? `Timeframe ${chosen}: more timeframes` : 'More timeframes'}
        data-testid="more-timeframes"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {chosen ?? <span className="more-timeframes__dots">More</span>}
        <svg className="more-timeframes__caret" viewBox="0 0 10 6" aria-hidden="true">
          <path d="M1 1l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open ? (
        <div
          id={`${id}-menu`}
          className="more-timeframes__menu"
          role="menu"
          aria-label="More timeframes"
          onKeyDown={onMenuKeyDown}
        >
          {options.map((timeframe) => (
            <button
              key={timeframe}
              type="button"
              role="menuitemradio"
              aria-checked={timeframe === selected}
              className="more-timeframes__item"
              data-timeframe={timeframe}
              tabIndex={-1}
              onClick={() => pick(timeframe)}
            >
              {timeframe}
              <span className="more-timeframes__hint">{TIMEFRAME_NAMES[timeframe]}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

const TIMEFRAME_NAMES: Readonly<Record<Timeframe, string>> = {
  '1m': '1 minute',
  '5m': '5 minutes',
  '15m': '15 minutes',
  '30m': '30 minutes',
  '1h': '1 hour',
  '2h': '2 hours',
  '4h': '4 hours',
  '12h': '12 hours',
  '1d': '1 day',
  '1w': '1 week, from Monday',
};
