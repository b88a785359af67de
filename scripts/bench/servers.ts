/**
 * The servers a benchmark measures, each in its own process: TrendScope as production runs it
 * (`node dist/server/src/main.js`, built first if stale) and the bare Socket.IO baseline.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fail } from '../cli.ts';
import { spawnNode, startWorker, type Worker } from './ipc.ts';
import type { BareServerConfig, BareServerHandlers } from './bare-server.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_ENTRY = join(ROOT, 'dist/server/src/main.js');
/** Node options of every measured server: memoryAfterGc() collects garbage through gc-probe.mjs. */
const MEASURED_NODE_ARGS = [
  '--expose-gc',
  '--import',
  pathToFileURL(join(ROOT, 'scripts/bench/gc-probe.mjs')).href,
];

/** `node scripts/build.mjs --if-stale`: dist/ as the sources are now; exits the script if it fails. */
export function buildIfStale(): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) fail(`build failed:\n${result.stdout}${result.stderr}`, 1);
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

export interface RunningServer {
  readonly pid: number;
  readonly url: string;
  /** Memory after a full garbage collection (see memoryAfterGc). */
  memoryAfterGc(): Promise<MemoryAfterGc>;
  stop(): Promise<void>;
}

/**
 * The limits a benchmark lifts: every client comes from 127.0.0.1, so the per-address event and
 * request limits would otherwise refuse most of them (which is their job, and not what is measured).
 */
export const UNLIMITED_ENV = {
  SOCKET_EVENTS_PER_SOCKET: '100000',
  SOCKET_EVENTS_PER_ADDRESS: '100000000',
  HTTP_REQUESTS_PER_MINUTE: '0',
};

export interface TrendScopeOptions {
  env?: Record<string, string>;
  /** Passes the server's log lines (LOG_LEVEL, warn by default) to stderr, prefixed; else kept for errors. */
  forwardLogs?: string;
}

/**
 * TrendScope in its own process on a free port, with a fresh DATA_DIR (PGlite) removed on stop, and
 * nothing from this shell's REDIS_URL, DATABASE_URL or LLM_BASE_URL unless `env` sets them.
 */
export async function startTrendScope(options: TrendScopeOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'trendscope-bench-data-'));
  const env = {
    ...process.env,
    REDIS_URL: '',
    DATABASE_URL: '',
    LLM_BASE_URL: '',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ...options.env,
    PORT: String(port),
  };
  const child = spawnNode([...MEASURED_NODE_ARGS, SERVER_ENTRY], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = captureOutput(child, options.forwardLogs);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, child);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${output.join('\n')}`, { cause: err });
  }
  return {
    pid: child.pid!,
    url,
    memoryAfterGc: () => memoryAfterGc(child),
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BareServer extends RunningServer {
  readonly worker: Worker<BareServerHandlers>;
}

/** The bare Socket.IO server (bare-server.ts) in its own process, listening on a free port. */
export async function startBareServer(config: Omit<BareServerConfig, 'port'>): Promise<BareServer> {
  const worker = startWorker<BareServerHandlers>(new URL('./bare-server.ts', import.meta.url), {
    nodeArgs: MEASURED_NODE_ARGS,
  });
  const port = await freePort();
  await worker.call('listen', { ...config, port });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, worker.child);
  return {
    pid: worker.pid,
    url,
    worker,
    memoryAfterGc: () => memoryAfterGc(worker.child),
    stop: () => worker.stop(),
  };
}

export interface MemoryAfterGc {
  /** Resident set size, bytes. */
  rss: number;
  /** What is alive: V8 heap used plus memory outside it held by JS objects (Buffers), bytes. */
  live: number;
}

/**
 * Collects garbage, lets V8 hand back what it freed (its memory reducer releases pages over the next
 * moments), collects again and reads. `live` is exact; `rss` still moves by some MB with the young
 * generation's size and the allocator's arenas.
 */
async function memoryAfterGc(child: ChildProcess): Promise<MemoryAfterGc> {
  await probeMemory(child);
  await sleep(1_000);
  const usage = await probeMemory(child);
  return { rss: usage.rss, live: usage.heapUsed + usage.external };
}

function probeMemory(child: ChildProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('the server did not answer the memory probe within 30 s'));
    }, 30_000);
    const onMessage = (message: NodeJS.MemoryUsage & { probe?: string; collected?: boolean }) => {
      if (message?.probe !== 'memory-after-gc') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (!message.collected) reject(new Error('the server runs without --expose-gc'));
      else resolve(message);
    };
    child.on('message', onMessage);
    child.send({ probe: 'memory-after-gc' });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server at ${url} exited (${child.signalCode ?? child.exitCode}) while starting`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`the server at ${url} did not answer /healthz within ${timeoutMs / 1000} s`);
}

/** SIGTERM (TrendScope drains, up to 10 s), then SIGKILL. */
async function stopChild(child: ChildProcess, graceMs = 12_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The last lines the child printed (for a failed start), or every line forwarded with `prefix`. */
function captureOutput(child: ChildProcess, prefix?: string): string[] {
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        if (prefix !== undefined) process.stderr.write(`${prefix}${line}\n`);
        lines.push(line);
        if (lines.length > 50) lines.shift();
      }
    });
  }
  return lines;
}
