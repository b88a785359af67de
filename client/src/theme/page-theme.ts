import type { ThemePreference } from '../../../shared/workspace.ts';
import type { WorkspaceStore } from '../workspace/workspace-store.ts';
import { readThemeHint, resolveTheme, writeThemeHint, type Theme } from './theme-choice.ts';

export interface ThemeState {
  preference: ThemePreference;
  /** The theme drawn: the preference, or the system's for `system`. */
  theme: Theme;
}

export interface PageTheme {
  /** The same object until something changes, for useSyncExternalStore. */
  get: () => ThemeState;
  subscribe: (listener: () => void) => () => void;
  /** Picks a theme: saved with the workspace, and in this browser for the next first paint. */
  choose: (preference: ThemePreference) => void;
}

export interface PageThemeDeps {
  workspace: WorkspaceStore;
  document: Document;
  window: Pick<Window, 'matchMedia' | 'getComputedStyle'>;
  storage: Storage | undefined;
}

/**
 * Keeps <html data-theme> on the theme to draw (styles.css switches every colour on it, and each
 * chart follows it, chart/theme.ts), with the browser's own colour scheme and the theme-color the
 * phone paints its status bar with. The preference is the workspace's (ChartSettings.theme); until
 * the workspace has one, the last pick in this browser; else the system's, followed live.
 */
export function createPageTheme({ workspace, document, window, storage }: PageThemeDeps): PageTheme {
  const systemLight = window.matchMedia('(prefers-color-scheme: light)');
  const hint = readThemeHint(storage);
  const listeners = new Set<() => void>();

  const compute = (): ThemeState => {
    const preference = workspace.getState().workspace.settings.theme ?? hint ?? 'system';
    return { preference, theme: resolveTheme(preference, systemLight.matches ? 'light' : 'dark') };
  };

  const apply = ({ theme }: ThemeState) => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="color-scheme"]'))
      meta.content = theme;
    const panel = window.getComputedStyle(root).getPropertyValue('--panel').trim();
    for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]'))
      meta.content = panel;
  };

  let state = compute();
  apply(state);

  const update = () => {
    const next = compute();
    if (next.preference === state.preference && next.theme === state.theme) return;
    state = next;
    apply(state);
    for (const listener of listeners) listener();
  };
  systemLight.addEventListener('change', update);
  workspace.subscribe(({ workspace: { settings } }) => {
    // A workspace read from the server carries the choice made in another browser: the next first
    // paint here starts from it.
    if (settings.theme !== undefined && settings.theme !== readThemeHint(storage))
      writeThemeHint(storage, settings.theme);
    update();
  });

  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    choose(preference) {
      workspace.getState().updateSettings({ theme: preference });
    },
  };
}
