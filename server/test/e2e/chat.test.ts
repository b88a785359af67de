import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/kernel/logger.ts';
import { buildClient, countChartPixels, launchChromium, SCREENSHOTS } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const PASSWORD = 'a long enough password';
const QUESTION = "what's the RSI of ETH on 15m?";

/** The server's warnings and errors, shown when an answer is not what was expected. */
const serverLog: string[] = [];
const logger = createLogger('warn', { write: (line: string) => void serverLog.push(line) });

/** A username no earlier run or test has taken. */
const newUsername = (() => {
  let n = 0;
  return (prefix: string) => `${prefix}_${Date.now().toString(36)}${n++}`;
})();

/** Pixels in the candle colours (up #26a69a, down #ef5350). */
async function countCandlePixels(page: Page): Promise<number> {
  const [up, down] = await countChartPixels(page, ['#26a69a', '#ef5350']);
  return up! + down!;
}

describe('accounts and chat in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let outDir: string;
  const contexts: BrowserContext[] = [];

  /** A fresh browser profile: its own cookies, as another browser would have. */
  async function openPage(width = 1400, height = 820): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(t.url);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    return page;
  }

  async function submitAuth(
    page: Page,
    mode: 'Sign in' | 'Create account',
    username: string,
    password: string,
  ) {
    const auth = page.getByTestId('chat-auth');
    await auth.getByRole('button', { name: mode, exact: true }).first().click();
    await auth.getByLabel('Username').fill(username);
    await auth.getByLabel('Password').fill(password);
    await auth.locator('button[type="submit"]').click();
  }

  beforeAll(async () => {
    outDir = await buildClient();
    t = await startTestApp({ speed: 1, tickMs: 250, staticDir: outDir, logger });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await t?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('shows a visitor the chart, and says chatting needs an account', async () => {
    const page = await openPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    expect(await countCandlePixels(page)).toBeGreaterThan(1000);
    const panel = page.getByTestId('chat-panel');
    await expect.poll(() => panel.getByTestId('chat-auth').count()).toBe(1);
    expect(await panel.innerText()).toMatch(/chatting needs an account/i);
    expect(await page.getByTestId('chat-input').count()).toBe(0);

    // The panel folds away to give the chart the room, and stays folded after a reload.
    const chartWidth = () => page.getByTestId('chart').evaluate((el) => el.getBoundingClientRect().width);
    const withPanel = await chartWidth();
    await page.getByRole('button', { name: 'Hide the assistant' }).click();
    expect(await panel.getAttribute('data-state')).toBe('collapsed');
    await expect.poll(chartWidth).toBeGreaterThan(withPanel + 250);
    await page.reload();
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('chat-panel').getAttribute('data-state')).toBe('collapsed');
    const open = page.getByRole('button', { name: 'Assistant' });
    await open.focus();
    await open.press('Enter');
    expect(await page.getByTestId('chat-panel').getAttribute('data-state')).toBe('open');
    // The focus moves to the button that folds it again, so the keyboard is not lost.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Hide the assistant',
    );
    expect(errors).toEqual([]);
  });

  it('answers a wrong password and an unknown user with the same generic error', async () => {
    const username = newUsername('pw');
    const page = await openPage();
    await submitAuth(page, 'Create account', username, PASSWORD);
    await expect
      .poll(() => page.getByTestId('chat-username').innerText(), { timeout: 10_000 })
      .toBe(username);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByTestId('chat-auth').count(), { timeout: 10_000 }).toBe(1);

    await submitAuth(page, 'Sign in', username, 'not the password');
    await expect.poll(() => page.getByTestId('auth-error').count(), { timeout: 10_000 }).toBe(1);
    const wrongPassword = await page.getByTestId('auth-error').innerText();
    await submitAuth(page, 'Sign in', newUsername('nobody'), 'not the password');
    await expect.poll(() => page.getByTestId('auth-error').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('auth-error').innerText()).toBe(wrongPassword);
    expect(wrongPassword).not.toContain(username);
    expect(await page.getByTestId('chat-username').count()).toBe(0);

    await submitAuth(page, 'Sign in', username, PASSWORD);
    await expect.poll(() => page.getByTestId('chat-username').count(), { timeout: 10_000 }).toBe(1);
  });

  it('registers, asks, and finds the conversation again after a reload and in another browser', async () => {
    const username = newUsername('chat');
    const page = await openPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await submitAuth(page, 'Create account', username, PASSWORD);
    await expect
      .poll(() => page.getByTestId('chat-username').innerText(), { timeout: 10_000 })
      .toBe(username);
    const input = page.getByTestId('chat-input');
    // Signing in hands the focus to the question box.
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    // The socket reconnected for the new session, and the chart came back with it.
    await expect
      .poll(() => page.getByTestId('connection-badge').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('online');
    const price = () => page.getByTestId('last-price').innerText();
    const before = await price();
    await expect.poll(price, { timeout: 15_000, interval: 200 }).not.toBe(before);

    await input.fill(QUESTION);
    await input.press('Enter');
    const answer = page.getByTestId('chat-answer').last();
    await expect.poll(() => page.getByTestId('chat-answer').count(), { timeout: 30_000 }).toBe(1);
    const answerText = await answer.getByTestId('chat-answer-text').innerText();
    expect(answerText, serverLog.join('')).toMatch(/RSI/i);
    expect(answerText).toMatch(/\d+(\.\d+)?/);
    expect(await answer.getByTestId('chat-figure-value').first().innerText()).toMatch(/\d/);
    expect(await page.getByTestId('chat-question').innerText()).toBe(QUESTION);
    expect(await page.getByTestId('conversation').count()).toBe(1);
    expect(await input.inputValue()).toBe('');

    // Up in the empty box recalls the question; Shift+Enter breaks the line instead of sending.
    await input.focus();
    await input.press('ArrowUp');
    expect(await input.inputValue()).toBe(QUESTION);
    await input.press('Shift+Enter');
    expect(await input.inputValue()).toBe(`${QUESTION}\n`);
    expect(await page.getByTestId('chat-question').count()).toBe(1);
    await input.fill('');

    // "Open chart" switches the dashboard to what the answer is about.
    await answer.getByTestId('open-chart').click();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/ETH\/USDT/);
    expect(await page.locator('[data-timeframe="15m"]').getAttribute('aria-pressed')).toBe('true');
    expect(await answer.getByTestId('on-chart').innerText()).toMatch(/ETH\/USDT · 15m/);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);

    await page.reload();
    await expect.poll(() => page.getByTestId('chat-username').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('chat-answer').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('conversation').count()).toBe(1);
    expect(await page.getByTestId('chat-question').innerText()).toBe(QUESTION);
    expect(await page.getByTestId('chat-answer-text').innerText()).toBe(answerText);
    expect(await page.getByTestId('chat-figure-value').first().innerText()).toMatch(/\d/);
    await expect.poll(() => page.getByTestId('loading').count(), { timeout: 15_000 }).toBe(0);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'chat.png') });

    // Another browser, signing in: the same history.
    const elsewhere = await openPage(1100, 760);
    await submitAuth(elsewhere, 'Sign in', username, PASSWORD);
    await expect.poll(() => elsewhere.getByTestId('chat-answer').count(), { timeout: 10_000 }).toBe(1);
    expect(await elsewhere.getByTestId('chat-question').innerText()).toBe(QUESTION);

    // Logging out keeps the chart and brings the form back.
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByTestId('chat-auth').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('conversation').count()).toBe(0);
    expect(await countCandlePixels(page)).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
  }, 90_000);

  it('deletes a conversation after confirmation', async () => {
    const username = newUsername('del');
    const page = await openPage();
    await submitAuth(page, 'Create account', username, PASSWORD);
    await expect.poll(() => page.getByTestId('chat-input').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('chat-input').fill('price of BTC?');
    await page.getByTestId('chat-input').press('Enter');
    await expect.poll(() => page.getByTestId('conversation').count(), { timeout: 30_000 }).toBe(1);

    await page.getByRole('button', { name: /^Delete the conversation/ }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByTestId('conversation').count()).toBe(1);
    await page.getByRole('button', { name: /^Delete the conversation/ }).click();
    await page.getByTestId('confirm-delete').click();
    await expect.poll(() => page.getByTestId('conversation').count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('chat-answer').count()).toBe(0);

    await page.reload();
    await expect.poll(() => page.getByTestId('chat-username').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('conversation').count()).toBe(0);
  }, 60_000);
});
