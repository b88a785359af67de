/** Several load-generator processes driven as one: sockets split between them, results merged. */
import { startWorker, type Worker } from './ipc.ts';
import type {
  LoadGeneratorHandlers,
  Receipt,
  SubscribeArgs,
  SubscribeReport,
  Tally,
} from './load-generator.ts';

const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
  return into;
};

export interface Counted {
  /** Per update: receipts across every process. */
  receipts: Map<string, Receipt>;
  /** Subscribed sockets per symbol, across every process. */
  subscribers: Record<string, number>;
}

export class LoadFleet {
  private constructor(readonly workers: Array<Worker<LoadGeneratorHandlers>>) {}

  static start(processes: number): LoadFleet {
    return new LoadFleet(
      Array.from({ length: processes }, () =>
        startWorker<LoadGeneratorHandlers>(new URL('./load-generator.ts', import.meta.url)),
      ),
    );
  }

  get pids(): number[] {
    return this.workers.map((w) => w.pid);
  }

  /** `total` more sockets, split evenly; each process opens up to `concurrency` at a time. */
  async connect(url: string, total: number, firstIndex = 0, concurrency = 50) {
    const share = (i: number) =>
      Math.floor(total / this.workers.length) + (i < total % this.workers.length ? 1 : 0);
    let index = firstIndex;
    const reports = await Promise.all(
      this.workers.map((worker, i) => {
        const count = share(i);
        const call = worker.call('connect', { url, count, firstIndex: index, concurrency });
        index += count;
        return call;
      }),
    );
    return {
      connected: reports.reduce((n, r) => n + r.connected, 0),
      failed: reports.reduce((all, r) => addCounts(all, r.failed), {}),
      ms: Math.max(...reports.map((r) => r.ms)),
    };
  }

  /** Every connected socket subscribes at the same moment. */
  async subscribe(args: SubscribeArgs): Promise<SubscribeReport> {
    const reports = await Promise.all(this.workers.map((w) => w.call('subscribe', args)));
    return {
      latencies: reports.flatMap((r) => r.latencies),
      failures: reports.reduce((all, r) => addCounts(all, r.failures), {}),
      bytes: reports.flatMap((r) => r.bytes),
      subscribers: reports.reduce((all, r) => addCounts(all, r.subscribers), {}),
    };
  }

  async countStart(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call('countStart')));
  }

  async countStop(): Promise<Counted> {
    const parts = await Promise.all(this.workers.map((w) => w.call('countStop')));
    const receipts = new Map<string, Receipt>();
    for (const part of parts)
      for (const [key, r] of part.receipts) {
        const seen = receipts.get(key);
        if (!seen) receipts.set(key, { ...r });
        else {
          seen.first = Math.min(seen.first, r.first);
          seen.last = Math.max(seen.last, r.last);
          seen.count += r.count;
          seen.repeats += r.repeats;
        }
      }
    return { receipts, subscribers: parts.reduce((all, p) => addCounts(all, p.subscribers), {}) };
  }

  async tally(): Promise<Tally> {
    const parts = await Promise.all(this.workers.map((w) => w.call('tally')));
    return {
      connected: parts.reduce((n, p) => n + p.connected, 0),
      subscribed: parts.reduce((n, p) => n + p.subscribed, 0),
      events: parts.reduce((all, p) => addCounts(all, p.events), {}),
      disconnects: parts.reduce((all, p) => addCounts(all, p.disconnects), {}),
    };
  }

  async disconnectAll(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call('disconnectAll')));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
  }
}
