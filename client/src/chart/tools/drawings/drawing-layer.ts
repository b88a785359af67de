import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  ISeriesPrimitiveAxisView,
  PrimitiveHoveredItem,
  SeriesAttachedParameter,
  Time,
} from 'lightweight-charts';
import { hitTest as findHit, type Point, type Shape } from './geometry.ts';

/** What the layer draws, projected to the pane's coordinates at the last redraw. */
export interface DrawingScene {
  shapes: readonly Shape[];
  selectedId: string | null;
  /** A trend line being placed: from its first click to the crosshair. */
  preview: Shape | null;
  /** The price of each price line, written on the price axis as the chart's own lines are. */
  labels: ReadonlyArray<{ y: number; text: string }>;
  /** How close a pointer must be to grab a line; wider for a finger. */
  tolerance: number;
}

/** Blue reads on both the dark and the light background, and is none of the indicators' colours. */
export const DRAWING_COLOR = '#2f7df6';
const HANDLE_FILL = '#ffffff';

type Target = Parameters<IPrimitivePaneRenderer['draw']>[0];

function drawScene(target: Target, scene: DrawingScene): void {
  target.useBitmapCoordinateSpace(
    ({ context: ctx, bitmapSize, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      const line = (shape: Shape, width: number, dashed: boolean) => {
        ctx.lineWidth = Math.max(1, Math.round(width * hr));
        ctx.setLineDash(dashed ? [6 * hr, 4 * hr] : []);
        ctx.beginPath();
        if (shape.kind === 'price-line') {
          // Centred on a device pixel, so a one-pixel line is crisp.
          const y = Math.round(shape.y * vr) + (ctx.lineWidth % 2) / 2;
          ctx.moveTo(0, y);
          ctx.lineTo(bitmapSize.width, y);
        } else {
          ctx.moveTo(shape.from.x * hr, shape.from.y * vr);
          ctx.lineTo(shape.to.x * hr, shape.to.y * vr);
        }
        ctx.stroke();
      };
      const handle = ({ x, y }: Point) => {
        ctx.setLineDash([]);
        ctx.lineWidth = Math.max(1, Math.round(1.5 * hr));
        ctx.beginPath();
        ctx.arc(x * hr, y * vr, 4 * hr, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      };

      ctx.save();
      ctx.strokeStyle = DRAWING_COLOR;
      ctx.fillStyle = HANDLE_FILL;
      for (const shape of scene.shapes) {
        const selected = shape.id === scene.selectedId;
        line(shape, selected ? 2 : 1.25, false);
        if (!selected) continue;
        if (shape.kind === 'trend-line') {
          handle(shape.from);
          handle(shape.to);
        } else {
          // A grip near the left edge says the line can be dragged up and down.
          handle({ x: 28, y: shape.y });
        }
      }
      if (scene.preview) {
        line(scene.preview, 1.25, true);
        if (scene.preview.kind === 'trend-line') handle(scene.preview.from);
      }
      ctx.restore();
    },
  );
}

class PriceLabel implements ISeriesPrimitiveAxisView {
  constructor(
    private readonly y: number,
    private readonly label: string,
  ) {}
  coordinate = () => this.y;
  text = () => this.label;
  textColor = () => '#ffffff';
  backColor = () => DRAWING_COLOR;
}

const EMPTY_SCENE: DrawingScene = { shapes: [], selectedId: null, preview: null, labels: [], tolerance: 0 };

/**
 * The drawings as a primitive of the candle series: drawn with the candles, so they scroll, zoom and
 * rescale (log, percent) with them, and tell the chart which cursor to show over them. `project` is
 * asked for the scene before each redraw.
 */
export class DrawingLayer implements ISeriesPrimitive<Time> {
  private scene = EMPTY_SCENE;
  private views: readonly IPrimitivePaneView[] = [];
  private axisViews: readonly ISeriesPrimitiveAxisView[] = [];
  private requestUpdate: (() => void) | null = null;

  constructor(private readonly project: () => DrawingScene) {}

  attached({ requestUpdate }: SeriesAttachedParameter<Time>): void {
    this.requestUpdate = requestUpdate;
  }

  detached(): void {
    this.requestUpdate = null;
  }

  /** Redraw now: the drawings changed, not the chart. */
  redraw(): void {
    this.requestUpdate?.();
  }

  updateAllViews(): void {
    const scene = this.project();
    this.scene = scene;
    const renderer: IPrimitivePaneRenderer = { draw: (target) => drawScene(target, scene) };
    // Above the indicator lines and the forecast, as drawings are on every terminal; `top` also
    // lets the chart's hit test find a line where an indicator runs under it.
    this.views = [{ zOrder: () => 'top', renderer: () => renderer }];
    this.axisViews = scene.labels.map(({ y, text }) => new PriceLabel(y, text));
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  priceAxisViews(): readonly ISeriesPrimitiveAxisView[] {
    return this.axisViews;
  }

  hitTest(x: number, y: number): PrimitiveHoveredItem | null {
    const hit = findHit(this.scene.shapes, { x, y }, this.scene.tolerance);
    if (!hit) return null;
    const shape = this.scene.shapes.find((s) => s.id === hit.id);
    return {
      externalId: hit.id,
      zOrder: 'top',
      distance: hit.distance,
      cursorStyle: hit.part !== 'body' ? 'grab' : shape?.kind === 'price-line' ? 'ns-resize' : 'move',
    };
  }
}
