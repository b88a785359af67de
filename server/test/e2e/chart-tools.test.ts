import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPrice } from '../../../shared/format.ts';
import type { Candle } from '../../../shared/market.ts';
import { unpackCandles } from '../../../shared/snapshot.ts';
import type { CandlesResponse } from '../../../shared/http.ts';
import type { IndicatorSeries } from '../../../shared/analysis.ts';
import { buildClient, countChartPixels, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** The drawings' colour (client/src/chart/tools/drawings/drawing-layer.ts). */
const DRAWING = '#2f7df6';

const countCandlePixels = async (page: Page) =>
  (await countChartPixels(page, ['#26a69a', '#ef5350'])).reduce((a, b) => a + b, 0);

/**
 * Page rows (CSS px) where the drawing colour runs along much of a canvas row: where horizontal
 * lines are drawn. A price label or a slanted line never fills that many pixels of one row.
 */
function drawnLineRows(page: Page, minRun = 200): Promise<number[]> {
  return page.evaluate(
    ({ hex, minRun }) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const rows: number[] = [];
      for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-testid="chart"] canvas')) {
        const ctx = canvas.getContext('2d');
        if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
        const box = canvas.getBoundingClientRect();
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        for (let y = 0; y < canvas.height; y++) {
          let run = 0;
          for (let x = 0; x < canvas.width; x++) {
            const i = (y * canvas.width + x) * 4;
            if (
              Math.abs(data[i]! - r!) < 12 &&
              Math.abs(data[i + 1]! - g!) < 12 &&
              Math.abs(data[i + 2]! - b!) < 12
            )
              run++;
          }
          if (run >= minRun) rows.push(box.top + (y * box.height) / canvas.height);
        }
      }
      return rows;
    },
    { hex: DRAWING, minRun },
  );
}

