import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEFRAME_MS, bucketStart } from '../../../shared/market.ts';
import type { Clock } from '../../src/kernel/clock.ts';
import { silentLogger } from '../../src/kernel/logger.ts';
import { DelegatingSource } from '../../src/market/delegating-source.ts';
import type { MarketSource } from '../../src/market/port.ts';
import { createReplaySource } from '../../src/market/replay/replay-source.ts';
import { buildClient, countChartPixels, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { fastClock } from '../support/clock.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const DESKTOP = { width: 1440, height: 900 };
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 1,
};
const LANDSCAPE: BrowserContextOptions = { ...PHONE, viewport: { width: 844, height: 390 } };

/** A market that began trading `candles` candles ago: every timeframe's history starts there. */
class RecentMarket extends DelegatingSource {
  constructor(
    inner: MarketSource,
    private readonly clock: Clock,
    private readonly candles: number,
  ) {
    super(inner);
  }

  override async fetchCandles(...args: Parameters<MarketSource['fetchCandles']>) {
    const [, timeframe] = args;
    const first = bucketStart(this.clock(), timeframe) - (this.candles - 1) * TIMEFRAME_MS[timeframe];
    return (await super.fetchCandles(...args)).filter((candle) => candle.time >= first);
  }
}

/** How far a box is from the chart's own candles: the price pane's rectangle, without its price axis. */
const pricePane = (page: Page) =>
  page.evaluate(() => {
    const cells = [...document.querySelectorAll('[data-testid="chart"] table tr:first-child td')];
    const widest = cells.map((td) => td.getBoundingClientRect()).sort((a, b) => b.width - a.width)[0]!;
    return { left: widest.left, right: widest.right, top: widest.top, bottom: widest.bottom };
  });

const box = async (page: Page, testId: string) => (await page.getByTestId(testId).first().boundingBox())!;

/** Until what loads after the first candles is there too: the cards, the chart's tools, the assistant. */
async function everythingShown(page: Page): Promise<void> {
  for (const testId of ['forecast-chip', 'chart-legend', 'chat-panel'])
    await expect.poll(() => page.getByTestId(testId).count(), { timeout: 20_000 }).toBeGreaterThan(0);
}

/**
 * Every control the page shows that a finger or a pointer cannot reach: brought into view by its own
 * scrolling container (never by scrolling the page), its centre must be on screen and hit the control
 * itself, not something lying over it.
 */
function unreachableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (el: Element | null) =>
      el === null
        ? 'nothing'
        : `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}[${
            el.getAttribute('data-testid') ??
            el.getAttribute('aria-label') ??
            el.getAttribute('title') ??
            el.textContent?.trim().slice(0, 24)
          }]`;
    const failures: string[] = [];
    for (const el of document.querySelectorAll('button, input, select, textarea, [role="button"]')) {
      const before = el.getBoundingClientRect();
      if (before.width === 0 || before.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      if (document.scrollingElement!.scrollTop !== 0 || document.scrollingElement!.scrollLeft !== 0) {
        failures.push(`${name(el)}: only by scrolling the page`);
        document.scrollingElement!.scrollTo(0, 0);
        continue;
      }
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
        failures.push(`${name(el)}: off screen at ${Math.round(x)},${Math.round(y)}`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      if (hit !== el && !el.contains(hit)) failures.push(`${name(el)}: covered by ${name(hit)}`);
    }
    return failures;
  });
}

/**
 * WCAG contrast of the theme's text colours on its backgrounds, as the browser resolves them. Text
 * needs 4.5:1; the candle colours are lines and bars, which need 3:1.
 */
function contrasts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const rgb = (variable: string) => {
      probe.style.color = `var(${variable})`;
      return getComputedStyle(probe)
        .color.match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number);
    };
    const luminance = (variable: string) => {
      const [r, g, b] = rgb(variable).map((c) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const ratio = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    const result: Record<string, number> = {};
    for (const text of ['--text', '--muted', '--up-text', '--down-text', '--amber-text', '--forecast-text'])
      for (const background of ['--bg', '--panel'])
        result[`${text} on ${background}`] = ratio(text, background);
    for (const line of ['--up', '--down', '--ema50', '--ema200', '--rsi', '--macd'])
      result[`${line} line on --bg`] = ratio(line, '--bg');
    probe.remove();
    return result;
  });
}

/**
 * 4.5:1 for text, 3:1 for lines. The candle pair is the same in both themes (lightweight-charts' own,
 * which TradingView draws on white too) and its green is 2.998:1 on white: 3:1 to the first decimal.
 */
