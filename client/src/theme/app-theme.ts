import { workspaceStore } from '../workspace/workspace-store.ts';
import { createPageTheme } from './page-theme.ts';

function browserStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Reading `localStorage` throws when storage is blocked for the site.
    return undefined;
  }
}

/** The page's theme, applied as this module loads: main.tsx imports it before anything renders. */
export const pageTheme = createPageTheme({
  workspace: workspaceStore,
  document,
  window,
  storage: browserStorage(),
});
