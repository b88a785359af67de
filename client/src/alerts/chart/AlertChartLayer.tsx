import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ChartParts } from '../../chart/create-price-chart.ts';
import type { DrawingTools } from '../../chart/tools/drawings/drawing-tools.ts';
import { formatPrice } from '../../format/numbers.ts';
import type { AppStore } from '../../store/index.ts';
import { selectLastClose, selectPricePrecision } from '../../store/selectors.ts';
import type { WorkspaceStore } from '../../workspace/workspace-store.ts';
import { crossingFor } from '../alert-form-model.ts';
import { alertsStore } from '../alerts-store.ts';
import { bindAlertLines } from './alert-lines.ts';
import './alert-chart.css';

interface Menu {
  /** Where it opens, in the chart box's pixels. */
  x: number;
  y: number;
  price: number;
}

export interface AlertChartLayerProps {
  store: AppStore;
  chart: ChartParts;
  tools: DrawingTools;
  workspace: WorkspaceStore;
}

/** A price alert at `price` on the chart's stream; a visitor is shown the panel, which asks to sign in. */
async function alertAt(store: AppStore, price: number): Promise<string | null> {
  const alerts = alertsStore.getState();
  if (alerts.account !== 'signed-in') {
    alerts.setOpen(true);
    return null;
  }
  const { symbol, timeframe } = store.getState();
  const op = crossingFor(price, selectLastClose(store.getState()));
  return alerts.create({ symbol, timeframe, condition: { kind: 'price', op, value: price } });
}

/**
 * The alerts on one chart: their price lines (dragged to move), a right-click menu on the price pane
 * offering "Alert at <price>", and "Set alert" for a selected horizontal line, which becomes one.
 */
export function AlertChartLayer({ store, chart, tools, workspace }: AlertChartLayerProps) {
  const [menu, setMenu] = useState<Menu | null>(null);
  const [error, setError] = useState<string | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const selectedId = useStore(tools.state, (state) => state.selectedId);
  const symbol = useStore(store, (state) => state.symbol);
  const precision = useStore(store, selectPricePrecision);
  const selectedLine = useStore(workspace, (state) =>
    state.drawingsFor(symbol).find((d) => d.id === selectedId && d.kind === 'price-line'),
  );

  useEffect(
    () => bindAlertLines(chart, store, alertsStore, () => tools.state.getState().tool === 'cursor'),
    [chart, store, tools],
  );

  useEffect(() => {
    const element = chart.api.chartElement();
    const onContextMenu = (event: MouseEvent) => {
      const rect = element.getBoundingClientRect();
      const x = event.clientX - rect.left;
      const y = event.clientY - rect.top;
      const pane = chart.api.paneSize(0);
      if (x - chart.api.priceScale('left').width() > pane.width || y > pane.height) return;
      const price = chart.candleSeries.coordinateToPrice(y);
      if (price === null || price <= 0) return;
      event.preventDefault();
      setError(null);
      setMenu({ x, y, price: Number(price.toFixed(selectPricePrecision(store.getState()))) });
    };
    element.addEventListener('contextmenu', onContextMenu);
    return () => element.removeEventListener('contextmenu', onContextMenu);
  }, [chart, store]);

  // The menu closes at a press elsewhere or Esc, as menus do, and takes the focus while open.
  useEffect(() => {
    if (!menu) return;
    menuRef.current?.querySelector('button')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) setMenu(null);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenu(null);
    };
    document.addEventListener('pointerdown', onPointerDown, { capture: true });
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, { capture: true });
      document.removeEventListener('keydown', onKey);
    };
  }, [menu]);

  const create = async (price: number, after?: () => void) => {
    setMenu(null);
    const failure = await alertAt(store, price);
    setError(failure);
    if (failure === null) after?.();
  };

  return (
    <>
      {menu ? (
        <div
          ref={menuRef}
          className="alert-menu"
          role="menu"
          data-testid="alert-menu"
          style={{ left: menu.x, top: menu.y }}
        >
          <button type="button" role="menuitem" onClick={() => void create(menu.price)}>
            Alert at {formatPrice(menu.price, precision)}
          </button>
        </div>
      ) : null}
      {selectedLine?.kind === 'price-line' ? (
        <div className="alert-line-chip" role="group" aria-label="Selected line">
          <span>Line at {formatPrice(selectedLine.price, precision)}</span>
          <button
            type="button"
            onClick={() =>
              // The line becomes the alert's: the alert draws its own, so the drawing goes.
              void create(selectedLine.price, () => tools.removeSelected())
            }
          >
            Set alert
          </button>
        </div>
      ) : null}
      {error !== null ? (
        <p className="alert-chart-error" role="alert" onClick={() => setError(null)}>
          {error}
        </p>
      ) : null}
    </>
  );
}
