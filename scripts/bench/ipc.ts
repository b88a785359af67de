/**
 * Request/response over a child process's IPC channel, so the benchmark's processes (load generators,
 * the bare server, the /healthz prober) are driven like functions. `advanced` serialisation (structured
 * clone) carries what an ack may hold: Maps, typed arrays and Buffers as well as JSON.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Request {
  id: number;
  command: string;
  args: unknown;
}
type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type Handlers = Record<string, (args: never) => unknown>;

export interface Worker<H extends Handlers> {
  readonly child: ChildProcess;
  readonly pid: number;
  call<C extends keyof H & string>(
    command: C,
    ...args: Parameters<H[C]> extends [] ? [] : [Parameters<H[C]>[0]]
  ): Promise<Awaited<ReturnType<H[C]>>>;
  /** Asks it to exit, and kills it if it has not after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Runs `node --import tsx <entry>` with the file-descriptor limit raised to the hard limit (a load
 * generator holds thousands of sockets), and an IPC channel to it.
 */
export function startWorker<H extends Handlers>(
  entry: URL,
  options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Worker<H> {
  const child = spawnNode([...(options.nodeArgs ?? []), '--import', 'tsx', fileURLToPath(entry)], {
    env: options.env ?? process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A request sent before the child listens would be lost (a preloaded listener reads it), so requests
  // wait for its word that it does.
  const ready = new Promise<void>((resolve) =>
    child.on('message', (message: { ready?: boolean }) => message?.ready === true && resolve()),
  );
  child.on('message', (message: Response) => {
    if (typeof message?.id !== 'number') return; // not an answer: another listener's message
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiter?.resolve(message.result);
    else waiter?.reject(new Error(message.error));
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`${entry.pathname} exited (${signal ?? code}) before answering`));
    pending.clear();
  });
  return {
    child,
    pid: child.pid!,
    call(command, ...args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        void ready.then(() => child.send({ id, command, args: args[0] } satisfies Request));
      });
    },
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In the child: answers each request with its handler's result; exits when the parent goes away. */
export function serveRequests(handlers: Handlers): void {
  // The channel keeps this process alive until the parent goes (gc-probe.mjs, preloaded, unrefs it).
  process.channel?.ref();
  process.on('message', (message: Request) => {
    if (typeof message?.command !== 'string') return; // not a request: another listener's message
    const handler = handlers[message.command];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        return handler(message.args as never);
      })
      .then(
        (result) => process.send?.({ id: message.id, ok: true, result } satisfies Response),
        (err: unknown) =>
          process.send?.({
            id: message.id,
            ok: false,
            error: err instanceof Error ? err.message : String(err),
          } satisfies Response),
      );
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}

/**
 * `node <args>` through sh, which first raises the soft limit on open files to the hard one, then
 * execs node: the child's pid is node's own, so /proc/<pid> reads the right process.
 */
export function spawnNode(args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  return spawn(
    '/bin/sh',
    ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...args],
    options,
  );
}
