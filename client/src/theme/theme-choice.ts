import type { ThemePreference } from '../../../shared/workspace.ts';

/** The theme a page is drawn in. */
export type Theme = 'dark' | 'light';

/** The theme to draw: the one picked, or the system's for `system`. */
export function resolveTheme(preference: ThemePreference, system: Theme): Theme {
  return preference === 'system' ? system : preference;
}

const ORDER: readonly ThemePreference[] = ['system', 'dark', 'light'];

/** What the theme button switches to next: system → dark → light → system. */
export function nextThemePreference(preference: ThemePreference): ThemePreference {
  return ORDER[(ORDER.indexOf(preference) + 1) % ORDER.length]!;
}

export function isThemePreference(value: unknown): value is ThemePreference {
  return (ORDER as readonly unknown[]).includes(value);
}

/**
 * The last theme picked in this browser, kept apart from the workspace: the workspace arrives after
 * the first paint (a chunk of its own, or the server for a signed-in user), and the page must not
 * show the other theme until then.
 */
const HINT_KEY = 'trendscope.theme';

export function readThemeHint(storage: Pick<Storage, 'getItem'> | undefined): ThemePreference | undefined {
  try {
    const stored = storage?.getItem(HINT_KEY);
    return isThemePreference(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function writeThemeHint(
  storage: Pick<Storage, 'setItem'> | undefined,
  preference: ThemePreference,
): void {
  try {
    storage?.setItem(HINT_KEY, preference);
  } catch {
    // Private mode or a full quota: the next visit starts from the system's theme.
  }
}
