import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandlesResponse } from '../../../shared/http.ts';
import { TIMEFRAME_MS, type Candle } from '../../../shared/market.ts';
import { unpackCandles } from '../../../shared/snapshot.ts';
import { buildClient, countChartPixels, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const STEP = TIMEFRAME_MS['4h'];

/** The replay's wall clock at a fixed date, moving in real time from there. */
const clockFrom = (iso: string) => {
  const origin = Date.now();
  const at = Date.parse(iso);
  return () => at + (Date.now() - origin);
};

interface OlderPage {
  before: number;
  candles: Candle[];
}

describe('scrolling a chart back into history in headless Chromium', { timeout: 180_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;

  beforeAll(async () => {
    outDir = await buildClient();
    t = await startTestApp({ clock: clockFrom('2026-11-29T20:57:30Z'), tickMs: 250, staticDir: outDir });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** Every page of older candles the chart asked for, as the server answered it. */
  const recordOlderPages = (page: Page): OlderPage[] => {
    const pages: OlderPage[] = [];
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.pathname !== '/api/candles' || !url.searchParams.has('before')) return;
      const body = (await response.json()) as CandlesResponse;
      pages.push({ before: Number(url.searchParams.get('before')), candles: unpackCandles(body.candles) });
    });
    return pages;
  };

  const legendTime = async (page: Page) =>
    Date.parse((await page.getByTestId('chart-legend').locator('time').getAttribute('datetime')) ?? '');

  const openTimeframe = async (page: Page, timeframe: string) => {
    await page.goto(t.url, { timeout: 60_000 });
    await page.locator(`.header [data-timeframe="${timeframe}"]`).click();
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(() => page.getByTestId('chart-legend').innerText())
      .toMatch(new RegExp(`BTC/USDT · ${timeframe}`));
    await expect
      .poll(async () => (await countChartPixels(page, ['#26a69a', '#ef5350'])).reduce((a, b) => a + b, 0), {
        timeout: 15_000,
      })
      .toBeGreaterThan(1000);
  };

  /** Zooms out as far as the chart goes, then drags it to the right (back in time) `until` it holds. */
  const scrollBack = async (page: Page, until: () => boolean, drags = 40) => {
    const box = (await page.getByTestId('chart').boundingBox())!;
    const y = box.y + box.height * 0.35;
    await page.mouse.move(box.x + box.width * 0.5, y);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, 400);
    for (let drag = 0; drag < drags && !until(); drag++) {
      await page.mouse.move(box.x + box.width * 0.1, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.8, y, { steps: 6 });
      await page.mouse.up();
    }
    return { box, y };
  };

  it('opens 4h, scrolls left past its snapshot and shows older candles joined without a gap', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const pages = recordOlderPages(page);
    await openTimeframe(page, '4h');
    // The chart's snapshot: the 5,000 newest 4h candles, as the API has them.
    const res = await fetch(`${t.url}/api/candles?symbol=BTC%2FUSDT&timeframe=4h&limit=5000`);
    const snapshot = unpackCandles(((await res.json()) as CandlesResponse).candles);
    expect(snapshot).toHaveLength(5000);
    expect(pages).toEqual([]);

    const { box, y } = await scrollBack(page, () => pages.length >= 2);
    await expect.poll(() => pages.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

    // The first page was asked from the snapshot's first candle, each next one from the page before's.
    expect(pages[0]!.before).toBe(snapshot[0]!.time);
    for (const [i, older] of pages.entries()) {
      expect(older.candles.length).toBeGreaterThan(0);
      if (i > 0) expect(older.before).toBe(pages[i - 1]!.candles[0]!.time);
      // Contiguous: oldest first, one 4h apart, and the last one opens one step before `before`.
      expect(older.candles.every((c, k) => k === 0 || c.time - older.candles[k - 1]!.time === STEP)).toBe(
        true,
      );
      expect(older.candles.at(-1)!.time + STEP).toBe(older.before);
    }

    // What the chart shows at its left edge now is older (the view stayed in the past when pages came) than anything the snapshot had.
    await page.mouse.move(box.x + box.width * 0.05, y);
    await page.mouse.move(box.x + box.width * 0.06, y);
    await expect.poll(() => page.getByTestId('chart-legend').getAttribute('data-live')).toBe('false');
    const shown = await legendTime(page);
    expect(shown).toBeLessThan(snapshot[0]!.time);
    const fetched = pages.flatMap((p) => p.candles);
    expect(fetched.some((c) => c.time === shown)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'history-scroll-4h-1440.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on 1d, whose snapshot already reaches the first recorded hour, asks once and stops at the empty page', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pages = recordOlderPages(page);
    await openTimeframe(page, '1d');
    await scrollBack(page, () => pages.length > 0, 10);
    await expect.poll(() => pages.length, { timeout: 30_000 }).toBe(1);
    expect(pages[0]!.candles).toEqual([]);
    // More scrolling at the start of the history asks nothing more.
    await scrollBack(page, () => false, 4);
    await page.waitForLoadState('networkidle');
    expect(pages).toHaveLength(1);
    await page.close();
  });
});
