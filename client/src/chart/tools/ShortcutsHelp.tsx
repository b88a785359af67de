import { SHORTCUTS } from './keyboard.ts';

/** The shortcuts, over the chart; Esc, `?` or the button closes it. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <div
      className="shortcuts-help"
      role="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="shortcuts-help"
    >
      <div className="shortcuts-help__top">
        <strong>Keyboard shortcuts</strong>
        <button type="button" className="chart-toolbar__button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <dl className="shortcuts-help__list">
        {SHORTCUTS.map(({ keys, what }) => (
          <div key={keys} className="shortcuts-help__item">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
