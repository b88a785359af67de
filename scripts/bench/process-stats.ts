/** What the kernel says a process has used: CPU time and resident memory, from /proc (Linux). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of utime/stime; 100 on nearly every Linux. */
const TICKS_PER_SECOND =
  Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** User + system CPU time of every thread of `pid` so far, in µs (resolution: one clock tick, 10 ms). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may hold spaces: count fields from after it (field 3 on).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return ((utime + stime) * 1e6) / TICKS_PER_SECOND;
}

/** Resident set size of `pid`, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** CPU used by `pid` from now until `stop()` is called, in µs. */
export function cpuMeter(pid: number): { stop(): number; readonly startedAt: number } {
  const start = cpuMicros(pid);
  const startedAt = performance.now();
  return { startedAt, stop: () => cpuMicros(pid) - start };
}

/** CPU time the whole machine spent busy so far (every core; idle, I/O wait and steal excluded), in µs. */
function machineBusyMicros(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [user, nice, system, , , irq, softirq] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user! + nice! + system! + irq! + softirq!) * 1e6) / TICKS_PER_SECOND;
}

/**
 * How busy the machine was with work other than `pids` (and this process) from now until `stop()`, in
 * cores: a benchmark on a shared machine says under what load its figures were taken.
 */
export function otherLoadMeter(pids: readonly number[]): { stop(): number } {
  const ours = () => cpuMicros(process.pid) + pids.reduce((total, pid) => total + cpuMicros(pid), 0);
  const machine = machineBusyMicros();
  const mine = ours();
  const started = performance.now();
  return {
    stop: () =>
      Math.max(0, machineBusyMicros() - machine - (ours() - mine)) / ((performance.now() - started) * 1000),
  };
}
