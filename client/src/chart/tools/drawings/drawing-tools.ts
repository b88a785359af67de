import type { MouseEventParams } from 'lightweight-charts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { MAX_DRAWINGS_PER_SYMBOL, type Drawing } from '../../../../../shared/workspace.ts';
import { formatPrice } from '../../../format/numbers.ts';
import type { AppStore } from '../../../store/index.ts';
import type { WorkspaceStore } from '../../../workspace/workspace-store.ts';
import type { ChartParts } from '../../create-price-chart.ts';
import { DrawingLayer, type DrawingScene } from './drawing-layer.ts';
import { HIT_TOLERANCE, hitTest, type Hit, type Point, type Shape } from './geometry.ts';
import { moveDrawing } from './move-drawing.ts';
import { chartProjection, type Anchor } from './projection.ts';

export type DrawingTool = 'cursor' | 'price-line' | 'trend-line';

export interface DrawingToolsState {
  /** What a click on the price pane does: select a drawing, or place a line. */
  tool: DrawingTool;
  selectedId: string | null;
  /** A trend line has its first point and waits for the second. */
  placing: boolean;
}

export interface DrawingTools {
  state: StoreApi<DrawingToolsState>;
  /** Hooks the tools to the chart; returns their undo. */
  attach: () => () => void;
  /** Arms a tool; the same tool again puts it down. */
  setTool: (tool: DrawingTool) => void;
  /** Removes the selected drawing; false when none is selected. */
  removeSelected: () => boolean;
  /** Every drawing of the symbol. */
  removeAll: () => void;
  /** Esc: lets go of a line being placed, else of the armed tool, else of the selection. */
  cancel: () => boolean;
}

/** A press that becomes a click when released where it started, as a place or a select. */
interface Press {
  pointerId: number;
  x: number;
  y: number;
}

/** How far (CSS px) a press may travel and still be a click rather than a drag of the chart. */
const CLICK_SLOP = 5;

interface Drag {
  pointerId: number;
  hit: Hit;
  original: Drawing;
  start: Anchor;
  moved: Drawing | null;
  /** Puts back the chart's own scroll and zoom, off while a line is dragged. */
  restore: () => void;
}

