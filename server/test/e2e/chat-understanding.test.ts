import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/kernel/logger.ts';
import { buildClient, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long enough password';

/** The server's warnings and errors, shown when an answer is not what was expected. */
const serverLog: string[] = [];
const logger = createLogger('warn', { write: (line: string) => void serverLog.push(line) });

describe('the chat says what it did not understand, in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;
  let page: Page;

  /** Sends a question and returns the newest answer card once it is there. */
  async function ask(question: string, answers: number) {
    const input = page.getByTestId('chat-input');
    await input.fill(question);
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('chat-answer').count(), { timeout: 30_000 }).toBe(answers);
    return page.getByTestId('chat-answer').last();
  }

  const chips = (answer: ReturnType<Page['getByTestId']>) =>
    answer.getByRole('group', { name: 'Suggested questions' }).getByRole('button').allInnerTexts();

  beforeAll(async () => {
    outDir = await buildClient();
    t = await startTestApp({ speed: 1, tickMs: 250, staticDir: outDir, logger });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('reads a misspelled question, says what it assumed, and answers it', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    const auth = page.getByTestId('chat-auth');
    await auth.getByRole('button', { name: 'Create account', exact: true }).first().click();
    await auth.getByLabel('Username').fill(`understand_${Date.now().toString(36)}`);
    await auth.getByLabel('Password').fill(PASSWORD);
    await auth.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('chat-input').count(), { timeout: 10_000 }).toBe(1);

    await ask("what's the RSI of ETH on 15m?", 1);
    // The last question was about ETH: a misspelled coin must not fall back on it.
    const answer = await ask('waht is teh macd of bitcon', 2);
    const text = await answer.getByTestId('chat-answer-text').innerText();
    expect(text, serverLog.join('')).toMatch(
      /^Assuming you meant BTC \(“bitcon”\)\. MACD \(12, 26, 9\) of BTC\/USDT on 1h is /,
    );
    expect(text).not.toContain('ETH');
    expect(await answer.getAttribute('data-intent')).toBe('indicator');
    expect(await answer.getAttribute('data-refusal')).toBeNull();
    expect((await chips(answer)).length).toBeGreaterThanOrEqual(2);

    // A word it cannot place at all is named, with what it may have meant as questions to click.
    const unknown = await ask('bnc price', 3);
    expect(await unknown.getByTestId('chat-answer-text').innerText()).toBe(
      "I don't know “bnc” — did you mean BNB or BTC?",
    );
    expect(await unknown.getAttribute('data-refusal')).toBe('unknown-word');
    expect(await chips(unknown)).toEqual(['Price of BNB', 'Price of BTC']);
    expect(await unknown.getByTestId('chat-figure-value').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);

  it('says EUR is not offered, and its chip asks the question it can answer', async () => {
    const refused = await ask('price of BTC in EUR', 4);
    expect(await refused.getByTestId('chat-answer-text').innerText()).toBe(
      'BTC is not offered against EUR here: only as BTC/USDT, so its prices are in USDT.',
    );
    expect(await refused.getAttribute('data-refusal')).toBe('unsupported-quote');
    const offered = await chips(refused);
    expect(offered[0]).toBe('Price of BTC');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'chat-refusal.png') });

    await refused.getByRole('button', { name: 'Price of BTC' }).click();
    await expect.poll(() => page.getByTestId('chat-answer').count(), { timeout: 30_000 }).toBe(5);
    const answered = page.getByTestId('chat-answer').last();
    expect(await answered.getByTestId('chat-answer-text').innerText()).toMatch(
      /^BTC\/USDT is at [\d,]+\.\d\d, /,
    );
    expect(await answered.getAttribute('data-refusal')).toBeNull();
  }, 90_000);

  it('shows the last candles as a table', async () => {
    const answer = await ask('the last 5 candles of BTC', 6);
    const table = answer.getByTestId('chat-table');
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Time (UTC)',
      'Open',
      'High',
      'Low',
      'Close',
      'Volume (BTC)',
      'Change',
    ]);
    expect(await table.locator('tbody tr').count()).toBe(5);
    expect(await table.locator('tbody tr').first().locator('td').first().innerText()).toMatch(/\(forming\)$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'chat-understanding.png') });
  }, 60_000);
});
