/** Startup benchmark of the production runtime; what it measures and how is in USAGE. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { intArg, parseCli } from './cli.ts';
import { countColours, decodePng } from './png-pixels.ts';

const USAGE = `Usage: node --import tsx scripts/bench-startup.ts [--runs 5] [--idle-seconds 60] [--loads 3]

Copies the working tree to a temporary folder (the repository's dist/ is left alone), builds it and
measures the production runtime, each server its own \`node dist/server/src/main.js\` process (replay
source, PGlite in a throwaway DATA_DIR, nothing from REDIS_URL or DATABASE_URL):

  build, clean            node scripts/build.mjs on the fresh copy (tsc -b server, vite build, .br/.gz)
  first start → /healthz  spawn to the first 200 from /healthz, empty DATA_DIR (PGlite created, migrated)
  restart → /healthz      the same, DATA_DIR kept; median of --runs
  npm start → /healthz    build.mjs --if-stale (nothing stale) then the server; median of --runs
  idle RSS                VmRSS (/proc) of the server after --idle-seconds with no client, and what fills it
  initial JS / CSS        the entry of dist/client/index.html and its static imports: raw, gzip -9, brotli
  first candle            navigation to the first screenshot of the chart holding candle-coloured pixels
                          (up #26a69a and down #ef5350), headless Chromium, a new context (cold cache)
                          per load; median of --loads

Options:
  --runs <n>           restarts timed (default 5)
  --idle-seconds <n>   how long the server idles before its RSS is read (default 60)
  --loads <n>          browser loads timed; 0 skips the browser (default 3)
  -h, --help           show this help
`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    runs: { type: 'string', default: '5' },
    'idle-seconds': { type: 'string', default: '60' },
    loads: { type: 'string', default: '3' },
  },
});
const RUNS = intArg(values.runs, '--runs', { min: 1, max: 50 });
const IDLE_SECONDS = intArg(values['idle-seconds'], '--idle-seconds', { min: 0, max: 3600 });
const LOADS = intArg(values.loads, '--loads', { min: 0, max: 20 });

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CANDLE_COLOURS = ['#26a69a', '#ef5350'];
/** Both candle colours this often in the chart: bodies and wicks, not a lone price label. */
const CANDLE_PIXELS = 200;
/** Answers the benchmark's 'memory' message from inside the server; loaded only here, never in production. */
const MEMORY_PROBE = `data:text/javascript,${encodeURIComponent(`
  import v8 from 'node:v8';
  process.channel?.unref();
  process.on('message', () => process.send({
    usage: process.memoryUsage(),
    spaces: v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]),
  }));
`)}`;

