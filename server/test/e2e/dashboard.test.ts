import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCcxtStack } from '../support/ccxt-stack.ts';
import { buildClient, countChartPixels, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** Pixels in the candle colours (up #26a69a, down #ef5350). */
async function countCandlePixels(page: Page): Promise<{ up: number; down: number }> {
  const [up, down] = await countChartPixels(page, ['#26a69a', '#ef5350']);
  return { up: up!, down: down! };
}

/** Pixels in the forecast's colour (#f5a524): its path, bands and labels. */
const countForecastPixels = async (page: Page) => (await countChartPixels(page, ['#f5a524'], 4))[0]!;

const priceOf = async (page: Page) =>
  Number((await page.getByTestId('last-price').innerText()).replace(/[^0-9.]/g, ''));

describe('dashboard in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    outDir = await buildClient();
    // Real time, a tick every 250 ms: the last price visibly moves within a second or two.
    t = await startTestApp({ speed: 1, tickMs: 250, staticDir: outDir });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('draws real candles, shows the replay source, and the last price moves', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url);

    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(async () => (await priceOf(page)) > 0, { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('source-badge').innerText()).toMatch(/replay/i);
    await expect.poll(() => page.getByTestId('connection-badge').getAttribute('data-state')).toBe('online');

    const pixels = await countCandlePixels(page);
    expect(pixels.up).toBeGreaterThan(500);
    expect(pixels.down).toBeGreaterThan(500);

    const first = await priceOf(page);
    // Recorded BTC traded between about 46,000 and 60,000 in this window.
    expect(first).toBeGreaterThan(30_000);
    expect(first).toBeLessThan(80_000);
    await expect.poll(() => priceOf(page), { timeout: 15_000, interval: 200 }).not.toBe(first);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches symbol and timeframe without a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);

    await page.getByRole('button', { name: /^Symbol BTC\/USDT/ }).click();
    await page.getByRole('option', { name: /ETH\/USDT/ }).click();
    // ETH was around 2,500–4,400 USDT in the recording.
    await expect.poll(() => priceOf(page), { timeout: 10_000 }).toBeLessThan(5_000);
    await page.locator('[data-timeframe="1h"]').click();
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 10_000 }).toBe(0);
    const pixels = await countCandlePixels(page);
    expect(pixels.up + pixels.down).toBeGreaterThan(1000);
    await expect.poll(() => page.title()).toMatch(/ETH\/USDT/);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-eth-1h.png') });
    await page.close();
  });

  it('reconnects after the connection drops and asks only for what it missed', async () => {
    const resubscriptions: unknown[] = [];
    t.app.io.on('connection', (socket) =>
      socket.on('subscribe', (payload: unknown) => resubscriptions.push(payload)),
    );
    const page = await browser.newPage({ viewport: { width: 1000, height: 600 } });
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    const states: string[] = [];
    await page.exposeFunction('reportState', (s: string) => states.push(s));
    await page.evaluate(() => {
      const badge = document.querySelector('[data-testid="connection-badge"]')!;
      new MutationObserver(() =>
        (window as unknown as { reportState(s: string): void }).reportState(
          badge.getAttribute('data-state') ?? '',
        ),
      ).observe(badge, { attributes: true });
    });

    // Cut every transport, as a network drop would; the browser must come back by itself.
    for (const socket of t.app.io.sockets.sockets.values()) socket.conn.close();
    await expect
      .poll(() => states.includes('reconnecting') || states.includes('connecting'), { timeout: 5_000 })
      .toBe(true);
    await expect
      .poll(() => page.getByTestId('connection-badge').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('online');
    await expect.poll(() => resubscriptions.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(resubscriptions.at(-1)).toMatchObject({
      symbol: 'BTC/USDT',
      timeframe: '1m',
      since: expect.any(Number),
    });

    const before = await priceOf(page);
    await expect.poll(() => priceOf(page), { timeout: 15_000, interval: 200 }).not.toBe(before);
    await page.close();
  });

  it('on a live exchange: shows it, says when it goes stale, and recovers by itself', async () => {
    const stack = await startCcxtStack({ tickMs: 250 });
    const live = await startTestApp({
      source: stack.source({ staleAfterMs: 1_000 }),
      clock: stack.clock,
      staticDir: outDir,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
      await page.goto(live.url);
      await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
      expect(await page.getByTestId('source-badge').innerText()).toMatch(/Live: binance/);
      expect(await page.getByTestId('stream-notice').count()).toBe(0);

      await stack.fake.stop();
      await expect
        .poll(() => page.getByTestId('stream-notice').getAttribute('data-state'), { timeout: 15_000 })
        .toBe('stale');
      expect(await page.getByTestId('stream-notice').innerText()).toMatch(/showing the last candles/);
      expect(await page.getByTestId('connection-badge').innerText()).toMatch(/stale/i);
      const pixels = await countCandlePixels(page);
      expect(pixels.up + pixels.down).toBeGreaterThan(1000);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-exchange-stale.png') });

      await stack.fake.restart();
      await expect.poll(() => page.getByTestId('stream-notice').count(), { timeout: 20_000 }).toBe(0);
      const before = await priceOf(page);
      await expect.poll(() => priceOf(page), { timeout: 15_000, interval: 200 }).not.toBe(before);
      await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-exchange-live.png') });
      await page.close();
    } finally {
      await live.close();
      await stack.close();
    }
  });

  it('draws the indicator panes and the analysis card, and remembers which indicators are shown', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('analysis-headline').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('analysis-headline').innerText()).toMatch(/^BTC\/USDT 1m: /);
    // Rows of the chart's layout taller than a pane separator: the panes and the time axis.
    const panes = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid="chart"] table tr')].filter(
            (tr) => tr.getBoundingClientRect().height > 8,
          ).length,
      );
    // Price, RSI and MACD panes, plus the time axis row: the indicator panes follow the first candles.
    const withAll = 4;
    await expect.poll(panes, { timeout: 10_000 }).toBe(withAll);

    await page.locator('[data-indicator="rsi"]').click();
    await expect.poll(panes).toBe(withAll - 1);
    expect(await page.locator('[data-indicator="rsi"]').getAttribute('aria-pressed')).toBe('false');
    await page.reload();
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(panes).toBe(withAll - 1);
    expect(await page.locator('[data-indicator="rsi"]').getAttribute('aria-pressed')).toBe('false');
    await page.locator('[data-indicator="rsi"]').click();
    await expect.poll(panes).toBe(withAll);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-indicators.png') });
    await page.close();
  });

  it('draws the forecast fan ahead of the last candle with its card and live track record', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('forecast-card').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('forecast-range80').innerText()).toMatch(/^[\d,.]+ – [\d,.]+$/);
    expect(await page.getByTestId('forecast-direction').innerText()).toMatch(/^\d+% \(90% CI/);
    expect(await page.getByTestId('forecast-risk').innerText()).toMatch(/^(low|medium|high) risk$/i);
    expect(await page.getByTestId('forecast-track').innerText()).toMatch(/scored|n = \d+/i);
    await expect.poll(() => countForecastPixels(page), { timeout: 10_000 }).toBeGreaterThan(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-forecast.png') });

    // The toggle hides the fan and the card, and nothing else.
    await page.locator('[data-indicator="forecast"]').click();
    await expect.poll(() => countForecastPixels(page)).toBeLessThan(5);
    expect(await page.getByTestId('forecast-card').count()).toBe(0);
    await page.locator('[data-indicator="forecast"]').click();
    await expect.poll(() => countForecastPixels(page)).toBeGreaterThan(200);
    await page.close();
  });
});
