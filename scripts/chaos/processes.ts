/**
 * The child processes a chaos run starts, and only those: each is registered when spawned so that
 * cleanup (normal end, an error, Ctrl-C) stops exactly what this run started and nothing else.
 */
import { execFile, spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

/** The machine's own Redis and PostgreSQL: a chaos run never listens on, kills or restarts them. */
const MACHINE_PORTS = new Set([6379, 5432]);

/** `n` different free ports. */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** A port nothing listens on (bound, read and released), never one of the machine's services. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    if (!MACHINE_PORTS.has(port)) return port;
  }
}

export interface Child {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Set by kill(): an exit we caused is not a crash. */
  killedOnPurpose: boolean;
}

const running = new Set<Child>();

/** Spawns `command`, appending its stdout and stderr to `logFile`. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  logFile: string,
  options: SpawnOptions = {},
): Child {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  const log = createWriteStream(logFile, { flags: 'a' });
  proc.stdout?.pipe(log, { end: false });
  proc.stderr?.pipe(log, { end: false });
  const child: Child = {
    name,
    process: proc,
    killedOnPurpose: false,
    exited: new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        running.delete(child);
        resolve(code ?? signal ?? -1);
      });
      // A command that cannot be spawned (not installed) ends here too, rather than as an unhandled error.
      proc.once('error', () => {
        running.delete(child);
        resolve(-1);
      });
    }),
  };
  running.add(child);
  return child;
}

/** Sends `signal` to a child of ours and waits for it to end (SIGKILL after `graceMs`). */
export async function kill(
  child: Child,
  signal: NodeJS.Signals = 'SIGKILL',
  graceMs = 10_000,
): Promise<void> {
  child.killedOnPurpose = true;
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill(signal);
  const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** Every child still running, killed; run at exit, on an error and on a signal. */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((c) => kill(c, 'SIGKILL')));
}

/** Runs a command to its end without holding the event loop (the load keeps running); throws with its output when it fails. */
export function runAsync(command: string, args: string[], options: { cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { encoding: 'utf8', ...options }, (err, stdout, stderr) =>
      err
        ? reject(new Error(`${command} ${args.join(' ')} failed: ${err.message}\n${stdout}${stderr}`))
        : resolve(stdout),
    ),
  );
}

/** Runs a command to its end; throws with its output when it fails. */
export function run(command: string, args: string[], options: { cwd?: string } = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal ?? result.error?.message}):\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  return result.stdout;
}
