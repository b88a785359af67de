import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/market-basics.ts';

/**
 * The chart's keyboard. Timeframes are typed as on TradingView: a digit opens a small interval box,
 * the rest is typed into it and Enter applies it: `1` = 1m, `5` = 5m, `15`, `30`; `1h` (or `60`),
 * `2h`, `4h`, `12h`; `1d`, `1w`. One scheme for every timeframe the server offers, today's and those
 * to come, with no key per timeframe to learn. Letters alone belong to the symbol search; the chart
 * uses them only with Alt, by physical key (`code`), since Alt+H types `˙` on a Mac.
 */
export type ChartAction =
  | { kind: 'interval'; digit: string }
  | { kind: 'cancel' }
  | { kind: 'delete' }
  | { kind: 'latest' }
  | { kind: 'help' }
  | { kind: 'tool'; tool: 'price-line' | 'trend-line' }
  | { kind: 'scale'; mode: 'log' | 'percent' }
  | { kind: 'screenshot' };

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey'>;

const ALT_KEYS: Readonly<Record<string, ChartAction>> = {
  KeyH: { kind: 'tool', tool: 'price-line' },
  KeyT: { kind: 'tool', tool: 'trend-line' },
  KeyL: { kind: 'scale', mode: 'log' },
  KeyP: { kind: 'scale', mode: 'percent' },
  KeyS: { kind: 'screenshot' },
};

export function actionForKey(event: KeyLike): ChartAction | null {
  // Ctrl and Cmd combinations are the browser's and the system's.
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) return ALT_KEYS[event.code] ?? null;
  if (/^[0-9]$/.test(event.key)) return { kind: 'interval', digit: event.key };
  switch (event.key) {
    case 'Escape':
      return { kind: 'cancel' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'delete' };
    case 'Home':
    case 'End':
      return { kind: 'latest' };
    case '?':
      return { kind: 'help' };
    default:
      return null;
  }
}

/** The shortcuts as the help lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: '1 · 5 · 15 · 30  then Enter', what: 'Timeframe in minutes' },
  { keys: '1h · 4h · 12h · 1d · 1w  then Enter', what: 'Timeframe in hours, days, weeks' },
  { keys: 'Alt H', what: 'Horizontal price line' },
  { keys: 'Alt T', what: 'Trend line' },
  { keys: 'Delete', what: 'Remove the selected line' },
  { keys: 'Esc', what: 'Cancel a line, close a menu, deselect' },
  { keys: 'Home · End', what: 'Go to the latest candle' },
  { keys: 'Alt L · Alt P', what: 'Log scale · percent scale' },
  { keys: 'Alt S', what: 'Save the chart as PNG' },
  { keys: 'a–z', what: 'Search a symbol' },
  { keys: '?', what: 'This help' },
];

const UNIT_MS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 60 * 60_000,
  d: 24 * 60 * 60_000,
  w: 7 * 24 * 60 * 60_000,
};

/**
 * The timeframe an interval box's text means: `15` and `15m` are minutes, `4h` or `240` four hours,
 * `1d`, `d`, `1w`, `w`. Null when it means none, or one the server does not offer.
 */
export function parseInterval(text: string, offered: readonly Timeframe[]): Timeframe | null {
  const match = /^(\d*)\s*([mhdw]?)$/.exec(text.trim().toLowerCase());
  if (!match) return null;
  const [, digits = '', unit = ''] = match;
  if (digits === '' && unit === '') return null;
  const count = digits === '' ? 1 : Number(digits);
  const ms = count * (UNIT_MS[unit || 'm'] as number);
  return offered.find((timeframe) => TIMEFRAME_MS[timeframe] === ms) ?? null;
}

/** Keys typed into a field are the field's, never the chart's. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color', 'file'].includes(target.type)
  );
}

/**
 * Calls `handle` for each chart key pressed outside a field; `handle` says whether it acted, and only
 * then is the key's default (Backspace going back, Home scrolling the page) prevented.
 */
export function bindChartKeyboard(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  handle: (action: ChartAction) => boolean,
): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
    const action = actionForKey(event);
    if (action && handle(action)) event.preventDefault();
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
