import { useEffect, useId, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { MAX_DRAWINGS_PER_SYMBOL } from '../../../../shared/workspace.ts';
import { useMediaQuery } from '../../components/use-media-query.ts';
import type { AppStore } from '../../store/index.ts';
import type { WorkspaceStore } from '../../workspace/workspace-store.ts';
import { scaleOf, timeZoneOf, toggleScale } from './chart-settings.ts';
import type { DrawingTools } from './drawings/drawing-tools.ts';
import type { ExternalValue } from './external-value.ts';
import { CameraIcon, CsvIcon, MoreIcon, PriceLineIcon, TrashIcon, TrendLineIcon } from './icons.tsx';
import type { PaneLayout } from './pane-layout.ts';
import { zoneFor, zoneLabel } from './time-format.ts';

interface ChartToolbarProps {
  store: AppStore;
  workspace: WorkspaceStore;
  tools: DrawingTools;
  layout: ExternalValue<PaneLayout>;
  /** On a narrow chart the scale, time, export and help buttons fold behind "more"; Esc closes it. */
  moreOpen: boolean;
  onMore: (open: boolean) => void;
  onCsv: () => void;
  onPng: () => void;
  onHelp: () => void;
}

function ToolButton(props: {
  label: string;
  title?: string;
  pressed?: boolean;
  disabled?: boolean;
  tool: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="chart-toolbar__button"
      aria-label={props.label}
      title={props.title ?? props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      data-tool={props.tool}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  );
}

/** What to do next while a drawing tool is armed; `Tap` for a finger. */
function hintFor(tool: string, placing: boolean, verb: string): string | null {
  if (tool === 'price-line') return `${verb} the chart at the price · Esc cancels`;
  if (tool === 'trend-line') return `${verb} the ${placing ? 'second' : 'first'} point · Esc cancels`;
  return null;
}

/**
 * The chart's tools, bottom left of the price pane, over the oldest candles: drawing, the price scale, the time zone,
 * export and the shortcuts. A small wrapping strip, so it stays within reach on a phone.
 */
export function ChartToolbar(props: ChartToolbarProps) {
  const { store, workspace, tools, layout, moreOpen, onMore, onCsv, onPng, onHelp } = props;
  const tool = useStore(tools.state, (state) => state.tool);
  const placing = useStore(tools.state, (state) => state.placing);
  const selectedId = useStore(tools.state, (state) => state.selectedId);
  const symbol = useStore(store, (state) => state.symbol);
  const count = useStore(workspace, (state) => state.drawingsFor(symbol).length);
  const settings = useStore(workspace, (state) => state.workspace.settings);
  const { timeScaleHeight, priceScaleWidth, panes } = useSyncExternalStore(layout.subscribe, layout.get);
  // At the foot of the price pane, over the oldest volume bars: the RSI and MACD panes below keep
  // their lines in view.
  const belowPricePane = panes.slice(1).reduce((sum, pane) => sum + pane.height + 1, 0);
  const moreId = useId();
  const coarse = useMediaQuery('(pointer: coarse)');
  const toolbarRef = useRef<HTMLDivElement>(null);

  // An open menu closes at a press anywhere else, as menus do.
  useEffect(() => {
    if (!moreOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!toolbarRef.current?.contains(event.target as Node)) onMore(false);
    };
    document.addEventListener('pointerdown', onPointerDown, { capture: true });
    return () => document.removeEventListener('pointerdown', onPointerDown, { capture: true });
  }, [moreOpen, onMore]);

  const scale = scaleOf(settings);
  const local = timeZoneOf(settings) === 'local';
  const full = count >= MAX_DRAWINGS_PER_SYMBOL;
  const drawTitle = (what: string) =>
    full ? `${MAX_DRAWINGS_PER_SYMBOL} lines on ${symbol} is the most kept: remove one to draw more` : what;
  const removeLines = () => {
    if (selectedId !== null) tools.removeSelected();
    else if (window.confirm(`Remove all ${count} lines drawn on ${symbol}?`)) tools.removeAll();
  };
  const hint = hintFor(tool, placing, coarse ? 'Tap' : 'Click');

  return (
    <div
      className="chart-toolbar"
      style={{
        bottom: timeScaleHeight + belowPricePane + 6,
        maxWidth: `calc(100% - ${priceScaleWidth + 60}px)`,
      }}
    >
      {hint && (
        <div className="chart-toolbar__hint" role="status">
          {hint}
        </div>
      )}
      <div
        ref={toolbarRef}
        className="chart-toolbar__buttons"
        role="toolbar"
        aria-label="Chart tools"
        data-testid="chart-toolbar"
      >
        <ToolButton
          tool="price-line"
          label="Horizontal line"
          title={drawTitle('Horizontal price line (Alt+H): click the chart at the price')}
          pressed={tool === 'price-line'}
          disabled={full}
          onClick={() => tools.setTool('price-line')}
        >
          <PriceLineIcon />
        </ToolButton>
        <ToolButton
          tool="trend-line"
          label="Trend line"
          title={drawTitle('Trend line (Alt+T): click its two ends')}
          pressed={tool === 'trend-line'}
          disabled={full}
          onClick={() => tools.setTool('trend-line')}
        >
          <TrendLineIcon />
        </ToolButton>
        <ToolButton
          tool="remove"
          label={selectedId !== null ? 'Remove the selected line' : 'Remove all lines'}
          title={
            selectedId !== null
              ? 'Remove the selected line (Delete)'
              : count > 0
                ? `Remove all ${count} lines on ${symbol}`
                : `No lines on ${symbol}`
          }
          disabled={count === 0}
          onClick={removeLines}
        >
          <TrashIcon />
        </ToolButton>
        <span className="chart-toolbar__separator" aria-hidden="true" />
        {/* A choice made in the folded menu closes it. */}
        <div
          className="chart-toolbar__more-tools"
          id={moreId}
          data-open={moreOpen}
          onClick={() => moreOpen && onMore(false)}
        >
          <ToolButton
            tool="log"
            label="Logarithmic scale"
            title="Logarithmic price scale (Alt+L): equal moves in percent look equal"
            pressed={scale === 'log'}
            onClick={() => toggleScale(workspace, 'log')}
          >
            log
          </ToolButton>
          <ToolButton
            tool="percent"
            label="Percent scale"
            title="Percent scale (Alt+P): prices as the change from the first candle in view"
            pressed={scale === 'percent'}
            onClick={() => toggleScale(workspace, 'percent')}
          >
            %
          </ToolButton>
          <ToolButton
            tool="time-zone"
            label="Local time"
            title={
              local
                ? `Times in your zone (${zoneLabel(zoneFor('local'))}): click for UTC`
                : `Times in UTC: click for your zone (${zoneLabel(zoneFor('local'))})`
            }
            pressed={local}
            onClick={() => workspace.getState().updateSettings({ timeZone: local ? 'utc' : 'local' })}
          >
            {local ? zoneLabel(zoneFor('local')) : 'UTC'}
          </ToolButton>
          <span className="chart-toolbar__separator" aria-hidden="true" />
          <ToolButton
            tool="csv"
            label="Download CSV"
            title="Download the candles in view as CSV"
            onClick={onCsv}
          >
            <CsvIcon />
          </ToolButton>
          <ToolButton tool="png" label="Save as PNG" title="Save the chart as PNG (Alt+S)" onClick={onPng}>
            <CameraIcon />
          </ToolButton>
          <ToolButton tool="help" label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={onHelp}>
            ?
          </ToolButton>
        </div>
        <button
          type="button"
          className="chart-toolbar__button chart-toolbar__more"
          aria-label="More tools"
          title="Scale, time zone, export and shortcuts"
          aria-expanded={moreOpen}
          aria-controls={moreId}
          data-tool="more"
          onClick={() => onMore(!moreOpen)}
        >
          <MoreIcon />
        </button>
      </div>
    </div>
  );
}
