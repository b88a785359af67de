import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve('test-results');

/** Builds the SPA into a fresh temporary folder and returns it, for startTestApp's staticDir. */
export async function buildClient(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'trendscope-client-'));
  await promisify(execFile)(process.execPath, [
    'node_modules/vite/bin/vite.js',
    'build',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  return outDir;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * How many pixels of the chart's canvases are drawn in each colour (`#rrggbb`), give or take
 * `tolerance` per channel: what a user sees, without trusting the chart's own state. `within`
 * narrows it to the charts inside an element (one chart of a layout: `[data-pane="1"]`).
 */
export function countChartPixels(
  page: Page,
  colours: string[],
  tolerance = 12,
  within = '',
): Promise<number[]> {
  return page.evaluate(
    ({ colours, tolerance, within }) => {
      const targets = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
      const counts = targets.map(() => 0);
      const selector = `${within} [data-testid="chart"] canvas`.trim();
      for (const canvas of document.querySelectorAll<HTMLCanvasElement>(selector)) {
        const ctx = canvas.getContext('2d');
        if (!ctx || canvas.width === 0 || canvas.height === 0) continue;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4) {
          targets.forEach(([r, g, b], k) => {
            if (
              Math.abs(data[i]! - r!) < tolerance &&
              Math.abs(data[i + 1]! - g!) < tolerance &&
              Math.abs(data[i + 2]! - b!) < tolerance
            )
              counts[k]!++;
          });
        }
      }
      return counts;
    },
    { colours, tolerance, within },
  );
}
