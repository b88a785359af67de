import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const SYMBOLS = ['BNB/USDT', 'BTC/USDT', 'ETH/USDT', 'SOL/USDT'];

const rows = (page: Page) => page.locator('[data-ticker-symbol]');
const row = (page: Page, symbol: string) => page.locator(`[data-ticker-symbol="${symbol}"]`);
const rowSymbols = (page: Page) =>
  page.$$eval('[data-ticker-symbol]', (trs) => trs.map((tr) => tr.getAttribute('data-ticker-symbol')));
const percent = (text: string) => Number(text.replace(/[^0-9.+-]/g, ''));
/** Polls until the expectation holds: generous, since a busy machine renders slowly. */
const soon = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 200 });

/** The header's 24h change and the watchlist row's of the selected symbol, read in one go. */
const changes = (page: Page) =>
  page.evaluate(() => {
    const selected = document.querySelector('[data-ticker-symbol][aria-selected="true"]');
    return {
      symbol: selected?.getAttribute('data-ticker-symbol'),
      header: document.querySelector('[data-testid="change-24h"]')?.textContent ?? '',
      row: selected?.querySelector('[data-testid="ticker-change"]')?.textContent ?? '',
    };
  });

describe('the watchlist in headless Chromium', { timeout: 120_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    outDir = await buildClient();
    // Real time: prices move every second, as they would live.
    t = await startTestApp({ speed: 1, tickMs: 250, staticDir: outDir });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('lists every symbol live, sorts by change, opens a row on the chart, and agrees with the header', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url, { timeout: 60_000 });

    // Wide enough: the list is open beside the chart from the start.
    await soon(() => rows(page).count()).toBe(SYMBOLS.length);
    expect((await rowSymbols(page)).sort()).toEqual(SYMBOLS);
    await soon(() => page.locator('[data-testid="ticker-sparkline"]').count()).toBe(SYMBOLS.length);

    // A price ticks.
    const btcLast = row(page, 'BTC/USDT').getByTestId('ticker-last');
    await soon(() => btcLast.innerText()).toMatch(/\d/);
    const first = await btcLast.innerText();
    await soon(() => btcLast.innerText()).not.toBe(first);

    // Sorted by the 24h change, biggest first, then the other way.
    await page.locator('[data-sort="change"]').click();
    const byChange = async () => {
      const shown = await page.$$eval('[data-ticker-symbol] [data-testid="ticker-change"]', (tds) =>
        tds.map((td) => td.textContent ?? ''),
      );
      return shown.map(percent);
    };
    const descending = await byChange();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.locator('[data-sort="change"]').click();
    const ascending = await byChange();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(await page.locator('th[aria-sort="ascending"]').innerText()).toMatch(/24h/i);

    // The header quotes the selected market's change to the digit the row does.
    const before = await changes(page);
    expect(before.symbol).toBe('BTC/USDT');
    expect(before.header).toMatch(/^[+-]?\d+\.\d\d% 24h$/);
    expect(before.header.startsWith(before.row)).toBe(true);

    // A click on a row opens that market on the chart.
    await row(page, 'ETH/USDT').click();
    await soon(() => page.title()).toMatch(/ETH\/USDT/);
    await soon(() => row(page, 'ETH/USDT').getAttribute('aria-selected')).toBe('true');
    await soon(() => page.getByTestId('loading').count()).toBe(0);
    await soon(async () => {
      const now = await changes(page);
      return now.symbol === 'ETH/USDT' && now.row !== '' && now.header.startsWith(now.row);
    }).toBe(true);

    await page.screenshot({ path: join(SCREENSHOTS, 'watchlist-1440.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('remembers the fold, and follows every symbol only while the list is open', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    // What the page asks of the server, as the server receives it.
    const subscribes: unknown[] = [];
    t.app.io.on('connection', (socket) =>
      socket.on('tickers:subscribe', (payload: unknown) => subscribes.push(payload)),
    );
    await page.goto(t.url, { timeout: 60_000 });
    await soon(() => rows(page).count()).toBe(SYMBOLS.length);
    await soon(() => subscribes.at(-1)).toEqual({});

    await page.getByRole('button', { name: 'Hide the watchlist' }).click();
    await soon(() => page.getByTestId('watchlist').getAttribute('data-state')).toBe('collapsed');
    // Folded, only the header's market is followed.
    await soon(() => subscribes.at(-1)).toEqual({ symbols: ['BTC/USDT'] });
    await soon(() => page.getByTestId('change-24h').innerText()).toMatch(/%/);

    await page.reload();
    await soon(() => page.getByTestId('watchlist').getAttribute('data-state')).toBe('collapsed');
    expect(await rows(page).count()).toBe(0);
    await page.getByRole('button', { name: 'Watchlist', exact: true }).click();
    await soon(() => rows(page).count()).toBe(SYMBOLS.length);
    await context.close();
  });

  it('is a drawer on a phone: the header opens it, a row switches the chart and closes it', async () => {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await page.goto(t.url, { timeout: 60_000 });
    await soon(() => page.getByTestId('loading').count()).toBe(0);
    // Folded on a phone, with no rail taking the chart's width.
    expect(await rows(page).count()).toBe(0);
    expect(await page.locator('.watchlist-rail').isVisible()).toBe(false);

    const button = page.getByTestId('watchlist-button');
    const box = (await button.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await button.tap();
    await soon(() => rows(page).count()).toBe(SYMBOLS.length);
    const drawer = (await page.getByTestId('watchlist').boundingBox())!;
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(390);
    await soon(() => row(page, 'SOL/USDT').getByTestId('ticker-change').innerText()).toMatch(/%/);
    await page.screenshot({ path: join(SCREENSHOTS, 'watchlist-390.png') });

    await row(page, 'SOL/USDT').tap();
    await soon(() => page.title()).toMatch(/SOL\/USDT/);
    await soon(() => rows(page).count()).toBe(0);
    await soon(() => page.getByTestId('loading').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'watchlist-390-closed.png') });
    await page.close();
  });
});
