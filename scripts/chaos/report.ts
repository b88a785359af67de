/** The chaos table (markdown, to paste into the README) and the notes that explain its figures. */
import { readFileSync } from 'node:fs';
import type { CandleAudit, ChatAudit, Window } from './checks.ts';
import { keyOf, SILENCE_MS, type AckedSend, type CandleClient, type Sample } from './load.ts';

export interface FaultResult {
  window: Window;
  label: string;
  downSeconds: number;
  startedAt: number;
  restartedAt: number;
  /** Undefined when the checks never all turned green again. */
  recoveredAt?: number;
  stillRed: string[];
  /** Which instance was down (its probes are unreachable on purpose). */
  downInstance?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const inWindow = (w: Window, at: number) => at >= w.from && at < w.to;

export function table(
  results: FaultResult[],
  samples: Sample[],
  candles: CandleAudit,
  chat: ChatAudit,
  acked: AckedSend[],
): string {
  const lines = [
    '| fault | down | time to recover | candles missing | acked chat messages lost | stored twice | 5xx seen | max /healthz latency |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const r of results) {
    const name = r.window.name;
    const during = samples.filter((s) => inWindow(r.window, s.at));
    const fiveXx = during.filter((s) => s.status >= 500).length;
    const faultEnd = r.recoveredAt ?? r.window.to;
    const latency = Math.max(
      0,
      ...during.filter((s) => s.path === '/healthz' && s.status > 0 && s.at <= faultEnd).map((s) => s.ms),
    );
    const wrong = candles.wrong.get(name) ?? 0;
    const ackedHere = acked.filter((a) => inWindow(r.window, a.ackedAt)).length;
    lines.push(
      `| ${r.label} | ${r.downSeconds} s | ${r.recoveredAt ? seconds(r.recoveredAt - r.restartedAt) : `not recovered (${r.stillRed.join('; ')})`} | ${candles.missing.get(name) ?? 0}${wrong ? ` (+${wrong} wrong)` : ''} | ${chat.lost.get(name) ?? 0} of ${ackedHere} | ${chat.twice.get(name) ?? 0} | ${fiveXx} | ${Math.round(latency)} ms |`,
    );
  }
  return lines.join('\n');
}

/** Per fault, what the clients were told while it lasted and what the instances logged as errors. */
export function notes(
  results: FaultResult[],
  samples: Sample[],
  /** Failures the clients saw, by what they were doing, e.g. `chat attempts unanswered`. */
  failures: Record<string, Array<{ at: number; code: string }>>,
  acked: AckedSend[],
  logs: Array<{ name: string; file: string }>,
): string[] {
  const logErrors = logs.flatMap(({ name, file }) => errorLines(name, file));
  const out: string[] = [];
  for (const r of results) {
    const w = r.window;
    const tally = (events: Array<{ at: number; code: string }>) => {
      const counts = new Map<string, number>();
      for (const e of events) if (inWindow(w, e.at)) counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
      return [...counts].map(([code, n]) => `${code} ×${n}`).join(', ') || 'none';
    };
    const unreachable = samples.filter((s) => inWindow(w, s.at) && s.status === 0);
    const byInstance = new Map<string, number>();
    for (const s of unreachable) byInstance.set(s.instance, (byInstance.get(s.instance) ?? 0) + 1);
    const status5xx = samples
      .filter((s) => inWindow(w, s.at) && s.status >= 500)
      .map((s) => `${s.instance} ${s.path} ${s.status}`);
    const errors = logErrors.filter((e) => inWindow(w, e.at));
    const slowest = Math.max(0, ...acked.filter((a) => inWindow(w, a.ackedAt)).map((a) => a.latencyMs));
    out.push(
      `- ${r.label}: slowest chat answer ${slowest} ms; ${Object.entries(failures)
        .map(([what, events]) => `${what}: ${tally(events)}`)
        .join('; ')}; ` +
        `probes unanswered: ${[...byInstance].map(([i, n]) => `${i} ×${n}${i === r.downInstance ? ' (killed)' : ''}`).join(', ') || 'none'}` +
        (status5xx.length ? `; 5xx: ${[...new Set(status5xx)].join(', ')}` : '') +
        `; error lines logged: ${errors.length}${errors.length ? ` (${[...new Set(errors.map((e) => `${e.name}: ${e.msg}`))].slice(0, 3).join(' | ')})` : ''}`,
    );
  }
  return out;
}

/** pino lines at error level and above (50+), with their time and message. */
function errorLines(name: string, file: string): Array<{ name: string; at: number; msg: string }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      const entry = JSON.parse(line) as { level?: number; time?: number; msg?: string };
      return (entry.level ?? 0) >= 50 ? [{ name, at: entry.time ?? 0, msg: entry.msg ?? '' }] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Silences on sockets while nothing was down (from each recovery, and the first green, to the next
 * fault): a stream that stalls then is a fault of its own, not an outage's aftermath.
 */
export function quietSilences(
  clients: CandleClient[],
  quiet: Array<{ from: number; to: number }>,
): string | undefined {
  const found = clients.flatMap((c) =>
    c.silences
      .filter((s) => quiet.some((q) => s.from >= q.from && s.to <= q.to))
      .map((s) => ({ ...s, ms: s.to - s.from, client: c })),
  );
  if (found.length === 0) return undefined;
  const longest = found.reduce((a, b) => (b.ms > a.ms ? b : a));
  const pairs = new Map<string, number>();
  for (const f of found) {
    const key = `${f.stream} on sockets of ${f.client.instance} watching ${f.client.streams.map(keyOf).join(' + ')}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  return (
    `while nothing was down: ${found.length} silences of more than ${SILENCE_MS / 1000} s on a socket's stream, ` +
    `longest ${(longest.ms / 1000).toFixed(1)} s; ${[...pairs].map(([k, n]) => `${k} ×${n}`).join('; ')}`
  );
}
