import type { MouseEventParams, Time } from 'lightweight-charts';
import type { ChartParts } from '../create-price-chart.ts';
import { externalValue, type ExternalValue } from '../tools/external-value.ts';

/** lightweight-charts counts UTC seconds; candles count milliseconds. */
function toMs(time: Time | undefined): number | null {
  return typeof time === 'number' ? time * 1000 : null;
}

/**
 * The open time (ms) of the candle the legend shows: under the mouse, or where a finger last tapped;
 * null for "the newest". On a touch screen lightweight-charts shows a crosshair only while a finger
 * rests on the chart (a long press), and a tap is just a click: so a tap pins the crosshair at that
 * candle, where it stays until the next tap, and a tap on the pinned candle lets it go.
 */
export function crosshairTime(chart: ChartParts): ExternalValue<number | null> {
  return externalValue<number | null>(
    () => null,
    (set) => {
      let hovered: number | null = null;
      let pinned: number | null = null;
      let touch = false;
      const publish = () => set(hovered ?? pinned);

      const onMove = (param: MouseEventParams) => {
        hovered = toMs(param.time);
        // A finger moving a crosshair (long press) replaces the pin; a mouse never pins.
        if (hovered !== null) pinned = null;
        publish();
      };

      const onClick = (param: MouseEventParams) => {
        const time = toMs(param.time);
        if (!touch || time === null || param.time === undefined) return;
        if (pinned === time) {
          pinned = null;
          chart.api.clearCrosshairPosition();
        } else {
          pinned = time;
          const price = param.point ? chart.candleSeries.coordinateToPrice(param.point.y) : null;
          if (price !== null) chart.api.setCrosshairPosition(price, param.time, chart.candleSeries);
        }
        publish();
      };

      const element = chart.api.chartElement();
      const onPointerDown = (event: PointerEvent) => {
        touch = event.pointerType === 'touch';
      };

      chart.api.subscribeCrosshairMove(onMove);
      chart.api.subscribeClick(onClick);
      element.addEventListener('pointerdown', onPointerDown, { capture: true });
      return () => {
        chart.api.unsubscribeCrosshairMove(onMove);
        chart.api.unsubscribeClick(onClick);
        element.removeEventListener('pointerdown', onPointerDown, { capture: true });
      };
    },
  );
}
