/**
 * The HTTP prober of a chaos run, on a thread of its own: the latency it measures is the instances',
 * not the event-loop delay of the runner's main thread, which is busy with hundreds of sockets.
 * Plain JavaScript: a worker does not inherit the tsx loader.
 *
 * workerData: {instances: [{name, url}], paths: string[], intervalMs}. Posts every sample
 * ({at, instance, path, status, ms}; status 0 = unreachable or no answer in 5 s) when sent 'stop'.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{instances: Array<{name: string, url: string}>, paths: string[], intervalMs: number}} */
const { instances, paths, intervalMs } = workerData;
/** @type {Array<{at: number, instance: string, path: string, status: number, ms: number}>} */
const samples = [];
let stopped = false;

/** @param {string} instance @param {string} url @param {string} path */
async function probe(instance, url, path) {
  const at = Date.now();
  const started = performance.now();
  const status = await fetch(url + path, { signal: AbortSignal.timeout(5_000) }).then(
    async (r) => {
      await r.arrayBuffer();
      return r.status;
    },
    () => 0,
  );
  samples.push({ at, instance, path: path.split('?')[0] ?? path, status, ms: performance.now() - started });
}

parentPort?.on('message', () => (stopped = true));
while (!stopped) {
  const round = sleep(intervalMs);
  await Promise.all(instances.flatMap((i) => paths.map((path) => probe(i.name, i.url, path))));
  await round;
}
parentPort?.postMessage(samples);
