const STORAGE_KEY = 'trendscope.chatPanel';

/** Narrower than this, an open panel would squeeze the chart: it starts closed unless chosen otherwise. */
const WIDE_ENOUGH_PX = 900;

export function readPanelOpen(): boolean {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'open') return true;
    if (stored === 'closed') return false;
  } catch {
    // Storage blocked for the site: fall back to the width.
  }
  return (globalThis.innerWidth ?? WIDE_ENOUGH_PX) >= WIDE_ENOUGH_PX;
}

export function writePanelOpen(open: boolean): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, open ? 'open' : 'closed');
  } catch {
    // Private mode or a full quota: the choice just is not remembered.
  }
}
