import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// A real child process, so exit codes and what reaches stdout and stderr are checked as a user sees them.
const DEMO = fileURLToPath(new URL('./fixtures/cli-demo.ts', import.meta.url));

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', DEMO, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A rejected command line: exit 2, nothing on stdout, exactly one line on stderr. */
function expectRejected(args: string[], line: string) {
  const r = run(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`cli-demo: ${line} (see --help)\n`);
}

describe('parseCli', () => {
  it('returns defaults and parsed values', () => {
    const r = run(['--count=3', '--list', '4, 5', '--json', '--file', 'package.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      count: 3,
      mode: 'fast',
      list: [4, 5],
      file: 'package.json',
      json: true,
      positionals: [],
    });
    expect(JSON.parse(run([]).stdout)).toMatchObject({ count: 5, mode: 'fast', list: [1, 2], file: null });
  });

  it('prints the usage on --help or -h and exits 0, whatever else is on the line', () => {
    for (const args of [['--help'], ['-h'], ['--bogus', '--help'], ['--count', 'abc', '-h']]) {
      const r = run(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage: cli-demo \[--count N\]/);
      expect(r.stderr).toBe('');
    }
  });

  it('rejects what parseArgs rejects with one short line', () => {
    expectRejected(['--bogus'], "unknown option '--bogus'");
    expectRejected(['-x'], "unknown option '-x'");
    expectRejected(['--count'], "option '--count' needs a value");
    expectRejected(
      ['--count', '-5'],
      "option '--count' needs a value (write --count=-X for one starting with '-')",
    );
    expectRejected(['--json=yes'], "option '--json' takes no value");
    expectRejected(['extra'], "unexpected argument 'extra'");
  });

  it('takes positionals only when the script allows them', () => {
    const r = run(['with-positionals', 'a', '--', '--b']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).positionals).toEqual(['a', '--b']);
  });
});

describe('validators', () => {
  it('intArg', () => {
    expectRejected(['--count', 'abc'], "--count must be a whole number from 1 to 10, got 'abc'");
    expectRejected(['--count', '2.5'], "--count must be a whole number from 1 to 10, got '2.5'");
    expectRejected(['--count', '11'], "--count must be a whole number from 1 to 10, got '11'");
    expectRejected(['--count=-5'], "--count must be a whole number from 1 to 10, got '-5'");
  });

  it('intListArg', () => {
    expectRejected(['--list', '1,,2'], "--list must be a comma-separated list of whole numbers, got '1,,2'");
    expectRejected(['--list', '1,0'], "--list must be a whole number of at least 1, got '0'");
  });

  it('oneOf', () => {
    expectRejected(['--mode', 'medium'], "--mode must be one of fast, slow, got 'medium'");
  });

  it('fileArg', () => {
    expectRejected(['--file', 'no/such/file.csv'], "--file: no such file 'no/such/file.csv'");
    expectRejected(['--file', 'scripts'], "--file: not a file 'scripts'");
  });
});

describe('every script', () => {
  const SCRIPTS = [
    'bench-abuse',
    'bench-alerts',
    'bench-analysis',
    'bench-chat',
    'bench-fanout',
    'bench-history',
    'bench-startup',
    'bench-tickers',
    'bench-upstream',
    'chaos',
    'dev',
    'eval-chat',
    'eval-forecast',
    'fake-exchange',
    'migrate',
    'run-instances',
    'soak-sockets',
  ];

  // Several at once: most of the time is each script importing the server before it parses its line.
  it('answers --help with its usage and exit 0', { timeout: 180_000 }, async () => {
    const results = await Promise.all(
      SCRIPTS.map(async (name) => {
        const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
        const { stdout, stderr } = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', script, '--help'],
          {
            timeout: 170_000,
          },
        );
        return { name, stdout, stderr };
      }),
    );
    for (const { name, stdout, stderr } of results) {
      expect(stdout, name).toMatch(/^Usage: /);
      expect(stdout, name).toContain('-h, --help');
      expect(stderr, name).toBe('');
    }
  });
});