describe('chart legend and tools in headless Chromium', { timeout: 120_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;

  const apiCandles = async (symbol: string, timeframe: string): Promise<Candle[]> => {
    const res = await fetch(
      `${t.url}/api/candles?symbol=${encodeURIComponent(symbol)}&timeframe=${timeframe}&limit=1000`,
    );
    expect(res.status).toBe(200);
    return unpackCandles(((await res.json()) as CandlesResponse).candles);
  };

  const openChart = async (page: Page) => {
    await page.goto(t.url, { timeout: 60_000 });
    // Generous waits: the browser tests share the machine with the rest of the suite.
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('chart-legend').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => countCandlePixels(page), { timeout: 15_000 }).toBeGreaterThan(1000);
  };

  const chartBox = async (page: Page) => {
    const box = await page.getByTestId('chart').boundingBox();
    if (!box) throw new Error('the chart has no box');
    return box;
  };

  const legendTime = async (page: Page) =>
    Date.parse((await page.getByTestId('chart-legend').locator('time').getAttribute('datetime')) ?? '');

  const legendField = (page: Page, field: string) =>
    page.getByTestId('chart-legend').locator(`[data-field="${field}"]`);

  beforeAll(async () => {
    outDir = await buildClient();
    t = await startTestApp({ speed: 1, tickMs: 250, staticDir: outDir });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('shows the hovered candle in the legend exactly as GET /api/candles has it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openChart(page);
    const box = await chartBox(page);

    // Away from the chart the legend follows the newest candle.
    expect(await page.getByTestId('chart-legend').getAttribute('data-live')).toBe('true');

    await page.mouse.move(box.x + box.width * 0.65, box.y + box.height * 0.3);
    await expect.poll(() => page.getByTestId('chart-legend').getAttribute('data-live')).toBe('false');
    const time = await legendTime(page);
    const [candles, analysisBody] = await Promise.all([
      apiCandles('BTC/USDT', '1m'),
      fetch(`${t.url}/api/analysis?symbol=BTC%2FUSDT&timeframe=1m`).then((r) => r.json()),
    ]);
    const candle = candles.find((c) => c.time === time);
    expect(candle, `a candle at ${new Date(time).toISOString()}`).toBeDefined();
    // Hovered in the middle of the chart: closed long ago, so nothing moved between the two reads.
    expect(time).toBeLessThan(candles.at(-1)!.time);

    for (const field of ['open', 'high', 'low', 'close'] as const)
      expect(await legendField(page, field).innerText()).toBe(formatPrice(candle![field], 2));
    expect(Number(await legendField(page, 'volume').getAttribute('data-value'))).toBe(candle!.volume);
    expect(await legendField(page, 'volume').innerText()).toMatch(/^[\d.,]+[KMB]?$/);
    const previous = candles[candles.indexOf(candle!) - 1]!;
    const sign = candle!.close > previous.close ? '+' : candle!.close < previous.close ? '-' : '';
    expect(await legendField(page, 'change').innerText()).toContain(
      `${sign}${formatPrice(Math.abs(candle!.close - previous.close), 2)} (`,
    );

    // EMA 20 at that candle as the analysis API computes it, to the display's precision.
    const series = (analysisBody as { series: IndicatorSeries }).series;
    const ema20 = series.ema20[series.time.indexOf(time)];
    const shown = page.getByTestId('chart-legend').locator('[data-line="ema20"]');
    expect(Number(await shown.getAttribute('data-value'))).toBeCloseTo(ema20!, 2);

    // The RSI and MACD panes carry their own labels with values at the same candle.
    const rsi = series.rsi14[series.time.indexOf(time)]!;
    await expect.poll(() => page.getByTestId('pane-label-rsi').innerText()).toContain(rsi.toFixed(2));
    expect(await page.getByTestId('pane-label-macd').innerText()).toMatch(/MACD 12 26 9/);

    await page.screenshot({ path: join(SCREENSHOTS, 'chart-tools-legend-1440.png') });
    await page.mouse.move(box.x + box.width / 2, 5);
    await expect.poll(() => page.getByTestId('chart-legend').getAttribute('data-live')).toBe('true');
    expect(await legendTime(page)).toBeGreaterThanOrEqual(candles.at(-1)!.time);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('downloads the candles in view as CSV, each row equal to the API candle at its time', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-tool="csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^BTC-USDT-1m-\d{8}T\d{4}Z-\d{8}T\d{4}Z\.csv$/);
    const text = await readFile((await download.path())!, 'utf8');
    const candles = await apiCandles('BTC/USDT', '1m');
    const [header, ...rows] = text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(header).toEqual([
      'time',
      'open',
      'high',
      'low',
      'close',
      'volume',
      'ema_20',
      'ema_50',
      'ema_200',
      'bb_upper',
      'bb_middle',
      'bb_lower',
      'rsi_14',
      'macd',
      'macd_signal',
      'macd_histogram',
    ]);
    expect(rows.length).toBeGreaterThan(30);
    const byTime = new Map(candles.map((c) => [c.time, c]));
    // The newest candle was still forming when the file was written; every other is final.
    const closed = rows.filter((row) => Date.parse(row[0]!) < candles.at(-1)!.time);
    expect(closed.length).toBeGreaterThanOrEqual(rows.length - 1);
    for (const row of closed) {
      const candle = byTime.get(Date.parse(row[0]!));
      expect(candle, row[0]).toBeDefined();
      expect(row.slice(1, 6).map(Number)).toEqual([
        candle!.open,
        candle!.high,
        candle!.low,
        candle!.close,
        candle!.volume,
      ]);
    }
    await page.close();
  });

  it('switches the price scale to log and back, and remembers it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page);
    // A long daily history, where log and linear spacing differ most; typed as on TradingView.
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('interval-box').count()).toBe(1);
    await page.keyboard.type('d');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('interval-box').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('chart-legend').innerText(), { timeout: 15_000 })
      .toMatch(/BTC\/USDT · 1d/);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => countCandlePixels(page), { timeout: 10_000 }).toBeGreaterThan(1000);

    const box = await chartBox(page);
    const axis = { x: box.x + box.width - 80, y: box.y, width: 80, height: box.height * 0.55 };
    const linear = await page.screenshot({ clip: axis });
    const log = page.locator('[data-tool="log"]');
    await log.click();
    expect(await log.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => (await page.screenshot({ clip: axis })).equals(linear)).toBe(false);
    const logAxis = await page.screenshot({ clip: axis });
    expect(await countCandlePixels(page)).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SCREENSHOTS, 'chart-tools-log-1d.png') });

    await page.reload({ timeout: 60_000 });
    await openChart(page);
    await expect.poll(() => page.locator('[data-tool="log"]').getAttribute('aria-pressed')).toBe('true');

    await page.locator('[data-tool="log"]').click();
    expect(await page.locator('[data-tool="log"]').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(async () => (await page.screenshot({ clip: axis })).equals(logAxis)).toBe(false);
    await page.close();
  });

  it('places a price line that comes back after a reload, drags it, and deletes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page);
    expect(await drawnLineRows(page)).toEqual([]);
    const box = await chartBox(page);

    await page.locator('[data-tool="price-line"]').click();
    expect(await page.locator('[data-tool="price-line"]').getAttribute('aria-pressed')).toBe('true');
    const y = box.y + box.height * 0.3;
    await page.mouse.click(box.x + box.width * 0.75, y);
    await expect.poll(() => drawnLineRows(page)).not.toEqual([]);
    const placed = await drawnLineRows(page);
    expect(Math.abs(placed[0]! - y)).toBeLessThan(3);
    expect(await page.locator('[data-tool="remove"]').isEnabled()).toBe(true);
    // Placing a line puts the tool down.
    expect(await page.locator('[data-tool="price-line"]').getAttribute('aria-pressed')).toBe('false');

    await page.reload({ timeout: 60_000 });
    await openChart(page);
    await expect.poll(() => drawnLineRows(page), { timeout: 10_000 }).not.toEqual([]);
    const reloaded = await drawnLineRows(page);
    // At the same price; a new candle since may have moved the scale a little.
    expect(Math.abs(reloaded[0]! - y)).toBeLessThan(8);

    // Drag it 60 px down: the line follows and stays there.
    await page.mouse.move(box.x + box.width * 0.6, reloaded[0]!);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, reloaded[0]! + 30, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, reloaded[0]! + 60, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await drawnLineRows(page))[0]).toBeGreaterThan(reloaded[0]! + 55);
    await page.screenshot({ path: join(SCREENSHOTS, 'chart-tools-price-line-1440.png') });

    // It is selected by the drag: Delete removes it, for good.
    await page.keyboard.press('Delete');
    await expect.poll(() => drawnLineRows(page)).toEqual([]);
    await page.reload({ timeout: 60_000 });
    await openChart(page);
    expect(await drawnLineRows(page)).toEqual([]);
    await page.close();
  });

  it('draws a trend line with two clicks, and Esc cancels one half placed', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page);
    const box = await chartBox(page);
    const from = { x: box.x + box.width * 0.55, y: box.y + box.height * 0.4 };
    const to = { x: box.x + box.width * 0.8, y: box.y + box.height * 0.2 };
    const middle = { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    // The cursor the chart shows at its middle: `move` over a trend line (the chart's own hit test
    // of the drawing), nothing of its own elsewhere.
    const cursorAtMiddle = async () => {
      await page.mouse.move(middle.x, middle.y + 40);
      await page.mouse.move(middle.x, middle.y);
      return page
        .locator('[data-testid="chart"] > div')
        .first()
        .evaluate((el) => (el as HTMLElement).style.cursor);
    };
    const drawn = async () => (await countChartPixels(page, [DRAWING], 12))[0]!;
    const before = await drawn();

    await page.keyboard.press('Alt+KeyT');
    expect(await page.locator('[data-tool="trend-line"]').getAttribute('aria-pressed')).toBe('true');
    await page.mouse.click(from.x, from.y);
    await page.mouse.move(to.x, to.y, { steps: 4 });
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-tool="trend-line"]').getAttribute('aria-pressed')).toBe('false');
    expect(await cursorAtMiddle()).toBe('');

    await page.locator('[data-tool="trend-line"]').click();
    await page.mouse.click(from.x, from.y);
    await page.mouse.click(to.x, to.y);
    await expect.poll(cursorAtMiddle).toBe('move');
    // Placed, it is selected: its two ends carry handles in the drawing colour.
    expect(await drawn()).toBeGreaterThan(before + 20);
    await page.screenshot({ path: join(SCREENSHOTS, 'chart-tools-trend-line-1440.png') });

    await page.keyboard.press('Delete');
    await expect.poll(cursorAtMiddle).toBe('');
    await page.close();
  });

  it('saves the chart as a PNG', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page);
    const box = await chartBox(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-tool="png"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^BTC-USDT-1m-\d{8}T\d{4}Z-\d{8}T\d{4}Z\.png$/);
    const png = await readFile((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    // The whole chart, at the device's pixels (1 here), give or take the rounding of a fractional box.
    expect(Math.abs(png.readUInt32BE(16) - box.width)).toBeLessThan(2);
    expect(Math.abs(png.readUInt32BE(20) - box.height)).toBeLessThan(2);
    await page.close();
  });

  it('answers the keyboard (but not in a field): help, a typed timeframe, Esc, End to the newest candle', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await openChart(page);
    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts-help').count()).toBe(1);
    expect(await page.getByTestId('shortcuts-help').innerText()).toMatch(/Trend line/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('shortcuts-help').count()).toBe(0);

    await page.keyboard.press('5');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chart-legend').innerText()).toMatch(/BTC\/USDT · 5m/);

    // An unknown interval does nothing and Esc closes the box.
    await page.keyboard.press('7');
    expect(await page.getByTestId('interval-box').innerText()).toMatch(/not offered/);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('interval-box').count()).toBe(0);
    expect(await page.getByTestId('chart-legend').innerText()).toMatch(/· 5m/);

    // Digits typed into a field are the field's.
    const username = page.getByRole('textbox', { name: 'Username' });
    await username.fill('');
    await username.pressSequentially('15');
    expect(await username.inputValue()).toBe('15');
    expect(await page.getByTestId('interval-box').count()).toBe(0);
    await username.blur();

    // Scrolled into the past, "go to latest" offers itself; End (or the button) goes back.
    const box = await chartBox(page);
    const scrollBack = async () => {
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.35, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => page.getByTestId('go-to-latest').count()).toBe(1);
    };
    expect(await page.getByTestId('go-to-latest').count()).toBe(0);
    await scrollBack();
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('go-to-latest').count()).toBe(0);
    await scrollBack();
    await page.getByTestId('go-to-latest').click();
    await expect.poll(() => page.getByTestId('go-to-latest').count()).toBe(0);
    await page.close();
  });

  it("shows times in UTC or in the browser's zone, and remembers the choice", async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      timezoneId: 'Asia/Tokyo',
    });
    const page = await context.newPage();
    await openChart(page);
    const zone = page.locator('[data-tool="time-zone"]');
    const shown = page.getByTestId('chart-legend').locator('time');
    const hhmm = (ms: number, offsetHours: number) =>
      new Date(ms + offsetHours * 3_600_000).toISOString().slice(11, 16);

    // The time and its text from one render: a new candle may arrive between two reads.
    const read = () =>
      shown.evaluate((el) => [Date.parse(el.getAttribute('datetime')!), el.textContent] as const);

    expect(await zone.innerText()).toBe('UTC');
    let [at, text] = await read();
    expect(text).toContain(`${hhmm(at, 0)} UTC`);

    await zone.click();
    expect(await zone.getAttribute('aria-pressed')).toBe('true');
    expect(await zone.innerText()).toMatch(/^(GMT\+9|JST)$/);
    [at, text] = await read();
    expect(text).toMatch(new RegExp(`${hhmm(at, 9)} (GMT\\+9|JST)$`));

    await page.reload({ timeout: 60_000 });
    await openChart(page);
    await expect.poll(() => zone.getAttribute('aria-pressed')).toBe('true');
    await zone.click();
    expect(await zone.innerText()).toBe('UTC');
    await context.close();
  });

  it('on a phone: a tap pins the values of that candle, and every tool is within reach', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await openChart(page);
    const box = await chartBox(page);

    await page.touchscreen.tap(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await expect.poll(() => page.getByTestId('chart-legend').getAttribute('data-live')).toBe('false');
    const tapped = await legendTime(page);
    const candles = await apiCandles('BTC/USDT', '1m');
    const candle = candles.find((c) => c.time === tapped);
    expect(candle).toBeDefined();
    expect(await legendField(page, 'close').innerText()).toBe(formatPrice(candle!.close, 2));
    // It stays while ticks come in, until the next tap.
    await page.waitForTimeout(1500);
    expect(await legendTime(page)).toBe(tapped);
    await page.screenshot({ path: join(SCREENSHOTS, 'chart-tools-390.png') });

    // The drawing tools show; the rest fold behind "more" on a chart this narrow.
    const toolbar = page.getByTestId('chart-toolbar');
    const reach = async (tool: string) => {
      const b = (await toolbar.locator(`[data-tool="${tool}"]`).boundingBox())!;
      expect(b, tool).not.toBeNull();
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
      expect(b.y + b.height).toBeLessThanOrEqual(844);
      const found = await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.dataset.tool,
        { x: b.x + b.width / 2, y: b.y + b.height / 2 },
      );
      expect(found, tool).toBe(tool);
    };
    for (const tool of ['price-line', 'trend-line', 'remove', 'more']) await reach(tool);
    expect(await toolbar.locator('[data-tool="log"]').isVisible()).toBe(false);
    await toolbar.locator('[data-tool="more"]').tap();
    for (const tool of ['log', 'percent', 'time-zone', 'csv', 'png', 'help']) await reach(tool);
    await page.screenshot({ path: join(SCREENSHOTS, 'chart-tools-390-menu.png') });
    await toolbar.locator('[data-tool="percent"]').tap();
    expect(await toolbar.locator('[data-tool="percent"]').getAttribute('aria-pressed')).toBe('true');
    // A choice closes the menu.
    expect(await toolbar.locator('[data-tool="log"]').isVisible()).toBe(false);
    await context.close();
  });
});
