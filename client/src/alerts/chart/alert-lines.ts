import { LineStyle, type IPriceLine } from 'lightweight-charts';
import type { Alert, PriceCondition } from '../../../../shared/alerts.ts';
import type { ChartParts } from '../../chart/create-price-chart.ts';
import { followPageTheme } from '../../chart/theme.ts';
import { HIT_TOLERANCE } from '../../chart/tools/drawings/geometry.ts';
import type { AppStore } from '../../store/index.ts';
import { selectLastClose, selectPricePrecision } from '../../store/selectors.ts';
import { crossingFor } from '../alert-form-model.ts';
import type { AlertsStore } from '../alerts-store.ts';

type PriceAlert = Alert & { condition: PriceCondition };

interface Drag {
  pointerId: number;
  alert: PriceAlert;
  line: IPriceLine;
  price: number;
  /** Puts back the chart's own scroll and zoom, off while a line is dragged. */
  restore: () => void;
}

/** The alerts this chart draws: active price levels of its own market and timeframe. */
function priceAlertsOf(alerts: readonly Alert[], symbol: string, timeframe: string): PriceAlert[] {
  return alerts.filter(
    (a): a is PriceAlert =>
      a.state === 'active' &&
      a.condition.kind === 'price' &&
      a.symbol === symbol &&
      a.timeframe === timeframe,
  );
}

/** The accent of the page's theme, read when a line is drawn (light and dark differ). */
const lineColour = () =>
  getComputedStyle(document.documentElement).getPropertyValue('--amber').trim() || '#f0b90b';

/**
 * Each active price alert of the chart's stream as a price line labelled "Alert", dragged up or down
 * to move its level: pressed near the line, moved, released → `alert:update`. The press is taken
 * from the chart as the horizontal drawing tool takes it (drawings/drawing-tools.ts): capture phase,
 * no default, the chart's scroll off until released. Returns the undo.
 */
export function bindAlertLines(
  chart: ChartParts,
  store: AppStore,
  alerts: AlertsStore,
  canGrab: () => boolean,
): () => void {
  const lines = new Map<string, { line: IPriceLine; price: number }>();
  let drag: Drag | null = null;
  let touch = false;

  const sync = () => {
    const { symbol, timeframe } = store.getState();
    const wanted = priceAlertsOf(alerts.getState().alerts, symbol, timeframe);
    const ids = new Set(wanted.map((a) => a.id));
    for (const [id, { line }] of lines) {
      if (ids.has(id) || drag?.alert.id === id) continue;
      chart.candleSeries.removePriceLine(line);
      lines.delete(id);
    }
    for (const alert of wanted) {
      const price = alert.condition.value;
      const shown = lines.get(alert.id);
      if (drag?.alert.id === alert.id) continue;
      if (shown) {
        if (shown.price !== price) shown.line.applyOptions({ price });
        shown.price = price;
        continue;
      }
      const line = chart.candleSeries.createPriceLine({
        id: `alert-${alert.id}`,
        price,
        color: lineColour(),
        lineWidth: 1,
        lineStyle: LineStyle.Dashed,
        axisLabelVisible: true,
        title: 'Alert',
      });
      lines.set(alert.id, { line, price });
    }
  };

  /** Where a pointer is on the price pane, in the pane's own pixels; null outside it. */
  const paneY = (event: PointerEvent): number | null => {
    const rect = chart.api.chartElement().getBoundingClientRect();
    const x = event.clientX - rect.left - chart.api.priceScale('left').width();
    const y = event.clientY - rect.top;
    const pane = chart.api.paneSize(0);
    return x >= 0 && x <= pane.width && y >= 0 && y <= pane.height ? y : null;
  };

  const lineNear = (y: number): PriceAlert | null => {
    const { symbol, timeframe } = store.getState();
    const tolerance = touch ? HIT_TOLERANCE.touch : HIT_TOLERANCE.mouse;
    let best: { alert: PriceAlert; distance: number } | null = null;
    for (const alert of priceAlertsOf(alerts.getState().alerts, symbol, timeframe)) {
      const at = chart.candleSeries.priceToCoordinate(alert.condition.value);
      const distance = at === null ? Infinity : Math.abs(at - y);
      if (distance <= tolerance && (!best || distance < best.distance)) best = { alert, distance };
    }
    return best?.alert ?? null;
  };

  const onPointerDown = (event: PointerEvent) => {
    touch = event.pointerType === 'touch';
    // An armed drawing tool places rather than drags.
    if (event.button !== 0 || !canGrab()) return;
    const y = paneY(event);
    const alert = y === null ? null : lineNear(y);
    const shown = alert && lines.get(alert.id);
    if (!alert || !shown) return;
    // The alert's line wins over a drawing at the same level: the drawings' handler never sees this press.
    event.preventDefault();
    event.stopImmediatePropagation();
    const { handleScroll, handleScale } = chart.api.options();
    chart.api.applyOptions({ handleScroll: false, handleScale: false });
    chart.api.chartElement().setPointerCapture(event.pointerId);
    drag = {
      pointerId: event.pointerId,
      alert,
      line: shown.line,
      price: alert.condition.value,
      restore: () => chart.api.applyOptions({ handleScroll, handleScale }),
    };
  };

  const onPointerMove = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const y = paneY(event);
    const price = y === null ? null : chart.candleSeries.coordinateToPrice(y);
    if (price === null || price <= 0) return;
    drag.price = Number(price.toFixed(selectPricePrecision(store.getState())));
    drag.line.applyOptions({ price: drag.price });
  };

  const onPointerUp = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const { alert, price, restore } = drag;
    drag = null;
    restore();
    if (price === alert.condition.value) return sync();
    const shown = lines.get(alert.id);
    if (shown) shown.price = price;
    // One update per drag; crossing the last price turns a wait for a rise into a wait for a fall.
    const op = crossingFor(price, selectLastClose(store.getState()));
    void alerts
      .getState()
      .update({ id: alert.id, condition: { kind: 'price', op, value: price } })
      .then(() => sync());
  };

  const onPointerCancel = (event: PointerEvent) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag.restore();
    drag = null;
    sync();
  };

  const element = chart.api.chartElement();
  element.addEventListener('pointerdown', onPointerDown, { capture: true });
  element.addEventListener('pointermove', onPointerMove);
  element.addEventListener('pointerup', onPointerUp);
  element.addEventListener('pointercancel', onPointerCancel);
  const stopAlerts = alerts.subscribe((next, previous) => {
    if (next.alerts !== previous.alerts) sync();
  });
  const stopStore = store.subscribe((next, previous) => {
    if (next.symbol !== previous.symbol || next.timeframe !== previous.timeframe) sync();
  });
  // Another theme, another accent: the lines follow it as the chart's own colours do.
  const stopTheme = followPageTheme(element, () => {
    const color = lineColour();
    for (const { line } of lines.values()) line.applyOptions({ color });
  });
  sync();

  return () => {
    stopTheme();
    stopStore();
    stopAlerts();
    element.removeEventListener('pointerdown', onPointerDown, { capture: true });
    element.removeEventListener('pointermove', onPointerMove);
    element.removeEventListener('pointerup', onPointerUp);
    element.removeEventListener('pointercancel', onPointerCancel);
    drag?.restore();
    drag = null;
    for (const { line } of lines.values()) chart.candleSeries.removePriceLine(line);
    lines.clear();
  };
}
