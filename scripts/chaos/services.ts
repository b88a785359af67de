/**
 * What a chaos run stands up on free ports of its own: a redis-server, a throwaway PostgreSQL cluster,
 * the local Binance and TrendScope instances. Each can be killed and started again on the same port,
 * the way an operator's outage would look to the others.
 */
import { chownSync, existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { kill, run, runAsync, startChild, type Child } from './processes.ts';

/** Polls `check` every 100 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

const httpOk = (url: string) => () => fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok);

/** One PING over a raw socket: no client library retrying and logging behind our back. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data).startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

export class RedisServer {
  private child?: Child;
  constructor(
    readonly port: number,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Empty at every start, as after a crash without persistence. */
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.child = startChild('redis', 'redis-server', args, this.logFile);
    await waitFor('redis-server', () => redisPing(this.port), 15_000);
  }

  async kill(): Promise<void> {
    if (this.child) await kill(this.child, 'SIGKILL');
  }
}

/**
 * A PostgreSQL cluster in a temporary folder (initdb), started and stopped with pg_ctl, as the
 * `postgres` user when this runs as root (PostgreSQL refuses to run as root).
 */
export class PostgresServer {
  private readonly data: string;
  private readonly bin: string;
  private readonly owner?: { uid: number; gid: number };

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {
    this.data = join(dir, 'data');
    this.bin = findPostgresBin();
    if (process.getuid?.() === 0) {
      const uid = Number(run('id', ['-u', 'postgres']).trim());
      const gid = Number(run('id', ['-g', 'postgres']).trim());
      this.owner = { uid, gid };
      chownSync(dir, uid, gid);
    }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** A PostgreSQL tool, as the postgres user when we are root. */
  private command(tool: string, args: string[]): [string, string[]] {
    const command = join(this.bin, tool);
    return this.owner ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  }

  private pg(tool: string, args: string[]): Promise<string> {
    return runAsync(...this.command(tool, args), { cwd: this.dir });
  }

  init(): void {
    run(
      ...this.command('initdb', [
        '-D',
        this.data,
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
        '-E',
        'UTF8',
      ]),
      {
        cwd: this.dir,
      },
    );
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    await this.pg('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'postgres.log'),
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** The hardest stop PostgreSQL has: every process quits at once, no checkpoint (crash recovery next start). */
  async kill(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']);
  }

  /** For cleanup: stops this cluster if it runs, by pg_ctl or else by its postmaster's pid. */
  stopQuietly(): void {
    const pidFile = join(this.data, 'postmaster.pid');
    if (!existsSync(pidFile)) return;
    try {
      run(...this.command('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']), { cwd: this.dir });
    } catch {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    }
  }
}

function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? run('ls', [root])
        .split('\n')
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error(`no PostgreSQL under ${root}/*/bin (apt-get install postgresql)`);
  return join(root, newest, 'bin');
}

/** The local Binance (scripts/fake-exchange.ts) as its own process, so it can be killed outright. */
export class ExchangeServer {
  private child?: Child;
  constructor(
    readonly port: number,
    private readonly root: string,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--import', 'tsx', 'scripts/fake-exchange.ts', '--port', String(this.port)];
    this.child = startChild('exchange', process.execPath, args, this.logFile, { cwd: this.root });
    await waitFor('fake exchange', httpOk(`${this.url}/api/v3/ping`), 60_000);
  }

  async kill(): Promise<void> {
    if (this.child) await kill(this.child, 'SIGKILL');
  }
}

/** A compiled TrendScope (`node dist/server/src/main.js`) with the environment it is given. */
export class Instance {
  private child?: Child;
  /** Exits nobody asked for: a crash. */
  readonly crashes: string[] = [];

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly root: string,
    private readonly env: Record<string, string>,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const env = { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' };
    const child = startChild(this.name, process.execPath, ['dist/server/src/main.js'], this.logFile, {
      cwd: this.root,
      env,
    });
    this.child = child;
    void child.exited.then((how) => {
      if (!child.killedOnPurpose)
        this.crashes.push(`${this.name} exited (${how}) at ${new Date().toISOString()}`);
    });
    await waitFor(`${this.name} /healthz`, httpOk(`${this.url}/healthz`), 60_000);
  }

  async kill(): Promise<void> {
    if (this.child) await kill(this.child, 'SIGKILL');
  }
}
