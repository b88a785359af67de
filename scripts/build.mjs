/**
 * `npm run build`: the server compiled to plain JavaScript (tsc -b server: dist/server, dist/shared)
 * and the SPA bundled (vite build: dist/client) with a .br and a .gz beside each asset.
 * `--if-stale` (`npm start` runs it first): each part only when its sources changed since its last
 * build, so a restart with nothing changed costs well under a second.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, without tsx.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompress, constants, gzip } from 'node:zlib';

const USAGE = `Usage: node scripts/build.mjs [--if-stale]

Compiles the server (dist/server, dist/shared) and builds the client (dist/client).

  --if-stale   build only what is missing or older than its sources (what npm start does)
  -h, --help   show this help
`;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_ENTRY = join(ROOT, 'dist/server/src/main.js');
/** What tsc -b server writes (server/tsconfig.json, shared/tsconfig.json). */
const SERVER_OUTPUTS = [
  'dist/server',
  'dist/shared',
  'dist/.tsc/types/server',
  'dist/.tsc/types/shared',
  'dist/.tsc/server.tsbuildinfo',
  'dist/.tsc/shared.tsbuildinfo',
];
const CLIENT_DIR = join(ROOT, 'dist/client');
const CLIENT_STAMP = join(ROOT, 'dist/.stamps/client.sha256');
/** Everything the bundle is made from; a change to any of them means a new bundle. */
const CLIENT_INPUTS = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];
/** Text assets worth compressing ahead; source maps are left to on-the-fly compression. */
const PRECOMPRESS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt']);

/** @param {string} line */
const say = (line) => process.stdout.write(`[build] ${line}\n`);

/** @param {string[]} argv */
function parseArgs(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const unknown = argv.find((a) => a !== '--if-stale');
  if (unknown !== undefined) {
    process.stderr.write(`build: unknown argument '${unknown}' (see --help)\n`);
    process.exit(2);
  }
  return { ifStale: argv.includes('--if-stale') };
}

/** @param {string} label @param {string[]} args */
function run(label, args) {
  const started = performance.now();
  const { status } = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) {
    process.stderr.write(`build: ${label} failed (exit ${status})\n`);
    process.exit(1);
  }
  say(`${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * --if-stale: tsc -b keeps its own record of what is up to date, and is told to start over only if
 * the output is gone. A full build starts from nothing, so no file compiled from a source since moved
 * or deleted is left behind to ship.
 * @param {boolean} ifStale
 */
function buildServer(ifStale) {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  if (ifStale && !existsSync(tsc) && existsSync(SERVER_ENTRY)) {
    say('server: TypeScript is not installed (production install), keeping dist/server');
    return;
  }
  if (!ifStale)
    for (const output of SERVER_OUTPUTS) rmSync(join(ROOT, output), { recursive: true, force: true });
  run('server: tsc -b server', [tsc, '-b', 'server', ...(existsSync(SERVER_ENTRY) ? [] : ['--force'])]);
}

/** @param {string} path @returns {Generator<string>} */
function* files(path) {
  if (!statSync(path).isDirectory()) return yield path;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) yield join(entry.parentPath, entry.name);
}

/** @param {string} path */
const digestOf = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A digest of the client's inputs, names and contents: unlike mtimes it survives a fresh checkout. */
function clientDigest() {
  const hash = createHash('sha256');
  const paths = CLIENT_INPUTS.map((p) => join(ROOT, p))
    .filter((p) => existsSync(p))
    .flatMap((p) => [...files(p)])
    .sort();
  for (const path of paths) hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path));
  return hash.digest('hex');
}

async function precompress() {
  const started = performance.now();
  const brotli = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  const targets = [...files(CLIENT_DIR)].filter(
    (path) => PRECOMPRESS.has(extname(path)) && statSync(path).size >= 1024,
  );
  await Promise.all(
    targets.map(async (path) => {
      const body = readFileSync(path);
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        gzipAsync(body, { level: 9 }),
      ]);
      writeFileSync(`${path}.br`, br);
      writeFileSync(`${path}.gz`, gz);
    }),
  );
  say(
    `client: ${targets.length} assets precompressed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * The stamp pairs the inputs' digest with the index.html built from them: a bundle rebuilt some other
 * way (a bare `vite build`, without the .br/.gz files) no longer matches and is built again.
 * @param {boolean} ifStale
 */
async function buildClient(ifStale) {
  const index = join(CLIENT_DIR, 'index.html');
  const stamp = () => `${clientDigest()} ${digestOf(index)}`;
  if (
    ifStale &&
    existsSync(index) &&
    existsSync(CLIENT_STAMP) &&
    readFileSync(CLIENT_STAMP, 'utf8').trim() === stamp()
  ) {
    say('client: up to date');
    return;
  }
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  if (ifStale && !existsSync(vite) && existsSync(index)) {
    say('client: Vite is not installed (production install), keeping dist/client');
    return;
  }
  run('client: vite build', [vite, 'build', '--logLevel', 'warn']);
  await precompress();
  mkdirSync(dirname(CLIENT_STAMP), { recursive: true });
  writeFileSync(CLIENT_STAMP, `${stamp()}\n`);
}

const { ifStale } = parseArgs(process.argv.slice(2));
buildServer(ifStale);
await buildClient(ifStale);
