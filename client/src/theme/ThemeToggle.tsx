import { useSyncExternalStore } from 'react';
import type { ThemePreference } from '../../../shared/workspace.ts';
import { pageTheme } from './app-theme.ts';
import { nextThemePreference } from './theme-choice.ts';

const LABELS: Record<ThemePreference, string> = { system: 'System', dark: 'Dark', light: 'Light' };

function ThemeIcon({ preference }: { preference: ThemePreference }) {
  return (
    <svg className="theme-toggle__icon" viewBox="0 0 20 20" aria-hidden="true">
      {preference === 'light' ? (
        <>
          <circle cx="10" cy="10" r="3.6" />
          <path d="M10 1.8v2.4M10 15.8v2.4M1.8 10h2.4M15.8 10h2.4M4.2 4.2l1.7 1.7M14.1 14.1l1.7 1.7M4.2 15.8l1.7-1.7M14.1 5.9l1.7-1.7" />
        </>
      ) : preference === 'dark' ? (
        <path d="M15.8 12.6A6.6 6.6 0 0 1 7.4 4.2a6.6 6.6 0 1 0 8.4 8.4z" />
      ) : (
        <>
          <circle cx="10" cy="10" r="7" />
          <path className="theme-toggle__half" d="M10 3a7 7 0 0 1 0 14z" />
        </>
      )}
    </svg>
  );
}

/** One button: system → dark → light. Its title says what is drawn and what a click does. */
export function ThemeToggle() {
  const { preference, theme } = useSyncExternalStore(pageTheme.subscribe, pageTheme.get);
  const next = nextThemePreference(preference);
  const now = preference === 'system' ? `System (${theme})` : LABELS[preference];
  const title = `Theme: ${now}. Click for ${LABELS[next].toLowerCase()}.`;
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      data-testid="theme-toggle"
      data-preference={preference}
      title={title}
      aria-label={title}
      onClick={() => pageTheme.choose(next)}
    >
      <ThemeIcon preference={preference} />
    </button>
  );
}
