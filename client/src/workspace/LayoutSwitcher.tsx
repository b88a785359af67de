import { useStore } from 'zustand';
import { LAYOUTS, type Layout } from '../../../shared/workspace.ts';
import { appStore } from '../store/index.ts';
import { chartSync, paneStores } from './app-workspace.ts';
import { activeStore, changeLayout } from './pane-stores.ts';
import { useWorkspace, workspaceStore } from './workspace-store.ts';

const LABELS: Record<Layout, string> = {
  '1': 'One chart',
  '2': 'Two charts side by side',
  '4': 'Four charts',
};

/** The layout's cells, drawn small: what each button switches to. */
function LayoutIcon({ layout }: { layout: Layout }) {
  const cells =
    layout === '1'
      ? [[1, 1, 14, 12]]
      : layout === '2'
        ? [
            [1, 1, 6.5, 12],
            [8.5, 1, 6.5, 12],
          ]
        : [
            [1, 1, 6.5, 5],
            [8.5, 1, 6.5, 5],
            [1, 8, 6.5, 5],
            [8.5, 8, 6.5, 5],
          ];
  return (
    <svg className="layout-icon" viewBox="0 0 16 14" aria-hidden="true">
      {cells.map(([x, y, width, height]) => (
        <rect key={`${x}-${y}`} x={x} y={y} width={width} height={height} rx="1" />
      ))}
    </svg>
  );
}

function CrosshairIcon() {
  return (
    <svg className="layout-icon" viewBox="0 0 16 14" aria-hidden="true">
      <path d="M8 1v12M1 7h14" />
      <circle cx="8" cy="7" r="2.5" />
    </svg>
  );
}

function ClockIcon() {
  return (
    <svg className="layout-icon" viewBox="0 0 16 14" aria-hidden="true">
      <circle cx="8" cy="7" r="5.5" />
      <path d="M8 4v3.2l2.2 1.6" />
    </svg>
  );
}

/** 1, 2 or 4 charts, and with several, whether their crosshairs and time spans follow each other. */
export function LayoutSwitcher() {
  const layout = useWorkspace((state) => state.workspace.layout);
  const syncCrosshair = useWorkspace((state) => state.workspace.settings.syncCrosshair ?? true);
  const syncTime = useWorkspace((state) => state.workspace.settings.syncTime ?? false);
  const symbols = useStore(appStore, (state) => state.symbols);
  const saveError = useWorkspace((state) => state.saveError);

  const choose = (next: Layout) =>
    changeLayout(
      workspaceStore,
      symbols.map((info) => info.symbol),
      next,
    );
  const toggleTime = () => {
    workspaceStore.getState().updateSettings({ syncTime: !syncTime });
    // Switched on: the other charts come to the active chart's span at once, not at the next scroll.
    if (!syncTime) chartSync.alignTo(chartSync.chartOf(activeStore(workspaceStore, paneStores)));
  };

  return (
    <div className="layout-switcher" data-testid="layout-switcher">
      <div className="segmented" role="group" aria-label="Layout">
        {LAYOUTS.map((option) => (
          <button
            key={option}
            type="button"
            className="segmented__option"
            data-layout={option}
            aria-pressed={option === layout}
            aria-label={LABELS[option]}
            title={LABELS[option]}
            onClick={() => choose(option)}
          >
            <LayoutIcon layout={option} />
          </button>
        ))}
      </div>
      {layout === '1' ? null : (
        <div className="segmented" role="group" aria-label="Sync between charts">
          <button
            type="button"
            className="segmented__option"
            data-sync="crosshair"
            aria-pressed={syncCrosshair}
            aria-label="Sync the crosshair"
            title="Crosshair sync: the crosshair shows on every chart at the same moment"
            onClick={() => workspaceStore.getState().updateSettings({ syncCrosshair: !syncCrosshair })}
          >
            <CrosshairIcon />
          </button>
          <button
            type="button"
            className="segmented__option"
            data-sync="time"
            aria-pressed={syncTime}
            aria-label="Sync the time span"
            title="Time sync: scrolling or zooming one chart moves the others to the same span of time"
            onClick={toggleTime}
          >
            <ClockIcon />
          </button>
        </div>
      )}
      {saveError ? (
        <span
          className="layout-save-error"
          role="status"
          data-testid="workspace-save-error"
          title={saveError}
        >
          Not saved, retrying…
        </span>
      ) : null}
    </div>
  );
}
