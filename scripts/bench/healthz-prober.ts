/**
 * Asks GET /healthz every `everyMs` from its own process, whatever the answers' delay (open loop: a
 * slow answer does not thin the samples), so what it measures is what everyone else waits for while
 * the server is busy. Driven over IPC; `stop` returns each request's time to a full answer.
 */
import { serveRequests } from './ipc.ts';

const TIMEOUT_MS = 30_000;
let timer: NodeJS.Timeout | undefined;
let running: Array<Promise<void>> = [];
let latencies: number[] = [];
let failures = 0;

function probe(url: string): Promise<void> {
  const started = performance.now();
  return fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
    .then((res) => res.arrayBuffer().then(() => res.ok))
    .then(
      (ok) => {
        if (!ok) failures++;
        latencies.push(performance.now() - started);
      },
      () => {
        failures++;
        latencies.push(performance.now() - started);
      },
    );
}

function start(args: { url: string; everyMs: number }): void {
  latencies = [];
  failures = 0;
  running = [];
  const url = `${args.url}/healthz`;
  timer = setInterval(() => running.push(probe(url)), args.everyMs);
}

/** Stops asking, waits for the answers still due, and returns every latency (ms) and failure count. */
async function stop(): Promise<{ latencies: number[]; failures: number }> {
  clearInterval(timer);
  await Promise.all(running);
  return { latencies, failures };
}

const handlers = { start, stop };
export type HealthzProberHandlers = typeof handlers;

if (process.send) serveRequests(handlers);
