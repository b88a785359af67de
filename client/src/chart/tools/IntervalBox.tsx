import { useState } from 'react';
import type { Timeframe } from '../../../../shared/market-basics.ts';
import { parseInterval } from './keyboard.ts';

interface IntervalBoxProps {
  /** The digit that opened the box. */
  initial: string;
  offered: readonly Timeframe[];
  onApply: (timeframe: Timeframe) => void;
  onClose: () => void;
}

/** The box a digit opens: type the rest of a timeframe (`15`, `4h`, `1d`) and press Enter. */
export function IntervalBox({ initial, offered, onApply, onClose }: IntervalBoxProps) {
  const [text, setText] = useState(initial);
  const timeframe = parseInterval(text, offered);

  return (
    <div className="interval-box" role="dialog" aria-label="Change timeframe" data-testid="interval-box">
      <input
        className="interval-box__input"
        aria-label="Timeframe"
        value={text}
        // The box opens from a key press: focus follows at once, or the next keys would be lost.
        autoFocus
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onBlur={onClose}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          else if (event.key === 'Enter' && timeframe) onApply(timeframe);
          else return;
          event.preventDefault();
        }}
      />
      <span className="interval-box__result" data-valid={timeframe !== null}>
        {timeframe ? `${timeframe} · Enter` : text.trim() === '' ? 'm h d w' : 'not offered'}
      </span>
    </div>
  );
}
