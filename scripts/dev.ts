/** `npm run dev`; what it starts is in USAGE. */
import { spawn, type ChildProcess } from 'node:child_process';
import { parseCli } from './cli.ts';

const USAGE = `Usage: npm run dev   (node --import tsx scripts/dev.ts)

Starts the server with reload on change (node --watch server/src/main.ts) and Vite's dev server for
the SPA (hot reload), proxying /api, /healthz, /readyz and /socket.io to it. Open the URL Vite prints.
Both take their settings from the environment (see .env.example); PORT is the server's port, which
Vite proxies to (default 3000). Ctrl-C stops both; when either exits, the other is stopped too.

Options:
  -h, --help   show this help
`;

parseCli({ usage: USAGE, options: {} });

const children: ChildProcess[] = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/src/main.ts'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
