/**
 * Typing a letter anywhere on the page opens the symbol search with that letter typed, as on
 * TradingView. Digits are the chart's (timeframes, chart/tools/keyboard.ts), and so is any key with
 * Ctrl, Cmd or Alt; a key typed into a field, or while a dialog or menu has the focus, is theirs.
 */

export type ShortcutKey = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'isComposing' | 'defaultPrevented'
>;

/** Where the focus is, as far as the shortcut cares. */
export interface FocusPlace {
  /** A text field, a select or editable content: it takes what is typed. */
  editable: boolean;
  /** Inside a dialog or a menu, whose keys are its own. */
  modal: boolean;
}

const LETTER = /^\p{L}$/u;

/** The letter to search for, or null when the keystroke is not the shortcut's. */
export function searchLetter(event: ShortcutKey, focus: FocusPlace): string | null {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey)
    return null;
  if (focus.editable || focus.modal || !LETTER.test(event.key)) return null;
  return event.key;
}

function focusPlace(target: EventTarget | null): FocusPlace {
  if (!(target instanceof Element)) return { editable: false, modal: false };
  const editable =
    (target instanceof HTMLElement && target.isContentEditable) ||
    target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
  const modal =
    target.closest('[role="dialog"], [role="alertdialog"], [role="menu"], [aria-modal="true"]') !== null;
  return { editable, modal };
}

/** Calls `onLetter` for each letter typed outside fields; returns how to stop listening. */
export function listenForSymbolSearch(
  onLetter: (letter: string) => void,
  target: Window = window,
): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    const letter = searchLetter(event, focusPlace(event.target));
    if (letter === null) return;
    // The search field takes the focus now; the letter is handed over rather than typed twice.
    event.preventDefault();
    onLetter(letter);
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
