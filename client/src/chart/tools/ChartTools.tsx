import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { AlertChartLayer } from '../../alerts/chart/AlertChartLayer.tsx';
import type { AppStore } from '../../store/index.ts';
import { workspaceStore, type WorkspaceStore } from '../../workspace/workspace-store.ts';
import type { ChartParts } from '../create-price-chart.ts';
import { ChartLegend } from '../legend/ChartLegend.tsx';
import { crosshairTime } from '../legend/crosshair-time.ts';
import { PaneLabels } from '../legend/PaneLabels.tsx';
import '../legend/legend.css';
import { exportCsv, exportPng } from './chart-export.ts';
import { bindChartSettings, timeZoneOf, toggleScale } from './chart-settings.ts';
import { ChartToolbar } from './ChartToolbar.tsx';
import './chart-tools.css';
import { createDrawingTools } from './drawings/drawing-tools.ts';
import { GoToLatest } from './GoToLatest.tsx';
import { IntervalBox } from './IntervalBox.tsx';
import { bindChartKeyboard, type ChartAction } from './keyboard.ts';
import { paneLayout } from './pane-layout.ts';
import { goToLatest, scrolledAway } from './scrolled-away.ts';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { zoneFor } from './time-format.ts';

export interface ChartToolsProps {
  /** This chart's store: its stream, candles and indicators. */
  store: AppStore;
  chart: ChartParts;
  /** Where the scale, the time zone and the drawings are kept. */
  workspace?: WorkspaceStore;
  /** Whether this chart answers the keyboard: only the active one of a layout should. */
  keyboard?: boolean;
}

/**
 * Everything laid over one chart: the legend and the pane labels, the toolbar, "go to latest", the
 * drawings, and the keyboard. Mount it beside the chart's element, in the same positioned box.
 */
export function ChartTools({ store, chart, workspace = workspaceStore, keyboard = true }: ChartToolsProps) {
  const crosshair = useMemo(() => crosshairTime(chart), [chart]);
  const layout = useMemo(() => paneLayout(chart), [chart]);
  const away = useMemo(() => scrolledAway(chart), [chart]);
  const tools = useMemo(() => createDrawingTools(chart, store, workspace), [chart, store, workspace]);
  const timeframes = useStore(store, (state) => state.timeframes);
  const settings = useStore(workspace, (state) => state.workspace.settings);
  const zone = zoneFor(timeZoneOf(settings));
  const [intervalDigit, setIntervalDigit] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);

  useEffect(() => tools.attach(), [tools]);
  useEffect(() => bindChartSettings(chart, store, workspace), [chart, store, workspace]);

  const savePng = () => void exportPng(chart, store, zone);

  const act = useEffectEvent((action: ChartAction): boolean => {
    switch (action.kind) {
      case 'interval':
        setIntervalDigit(action.digit);
        return true;
      case 'cancel':
        if (help || moreOpen) {
          setHelp(false);
          setMoreOpen(false);
          return true;
        }
        return tools.cancel();
      case 'delete':
        return tools.removeSelected();
      case 'latest':
        goToLatest(chart);
        return true;
      case 'help':
        setHelp((open) => !open);
        return true;
      case 'tool':
        tools.setTool(action.tool);
        return true;
      case 'scale':
        toggleScale(workspace, action.mode);
        return true;
      case 'screenshot':
        savePng();
        return true;
    }
  });

  useEffect(() => (keyboard ? bindChartKeyboard(window, act) : undefined), [keyboard]);

  return (
    <div className="chart-tools">
      <ChartLegend store={store} crosshair={crosshair} zone={zone} />
      <PaneLabels store={store} crosshair={crosshair} layout={layout} />
      <ChartToolbar
        store={store}
        workspace={workspace}
        tools={tools}
        layout={layout}
        moreOpen={moreOpen}
        onMore={setMoreOpen}
        onCsv={() => exportCsv(chart, store)}
        onPng={savePng}
        onHelp={() => setHelp((open) => !open)}
      />
      <GoToLatest chart={chart} away={away} layout={layout} />
      <AlertChartLayer store={store} chart={chart} tools={tools} workspace={workspace} />
      {intervalDigit !== null && (
        <IntervalBox
          initial={intervalDigit}
          offered={timeframes}
          onApply={(timeframe) => {
            store.getState().selectTimeframe(timeframe);
            setIntervalDigit(null);
          }}
          onClose={() => setIntervalDigit(null)}
        />
      )}
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