interface Row {
  what: string;
  value: string;
  target?: string;
  ok?: boolean;
}
const rows: Row[] = [];
const notes: string[] = [];
const tempDirs: string[] = [];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const ms = (n: number) => `${Math.round(n)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
};

/** The sources a build reads, copied; node_modules linked (nothing is installed). */
function copyTree(): string {
  const copy = tempDir('trendscope-bench-startup-');
  for (const entry of ['client', 'server', 'shared', 'scripts', 'package.json', 'package-lock.json'])
    cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  for (const entry of ['tsconfig.json', 'vite.config.ts']) cpSync(join(ROOT, entry), join(copy, entry));
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

function build(root: string, args: string[] = []): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['scripts/build.mjs', ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
  if (args.length === 0) notes.push(...result.stdout.trim().split('\n'));
  return performance.now() - started;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

interface Server {
  child: ChildProcess;
  url: string;
  /** From spawn to the first 200 from /healthz. */
  readyMs: number;
}

async function startServer(root: string, dataDir: string, probe = false): Promise<Server> {
  const port = await freePort();
  const env = { ...process.env };
  for (const name of ['REDIS_URL', 'DATABASE_URL', 'MARKET_SOURCE', 'SESSION_SECRET', 'LLM_BASE_URL'])
    delete env[name];
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...(probe ? ['--import', MEMORY_PROBE] : []), 'dist/server/src/main.js'],
    {
      cwd: root,
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe', ...(probe ? ['ipc' as const] : [])],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  while (child.exitCode === null) {
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, url, readyMs: performance.now() - started };
    await sleep(10);
  }
  throw new Error(`the server exited with ${child.exitCode}:\n${stderr}`);
}

async function stop({ child }: Server): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function procStatus(pid: number): { rss: number; threads: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: field('VmRSS') * 1024, threads: field('Threads') };
}

interface MemoryReport {
  usage: NodeJS.MemoryUsage;
  spaces: [string, number][];
}

async function memoryOf({ child }: Server): Promise<MemoryReport> {
  const answer = once(child, 'message');
  child.send('memory');
  return (await answer)[0] as MemoryReport;
}

function describeMemory(label: string, server: Server, report: MemoryReport): string {
  const { rss, threads } = procStatus(server.child.pid!);
  const { heapUsed, heapTotal, external, arrayBuffers } = report.usage;
  const code = report.spaces.find(([name]) => name === 'code_space')?.[1] ?? 0;
  return (
    `${label}: RSS ${mb(rss)} = main-thread V8 heap ${mb(heapTotal)} (${mb(heapUsed)} used, code ${mb(code)}) ` +
    `+ external ${mb(external)} (ArrayBuffers ${mb(arrayBuffers)}: PGlite's WASM memory among them) ` +
    `+ the rest ${mb(rss - heapTotal - external)} (Node/V8 binary, ${threads} threads incl. worker heaps)`
  );
}

