import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, countChartPixels, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startCcxtStack, type CcxtStack } from '../support/ccxt-stack.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/** Pixels in the candle colours (up #26a69a, down #ef5350). */
const candlePixels = async (page: Page) => {
  const [up, down] = await countChartPixels(page, ['#26a69a', '#ef5350']);
  return up! + down!;
};
const priceOf = async (page: Page) =>
  Number((await page.getByTestId('last-price').innerText()).replace(/[^0-9.]/g, ''));
/** The page is up and the chart's stream loaded: no overlay (there is none before the first render), a price. */
const loaded = (page: Page) =>
  expect
    .poll(async () => (await page.getByTestId('loading').count()) === 0 && (await priceOf(page)) > 0, {
      timeout: 30_000,
    })
    .toBe(true);
const combobox = (page: Page) => page.getByRole('combobox', { name: 'Search a symbol' });
/** How long the page may take to show what a step leads to (a lazy chunk, a re-render) on a busy machine. */
const UI = { timeout: 10_000 };
/** Each test loads two or three streams in a browser: more than the default allows on a busy machine. */
const BROWSER_TEST_MS = 90_000;

describe('symbol search and long timeframes in Chromium', { timeout: BROWSER_TEST_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;

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

  it('typing "sol" anywhere opens the search; the keyboard picks SOL/USDT and the chart switches', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url);
    await loaded(page);
    expect(await priceOf(page)).toBeGreaterThan(10_000);

    await page.keyboard.type('sol');
    await expect.poll(() => combobox(page).inputValue(), UI).toBe('sol');
    expect(await combobox(page).evaluate((el) => el === document.activeElement)).toBe(true);
    const options = page.getByRole('option');
    expect(await options.allInnerTexts()).toEqual([expect.stringMatching(/^SOL\/USDT\s+Solana/)]);
    await page.screenshot({ path: join(SCREENSHOTS, 'symbol-search-desktop.png') });

    // The active option is the one the combobox points at; arrows move it, and wrap.
    const activeSymbol = async () => {
      const id = await combobox(page).getAttribute('aria-activedescendant');
      return page.locator(`[id="${id}"]`).getAttribute('data-symbol');
    };
    await combobox(page).fill('');
    await expect.poll(activeSymbol, UI).toBe('BTC/USDT');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeSymbol, UI).toBe('ETH/USDT');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeSymbol, UI).toBe('SOL/USDT');
    await combobox(page).pressSequentially('so');
    await expect.poll(activeSymbol, UI).toBe('SOL/USDT');
    await page.keyboard.press('Enter');

    await expect.poll(() => combobox(page).count(), UI).toBe(0);
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/SOL\/USDT/);
    await loaded(page);
    // SOL traded between about 20 and 60 USDT in the recording.
    await expect.poll(() => priceOf(page), { timeout: 10_000 }).toBeLessThan(100);
    const picker = page.getByRole('button', { name: /^Symbol SOL\/USDT/ });
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => picker.evaluate((el) => el === document.activeElement), UI).toBe(true);

    // Esc closes a search without changing anything; a digit never opens one (it is the chart's).
    await page.keyboard.type('e');
    await expect.poll(() => combobox(page).count(), UI).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => combobox(page).count(), UI).toBe(0);
    await page.keyboard.press('4');
    expect(await combobox(page).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.title()).toMatch(/SOL\/USDT/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('1w from the timeframe menu draws years of weekly candles', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(t.url);
    await loaded(page);
    await page.getByTestId('more-timeframes').click();
    // The menu takes the focus on its first item, as menus do.
    const first = page.getByRole('menuitemradio').first();
    await expect.poll(() => first.evaluate((el) => el === document.activeElement), UI).toBe(true);
    await page.getByRole('menuitemradio', { name: /^1w/ }).click();
    await loaded(page);
    await expect
      .poll(() => page.getByTestId('more-timeframes').getAttribute('aria-label'), UI)
      .toBe('Timeframe 1w: more timeframes');
    await expect.poll(() => candlePixels(page), { timeout: 10_000 }).toBeGreaterThan(2000);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeframe-1w-desktop.png') });
    await page.close();
  });

  it('on a phone (390×844): the search and every timeframe are reachable by touch', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await page.goto(t.url);
    await loaded(page);
    const picker = page.getByRole('button', { name: /^Symbol BTC\/USDT/ });
    await picker.tap();
    await combobox(page).fill('eth');
    const box = await page.getByTestId('symbol-search').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, 'symbol-search-phone.png') });
    await page.getByRole('option', { name: /ETH\/USDT/ }).tap();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/ETH\/USDT/);
    await loaded(page);

    await page.getByTestId('more-timeframes').tap();
    const menu = await page.getByRole('menu', { name: 'More timeframes' }).boundingBox();
    expect(menu!.x).toBeGreaterThanOrEqual(0);
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeframe-menu-phone.png') });
    await page.getByRole('menuitemradio', { name: /^1w/ }).tap();
    await loaded(page);
    await expect.poll(() => candlePixels(page), { timeout: 10_000 }).toBeGreaterThan(500);
    await page.screenshot({ path: join(SCREENSHOTS, 'timeframe-1w-phone.png') });
    await context.close();
  });
});

describe('symbol search over a hundred markets', { timeout: 2 * BROWSER_TEST_MS }, () => {
  let stack: CcxtStack;
  let t: TestApp;
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    outDir = await buildClient();
    stack = await startCcxtStack({ markets: 'many', tickMs: 250 });
    // As main.ts does with a live exchange: its markets, and its own tickers over the same client.
    const source = stack.source({ symbols: [{ quote: 'USDT' }, { quote: 'BTC' }] });
    t = await startTestApp({
      source,
      tickerSource: stack.tickers(),
      clock: stack.clock,
      staticDir: outDir,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await stack?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('finds a market by name or as exchanges write the pair, and opens it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(t.url);
    await loaded(page);
    await page.keyboard.type('c');
    await expect.poll(() => page.getByRole('option').count(), UI).toBeGreaterThan(10);
    await combobox(page).fill('cardano');
    expect(await page.getByRole('option').allInnerTexts()).toEqual([
      expect.stringMatching(/^ADA\/USDT\s+Cardano/),
      expect.stringMatching(/^ADA\/BTC\s+Cardano/),
    ]);
    await combobox(page).fill('ethbtc');
    await expect
      .poll(() => page.getByRole('option').allInnerTexts(), UI)
      .toEqual([expect.stringMatching(/^ETH\/BTC/)]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/ETH\/BTC/);
    await loaded(page);
    await expect.poll(() => candlePixels(page), { timeout: 10_000 }).toBeGreaterThan(1000);
    await page.screenshot({ path: join(SCREENSHOTS, 'symbol-search-many-markets.png') });
    await page.close();
  });
});