/** Unique enough within one user's drawings, and unlike crypto.randomUUID also on plain http. */
function newId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Horizontal price lines (one click) and trend lines (two clicks) on the price pane, kept per symbol
 * in the workspace: select by clicking, drag to move (a trend line's end moves that end), remove
 * with Delete. Lines snap to the candles in time and to the symbol's tick in price.
 */
export function createDrawingTools(
  chart: ChartParts,
  store: AppStore,
  workspace: WorkspaceStore,
): DrawingTools {
  const state = createStore<DrawingToolsState>()(() => ({
    tool: 'cursor',
    selectedId: null,
    placing: false,
  }));
  const projection = chartProjection(chart, store);
  let pending: Anchor | null = null;
  let previewTo: Anchor | null = null;
  let drag: Drag | null = null;
  let press: Press | null = null;
  let touch = false;
  let shapes: readonly Shape[] = [];

  const symbol = () => store.getState().symbol;
  const drawings = () => workspace.getState().drawingsFor(symbol());
  const tolerance = () => (touch ? HIT_TOLERANCE.touch : HIT_TOLERANCE.mouse);
  const save = (next: readonly Drawing[]) => workspace.getState().setDrawings(symbol(), next);

  const layer = new DrawingLayer((): DrawingScene => {
    const shown = drawings().map((d) => (drag?.moved?.id === d.id ? drag.moved : d));
    shapes = projection.shapesOf(shown);
    const labels = shown.flatMap((d) => {
      const y = d.kind === 'price-line' ? projection.priceY(d.price) : null;
      return y === null || d.kind !== 'price-line'
        ? []
        : [{ y, text: formatPrice(d.price, projection.precision()) }];
    });
    const from = pending && projection.pointOf(pending);
    const to = previewTo && projection.pointOf(previewTo);
    return {
      shapes,
      labels,
      selectedId: state.getState().selectedId,
      preview: from && to ? { kind: 'trend-line', id: 'preview', from, to } : null,
      tolerance: tolerance(),
    };
  });

  const select = (selectedId: string | null) => {
    if (state.getState().selectedId === selectedId) return;
    state.setState({ selectedId });
    layer.redraw();
  };

  const putDown = () => {
    pending = null;
    previewTo = null;
    state.setState({ tool: 'cursor', placing: false });
    layer.redraw();
  };

  const add = (drawing: Drawing) => {
    const current = drawings();
    if (current.length >= MAX_DRAWINGS_PER_SYMBOL) return;
    save([...current, drawing]);
    state.setState({ selectedId: drawing.id });
    putDown();
  };

  /**
   * A click (or tap) on the price pane. Read from pointer events rather than the chart's click
   * event, which drops a second click within its double-click time even far from the first: the
   * second end of a quickly drawn trend line.
   */
  const clickAt = (point: Point) => {
    const { tool } = state.getState();
    if (tool === 'cursor') {
      select(hitTest(shapes, point, tolerance())?.id ?? null);
      return;
    }
    const anchor = projection.anchorAt(point);
    if (!anchor) return;
    if (tool === 'price-line') {
      add({ kind: 'price-line', id: newId(), price: anchor.price });
    } else if (!pending) {
      pending = anchor;
      previewTo = anchor;
      state.setState({ placing: true });
      layer.redraw();
    } else if (anchor.time !== pending.time || anchor.price !== pending.price) {
      add({ kind: 'trend-line', id: newId(), from: pending, to: anchor });
    }
  };

  const onCrosshairMove = (param: MouseEventParams) => {
    if (!pending || !param.point || param.paneIndex !== 0) return;
    previewTo = projection.anchorAt(param.point) ?? previewTo;
    layer.redraw();
  };

  /** Where a pointer is on the price pane, in the pane's own pixels; null outside it. */
  const paneLocal = (event: PointerEvent): Point | null => {
    const rect = chart.api.chartElement().getBoundingClientRect();
    const x = event.clientX - rect.left - chart.api.priceScale('left').width();
    const y = event.clientY - rect.top;
    const pane = chart.api.paneSize(0);
    return x >= 0 && x <= pane.width && y >= 0 && y <= pane.height ? { x, y } : null;
  };

  const onPointerDown = (event: PointerEvent) => {
    touch = event.pointerType === 'touch';
    if (event.button !== 0) return;
    press = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    if (state.getState().tool !== 'cursor') return;
    const point = paneLocal(event);
    const hit = point && hitTest(shapes, point, tolerance());
    const original = hit && drawings().find((d) => d.id === hit.id);
    const start = point && projection.anchorAt(point);
    if (!hit || !original || !start) return;
    // The press is the line's: no chart scroll, and no mouse events for the chart to start one with.
    event.preventDefault();
    event.stopPropagation();
    press = null;
    select(hit.id);
    const { handleScroll, handleScale } = chart.api.options();
    chart.api.applyOptions({ handleScroll: false, handleScale: false });
    chart.api.chartElement().setPointerCapture(event.pointerId);
    drag = {
      pointerId: event.pointerId,
      hit,
      original,
      start,
      moved: null,
      restore: () => chart.api.applyOptions({ handleScroll, handleScale }),
    };
  };

  const onPointerMove = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const point = paneLocal(event);
    const to = point && projection.anchorAt(point);
    if (!to) return;
    drag.moved = moveDrawing(drag.original, drag.hit.part, drag.start, to, projection.precision());
    layer.redraw();
  };

  const onPointerUp = (event: PointerEvent) => {
    const pressed = press;
    press = null;
    if (drag) {
      endDrag(event);
      return;
    }
    if (pressed?.pointerId !== event.pointerId) return;
    if (Math.hypot(event.clientX - pressed.x, event.clientY - pressed.y) > CLICK_SLOP) return;
    const point = paneLocal(event);
    if (point) clickAt(point);
  };

  const onPointerCancel = (event: PointerEvent) => {
    press = null;
    endDrag(event);
  };

  const endDrag = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { moved, restore } = drag;
    drag = null;
    restore();
    // One save per drag, not per pixel moved.
    if (moved) save(drawings().map((d) => (d.id === moved.id ? moved : d)));
    layer.redraw();
  };

  const removeSelected = () => {
    const { selectedId } = state.getState();
    if (selectedId === null) return false;
    save(drawings().filter((d) => d.id !== selectedId));
    select(null);
    return true;
  };

  return {
    state,
    removeSelected,
    removeAll() {
      save([]);
      select(null);
    },
    cancel() {
      const { tool, selectedId } = state.getState();
      if (tool !== 'cursor') putDown();
      else if (selectedId !== null) select(null);
      else return false;
      return true;
    },
    setTool(tool) {
      const armed = state.getState().tool;
      putDown();
      if (armed !== tool) state.setState({ tool });
    },
    attach() {
      const element = chart.api.chartElement();
      chart.candleSeries.attachPrimitive(layer);
      chart.api.subscribeCrosshairMove(onCrosshairMove);
      element.addEventListener('pointerdown', onPointerDown, { capture: true });
      element.addEventListener('pointermove', onPointerMove);
      element.addEventListener('pointerup', onPointerUp);
      element.addEventListener('pointercancel', onPointerCancel);
      const stopWorkspace = workspace.subscribe(() => layer.redraw());
      const stopStore = store.subscribe((next, previous) => {
        if (next.symbol === previous.symbol) return;
        // Another market: its own lines, nothing half placed or selected from the last one.
        pending = null;
        previewTo = null;
        state.setState({ placing: false, selectedId: null });
        layer.redraw();
      });
      return () => {
        stopStore();
        stopWorkspace();
        element.removeEventListener('pointerdown', onPointerDown, { capture: true });
        element.removeEventListener('pointermove', onPointerMove);
        element.removeEventListener('pointerup', onPointerUp);
        element.removeEventListener('pointercancel', onPointerCancel);
        chart.api.unsubscribeCrosshairMove(onCrosshairMove);
        chart.candleSeries.detachPrimitive(layer);
        drag?.restore();
        drag = null;
      };
    },
  };
}
