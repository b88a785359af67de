import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceResponse } from '../../../shared/workspace.ts';
import { buildClient, countChartPixels, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long enough password';

/** Four charts, each on its own market and timeframe. */
const FOUR = [
  { symbol: 'ETH/USDT', timeframe: '15m' },
  { symbol: 'SOL/USDT', timeframe: '1h' },
  { symbol: 'BNB/USDT', timeframe: '5m' },
  { symbol: 'BTC/USDT', timeframe: '4h' },
] as const;

/** How long what the page shows may take on a busy machine; a healthy one shows it at once. */
const SLOW = { timeout: 60_000 };

const titleOf = ({ symbol, timeframe }: { symbol: string; timeframe: string }) => `${symbol} · ${timeframe}`;

/** What each chart of the layout says it shows, in order. */
const paneStreams = (page: Page) => page.getByTestId('pane-stream').allInnerTexts();

/** Pixels in the candle colours (up #26a69a, down #ef5350) in one chart of the layout. */
async function candlePixels(page: Page, pane: number): Promise<number> {
  const [up, down] = await countChartPixels(page, ['#26a69a', '#ef5350'], 12, `[data-pane="${pane}"]`);
  return up! + down!;
}

async function expectCandlesInEveryPane(page: Page, panes: number): Promise<void> {
  for (let pane = 0; pane < panes; pane++)
    await expect.poll(() => candlePixels(page, pane), SLOW).toBeGreaterThan(300);
}

/** Makes a chart the active one by its title, then picks its market and timeframe in the header. */
async function showInPane(page: Page, pane: number, stream: { symbol: string; timeframe: string }) {
  await page.locator(`[data-pane="${pane}"] [data-testid="pane-title"]`).click();
  await expect
    .poll(() => page.locator(`[data-pane="${pane}"]`).getAttribute('data-active'), SLOW)
    .toBe('true');
  await page.locator('.header [data-testid="symbol-picker"] button[aria-haspopup="dialog"]').click();
  await page.locator(`[data-testid="symbol-search"] [data-symbol="${stream.symbol}"]`).click();
  await page.locator(`.header [data-timeframe="${stream.timeframe}"]`).click();
  await expect
    .poll(() => page.locator(`[data-pane="${pane}"] [data-testid="pane-stream"]`).innerText(), SLOW)
    .toBe(titleOf(stream));
}

describe('layouts in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;
  /** The browser profiles a test opened, closed when it ends: pages left open keep drawing. */
  let contexts: BrowserContext[] = [];
  const errors: string[] = [];

  /** A fresh browser profile: its own cookies and storage, as another browser would have. */
  async function openPage(width = 1440, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    // Eight live charts on a busy 2-core machine: actions may wait long for a still frame.
    page.setDefaultTimeout(90_000);
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url, { timeout: 90_000 });
    await expect.poll(() => page.getByTestId('loading').count(), SLOW).toBe(0);
    return page;
  }

  async function submitAuth(page: Page, mode: 'Sign in' | 'Create account', username: string) {
    const auth = page.getByTestId('chat-auth');
    await auth.getByRole('button', { name: mode, exact: true }).first().click();
    await auth.getByLabel('Username').fill(username);
    await auth.getByLabel('Password').fill(PASSWORD);
    await auth.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('chat-input').count(), SLOW).toBe(1);
  }

  beforeAll(async () => {
    outDir = await buildClient();
    // Real time at the replay's own pace: eight live charts at once need no faster ticks.
    t = await startTestApp({ speed: 1, tickMs: 1000, staticDir: outDir });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterEach(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('brings a signed-in user’s four charts back in another browser', async () => {
    const username = `layouts_${Date.now().toString(36)}`;
    const first = await openPage();
    await submitAuth(first, 'Create account', username);

    await first.locator('[data-layout="4"]').click();
    await expect.poll(() => first.getByTestId('chart-pane').count(), SLOW).toBe(4);
    for (const [pane, stream] of FOUR.entries()) await showInPane(first, pane, stream);
    expect(await paneStreams(first)).toEqual(FOUR.map(titleOf));

    // Saved on the server a second after the last change.
    const saved = () =>
      first.evaluate(async () => (await (await fetch('/api/workspace')).json()) as WorkspaceResponse);
    await expect
      .poll(async () => (await saved()).workspace, SLOW)
      .toMatchObject({ layout: '4', panes: FOUR, activePane: 3 });
    await expectCandlesInEveryPane(first, 4);
    await first.screenshot({ path: join(SCREENSHOTS, 'layout-4.png') });

    // Another browser: one chart until the user signs in, then theirs.
    await first.context().close();
    const second = await openPage();
    expect(await second.getByTestId('chart-pane').count()).toBe(1);
    await submitAuth(second, 'Sign in', username);
    await expect.poll(() => paneStreams(second), SLOW).toEqual(FOUR.map(titleOf));
    await expect.poll(() => second.locator('[data-pane="3"]').getAttribute('data-active'), SLOW).toBe('true');
    await expectCandlesInEveryPane(second, 4);
    await second.screenshot({ path: join(SCREENSHOTS, 'layout-4-other-browser.png') });
    expect(errors).toEqual([]);
  }, 480_000); // two browsers, eight charts

  it('keeps a visitor’s layout in the browser across a reload', async () => {
    const page = await openPage();
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-1.png') });
    await page.locator('[data-layout="2"]').click();
    await showInPane(page, 1, { symbol: 'SOL/USDT', timeframe: '1h' });
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('trendscope.workspace')), SLOW)
      .toContain('"SOL/USDT"');

    await page.reload();
    await expect.poll(() => paneStreams(page), SLOW).toEqual(['BTC/USDT · 1m', 'SOL/USDT · 1h']);
    await expectCandlesInEveryPane(page, 2);
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-2.png') });
    expect(errors).toEqual([]);
  }, 240_000);

  it('shows the crosshair on the other chart at the same moment, unless sync is off', async () => {
    const page = await openPage();
    await page.locator('[data-layout="2"]').click();
    await expectCandlesInEveryPane(page, 2);
    const crosshair = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--crosshair').trim(),
    );
    expect(crosshair).toMatch(/^#[0-9a-f]{6}$/i);
    const crosshairPixels = async () => (await countChartPixels(page, [crosshair], 6, '[data-pane="1"]'))[0]!;
    const first = (await page.locator('[data-pane="0"] [data-testid="chart"]').boundingBox())!;
    const overFirst = () => page.mouse.move(first.x + first.width * 0.5, first.y + first.height * 0.3);

    // Each chart keeps its analysis and forecast, as one line of chips above it.
    await expect
      .poll(() => page.locator('[data-testid="chart-cards"][data-state="folded"]').count(), SLOW)
      .toBe(2);

    await page.mouse.move(5, 5);
    const away = await crosshairPixels();
    await overFirst();
    await expect.poll(crosshairPixels, SLOW).toBeGreaterThan(away + 100);
    // The other chart's legend reads the candle under the synced crosshair, at the same time.
    const legendTime = (pane: number) =>
      page.locator(`[data-pane="${pane}"] [data-testid="chart-legend"] time`).getAttribute('datetime');
    await expect
      .poll(
        () => page.locator('[data-pane="1"] [data-testid="chart-legend"]').getAttribute('data-live'),
        SLOW,
      )
      .toBe('false');
    expect(await legendTime(1)).toBe(await legendTime(0));

    await page.locator('[data-sync="crosshair"]').click();
    await expect
      .poll(() => page.locator('[data-sync="crosshair"]').getAttribute('aria-pressed'), SLOW)
      .toBe('false');
    await overFirst();
    await page.mouse.move(first.x + first.width * 0.4, first.y + first.height * 0.35);
    await expect.poll(crosshairPixels, SLOW).toBeLessThan(away + 20);
  }, 240_000);

  it('stacks two charts on a phone, each with its candles', async () => {
    const page = await openPage(390, 844);
    await page.locator('[data-layout="2"]').click();
    await expectCandlesInEveryPane(page, 2);
    const [top, bottom] = await Promise.all(
      [0, 1].map(async (pane) => (await page.locator(`[data-pane="${pane}"]`).boundingBox())!),
    );
    expect(bottom!.y).toBeGreaterThanOrEqual(top!.y + top!.height);
    expect(top!.width).toBeGreaterThan(350);
    await page.screenshot({ path: join(SCREENSHOTS, 'layout-2-phone.png') });
  }, 240_000);
});