/** The entry script of index.html, its modulepreloads and, transitively, the chunks they import statically. */
function initialAssets(clientDir: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const attr = (tag: RegExp) => [...html.matchAll(tag)].map((m) => m[1]!);
  const js = new Set([
    ...attr(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...attr(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ]);
  for (const path of js) {
    const code = readFileSync(join(clientDir, path), 'utf8');
    // `import{a}from"./x.js"`, `import"./x.js"`, `export*from"./x.js"`: not `import("./x.js")`.
    for (const m of code.matchAll(/\b(?:import|export)\s*(?:[^"'`();]*?\bfrom\s*)?["']([^"']+\.js)["']/g))
      js.add(new URL(m[1]!, `http://x${path}`).pathname);
  }
  return { js: [...js], css: attr(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g) };
}

function sizeRow(what: string, clientDir: string, paths: string[], targetGzip?: number): void {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const path of paths) {
    const body = readFileSync(join(clientDir, path));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    const br = join(clientDir, `${path}.br`);
    brotli += existsSync(br)
      ? readFileSync(br).length
      : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  rows.push({
    what: `${what} (${paths.length} file${paths.length === 1 ? '' : 's'})`,
    value: `${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} br`,
    ...(targetGzip === undefined ? {} : { target: `≤ ${kb(targetGzip)} gzip`, ok: gzip <= targetGzip }),
  });
}

/**
 * Navigation to the first frame Chromium painted with the chart in both candle colours, in a cold
 * browser context. Frames come from the DevTools screencast, each stamped with the time it was
 * painted, so the figure does not depend on how long a screenshot takes.
 */
async function firstCandles(url: string): Promise<number[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const times: number[] = [];
  let frameCount = 0;
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const frames: { paintedAt: number; png: Buffer }[] = [];
      cdp.on('Page.screencastFrame', (frame) => {
        frames.push({ paintedAt: frame.metadata.timestamp! * 1000, png: Buffer.from(frame.data, 'base64') });
        void cdp.send('Page.screencastFrameAck', { sessionId: frame.sessionId }).catch(() => {});
      });
      await cdp.send('Page.startScreencast', { format: 'png', everyNthFrame: 1 });
      const startedAt = Date.now();
      await page.goto(url, { waitUntil: 'commit' });
      // The DOM only says where the chart is; whether candles are drawn is judged by pixels.
      const box = await page.locator('[data-testid="chart"]').boundingBox({ timeout: 30_000 });
      if (!box) throw new Error('the chart never appeared');
      let found: number | undefined;
      for (let seen = 0; found === undefined;) {
        if (Date.now() - startedAt > 30_000) throw new Error('no candles painted within 30 s');
        if (seen === frames.length) {
          await sleep(20);
          continue;
        }
        const frame = frames[seen++]!;
        const [up, down] = countColours(decodePng(frame.png), CANDLE_COLOURS, box);
        if (up! >= CANDLE_PIXELS && down! >= CANDLE_PIXELS) found = frame.paintedAt - startedAt;
      }
      times.push(found);
      frameCount += frames.length;
      await cdp.send('Page.stopScreencast').catch(() => {});
      await context.close();
    }
  } finally {
    await browser.close();
  }
  notes.push(`first candle: ${frameCount} screencast frames over ${LOADS} loads, 1280×800 viewport`);
  return times;
}

function printTable(): void {
  const header = { what: 'measure', value: 'result', target: 'target', ok: undefined };
  const cells = [header, ...rows].map((r) => [
    r.what,
    r.value,
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'OVER',
  ]);
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i]!.length)));
  for (const [n, c] of cells.entries()) {
    console.log(
      `| ${c
        .slice(0, 3)
        .map((s, i) => s.padEnd(widths[i]!))
        .join(' | ')} | ${c[3]!.padEnd(4)} |`,
    );
    if (n === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|------|`);
  }
  for (const note of notes) console.log(`  ${note}`);
}

async function main(): Promise<void> {
  const root = copyTree();
  console.error(`[bench-startup] building a copy in ${root}`);
  rows.push({ what: 'build, clean', value: ms(build(root)) });

  const dataDir = tempDir('trendscope-bench-data-');
  const first = await startServer(root, dataDir);
  await stop(first);
  rows.push({ what: 'first start → /healthz (empty DATA_DIR)', value: ms(first.readyMs) });

  const restarts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const server = await startServer(root, dataDir);
    restarts.push(server.readyMs);
    await stop(server);
  }
  const restart = median(restarts);
  rows.push({
    what: `restart → /healthz (median of ${RUNS})`,
    value: ms(restart),
    target: '≤ 3000 ms',
    ok: restart <= 3000,
  });

  const npmStarts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const buildMs = build(root, ['--if-stale']);
    const server = await startServer(root, dataDir);
    npmStarts.push(buildMs + server.readyMs);
    await stop(server);
  }
  rows.push({
    what: `npm start, nothing stale → /healthz (median of ${RUNS})`,
    value: ms(median(npmStarts)),
  });

  const clientDir = join(root, 'dist/client');
  const { js, css } = initialAssets(clientDir);
  sizeRow('initial JS', clientDir, js, 150 * 1024);
  sizeRow('initial CSS', clientDir, css);

  const server = await startServer(root, dataDir, true);
  try {
    notes.push(describeMemory('at /healthz', server, await memoryOf(server)));
    console.error(`[bench-startup] idling ${IDLE_SECONDS} s`);
    await sleep(IDLE_SECONDS * 1000);
    const report = await memoryOf(server);
    const { rss } = procStatus(server.child.pid!);
    rows.push({
      what: `idle RSS after ${IDLE_SECONDS} s`,
      value: mb(rss),
      target: '≤ 250 MB',
      ok: rss <= 250 * 1024 * 1024,
    });
    notes.push(describeMemory(`after ${IDLE_SECONDS} s idle`, server, report));

    if (LOADS > 0) {
      const times = await firstCandles(server.url);
      rows.push({ what: `navigation → first candle pixels (median of ${LOADS})`, value: ms(median(times)) });
      notes.push(`first candle, each load: ${times.map(ms).join(', ')}`);
      notes.push(`RSS after the loads: ${mb(procStatus(server.child.pid!).rss)}`);
    }
  } finally {
    await stop(server);
  }
  printTable();
}

try {
  await main();
} finally {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
