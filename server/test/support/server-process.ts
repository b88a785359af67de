import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** TrendScope started the way `npm run serve` does, as its own process, on a free port. */
export async function startServerProcess(
  env: Record<string, string>,
  /** How long the start may take; a cold start on a loaded machine can take a minute. */
  startTimeoutMs = 30_000,
): Promise<{ url: string; child: ChildProcess; output(): string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'trendscope-proc-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never left running behind a failed test.
      child.kill('SIGKILL');
      reject(new Error(`server process did not start:\n${output}`));
    }, startTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /TrendScope on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server process exited with ${code}:\n${output}`)));
  });
  // Everything the process has logged so far: the listeners above keep collecting after the start.
  return { url, child, output: () => output };
}