function minimumContrast(pair: string): number {
  if (pair.startsWith('--up line')) return 2.99;
  return pair.includes(' line ') ? 3 : 4.5;
}

/** The share of the chart's area painted in a colour: its background, when that is most of it. */
async function chartShare(page: Page, colour: string): Promise<number> {
  const [count] = await countChartPixels(page, [colour], 3);
  const chart = await box(page, 'chart');
  return count! / (chart.width * chart.height);
}

/** Each test loads pages in fresh browser profiles; a busy machine can take a while over it. */
const SLOW = 120_000;

describe('themes, the phone and the cards in headless Chromium', { timeout: SLOW }, () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function open(options: BrowserContextOptions, app: TestApp = t): Promise<Page> {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url, { timeout: 60_000 });
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 30_000 }).toBe(0);
    return page;
  }

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, name) });

  beforeAll(async () => {
    outDir = await buildClient();
    t = await startTestApp({ speed: 1, tickMs: 250, staticDir: outDir });
    browser = await launchChromium();
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('follows the system into the light and the dark theme, chart included, with readable colours', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await open({ viewport: DESKTOP, colorScheme: scheme });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
      const background = scheme === 'light' ? '#ffffff' : '#0b0e11';
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
        scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(11, 14, 17)',
      );
      // The chart's canvas is mostly its background, in the page's theme.
      await expect.poll(() => chartShare(page, background), { timeout: 10_000 }).toBeGreaterThan(0.4);
      expect(await page.locator('meta[name="color-scheme"]').getAttribute('content')).toBe(scheme);

      for (const [pair, ratio] of Object.entries(await contrasts(page)))
        expect(ratio, `${scheme}: ${pair}`).toBeGreaterThanOrEqual(minimumContrast(pair));

      await expect.poll(() => page.getByTestId('forecast-card').count(), { timeout: 20_000 }).toBe(1);
      await shoot(page, `look-desktop-${scheme}.png`);
    }
  });

  it('lets the user pick a theme over the system’s, remembers it, and goes back to the system', async () => {
    const page = await open({ viewport: DESKTOP, colorScheme: 'light' });
    const toggle = page.getByTestId('theme-toggle');
    expect(await toggle.getAttribute('data-preference')).toBe('system');

    await toggle.click();
    expect(await toggle.getAttribute('data-preference')).toBe('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The chart repaints in the new theme without a reload.
    await expect.poll(() => chartShare(page, '#0b0e11')).toBeGreaterThan(0.4);
    expect(await chartShare(page, '#ffffff')).toBeLessThan(0.01);

    await page.reload();
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => chartShare(page, '#0b0e11')).toBeGreaterThan(0.4);

    await toggle.click(); // light
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await toggle.click(); // back to the system's, which is light
    expect(await toggle.getAttribute('data-preference')).toBe('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => chartShare(page, '#0b0e11')).toBeGreaterThan(0.4);
  });

  it('puts the cards above the chart, never over its newest candles, and remembers them folded', async () => {
    const page = await open({ viewport: DESKTOP, colorScheme: 'dark' });
    await expect.poll(() => page.getByTestId('forecast-card').count(), { timeout: 20_000 }).toBe(1);
    const pane = await pricePane(page);
    for (const card of ['analysis-card', 'forecast-card', 'chart-cards']) {
      const b = await box(page, card);
      const newest = { left: pane.right - 0.2 * (pane.right - pane.left), right: pane.right };
      const overlaps =
        b.x < newest.right && b.x + b.width > newest.left && b.y < pane.bottom && b.y + b.height > pane.top;
      expect(overlaps, card).toBe(false);
      // Not over the chart at all: the strip ends where the chart begins.
      expect(b.y + b.height).toBeLessThanOrEqual((await box(page, 'chart')).y + 1);
    }

    await page.getByTestId('cards-fold').click();
    expect(await page.getByTestId('chart-cards').getAttribute('data-state')).toBe('folded');
    const folded = await box(page, 'chart-cards');
    expect(folded.height).toBeLessThan(48);
    await page.reload();
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('chart-cards').getAttribute('data-state')).toBe('folded');
    expect(await page.getByTestId('forecast-card').count()).toBe(0);
    // A chip opens them again.
    await page.getByTestId('forecast-chip').click();
    await expect.poll(() => page.getByTestId('chart-cards').getAttribute('data-state')).toBe('expanded');
    await expect.poll(() => page.getByTestId('forecast-card').count()).toBe(1);
  });

  it('starts the forecast at the live price, and dates a horizon days ahead', async () => {
    const page = await open({ viewport: DESKTOP, colorScheme: 'dark' });
    await expect.poll(() => page.getByTestId('forecast-central').count(), { timeout: 20_000 }).toBe(1);
    // No drift: from the live price the central path is the live price, tick after tick. Both read
    // in one go, so no tick falls between them.
    const centralAndPrice = () =>
      page.evaluate(() =>
        ['forecast-central', 'last-price'].map(
          (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '',
        ),
      );
    const [, before] = await centralAndPrice();
    await expect
      .poll(
        async () => {
          const [central, price] = await centralAndPrice();
          return central === price && price !== before ? 'moved together' : `${central} / ${price}`;
        },
        { timeout: 20_000 },
      )
      .toBe('moved together');

    await page.locator('.header [data-timeframe="4h"]').click();
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('forecast-card').count(), { timeout: 30_000 }).toBe(1);
    // Ten 4h candles ahead is another day.
    expect(await page.getByTestId('forecast-card').innerText()).toMatch(
      /Central at \w{3} \d{1,2} \w{3} \d\d:\d\d UTC/,
    );
    // The trends compared are the 4h chart's neighbours, not the minute ones.
    const trends = await page.getByTestId('forecast-trends').innerText();
    expect(trends).toMatch(/^1h . · 4h . · 1d ./);
    await shoot(page, 'look-desktop-4h.png');
  });

  for (const scheme of ['dark', 'light'] as const) {
    it(`at 390×844 (${scheme}) reaches every control and keeps 60 % of the height for the chart`, async () => {
      const page = await open({ ...PHONE, colorScheme: scheme });
      await everythingShown(page);
      await shoot(page, `look-phone-${scheme}.png`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect((await box(page, 'chart')).height).toBeGreaterThanOrEqual(0.6 * 844);
      expect(await unreachableControls(page)).toEqual([]);
    });
  }

  it('at 390×844 switches every indicator by touch and opens the cards and the assistant', async () => {
    const page = await open({ ...PHONE, colorScheme: 'dark' });
    // Fractals and Forecast included, which used to be off-screen.
    for (const indicator of ['fractals', 'forecast']) {
      const toggle = page.locator(`[data-indicator="${indicator}"]`);
      await toggle.tap();
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.tap();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    }
    await expect.poll(() => page.getByTestId('forecast-chip').count(), { timeout: 20_000 }).toBe(1);
    await page.getByTestId('forecast-chip').tap();
    await expect.poll(() => page.getByTestId('card-sheet').count()).toBe(1);
    expect(await page.getByTestId('card-sheet').innerText()).toMatch(/80% range/);
    await shoot(page, 'look-phone-sheet.png');
    await page.getByRole('button', { name: 'Close the forecast' }).tap();
    expect(await page.getByTestId('card-sheet').count()).toBe(0);

    // The assistant opens over the whole screen.
    await page.getByTitle('Open the assistant').tap();
    await expect.poll(async () => (await box(page, 'chat-panel')).width).toBe(390);
  });

  it('on a phone on its side keeps the chart most of the height', async () => {
    const page = await open({ ...LANDSCAPE, colorScheme: 'dark' });
    await everythingShown(page);
    await shoot(page, 'look-phone-landscape.png');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(844);
    expect((await box(page, 'chart')).height).toBeGreaterThanOrEqual(0.72 * 390);
    expect(await unreachableControls(page)).toEqual([]);
  });

  describe('on a market listed 150 minutes ago', () => {
    let young: TestApp;
    beforeAll(async () => {
      const clock = fastClock(1);
      const replay = await createReplaySource({ clock, tickMs: 250, logger: silentLogger });
      young = await startTestApp({ source: new RecentMarket(replay, clock, 150), clock, staticDir: outDir });
    });
    afterAll(() => young?.close());

    it('says why an indicator is not drawn', async () => {
      const page = await open({ viewport: DESKTOP, colorScheme: 'dark' }, young);
      const ema200 = page.locator('[data-indicator="ema200"]');
      await expect.poll(() => ema200.getAttribute('data-unavailable')).toBe('true');
      // 150 candles at the start, one more each minute the market lives on while the test runs.
      expect(await ema200.getAttribute('title')).toMatch(/needs 200 candles, this chart has 1[5-9]\d/);
      expect(await page.getByTestId('indicator-note').innerText()).toMatch(
        /EMA 200 needs 200 candles, this chart has 1[5-9]\d/,
      );
      // What 150 candles do draw is not flagged.
      expect(await page.locator('[data-indicator="ema50"]').getAttribute('data-unavailable')).toBeNull();
      await shoot(page, 'look-indicator-unavailable.png');
    });
  });

  it('raised no script error on any of these pages', () => {
    expect(errors).toEqual([]);
  });
});
