/**
 * The command line of every script: `--help` prints the usage and exits 0; a bad argument prints one
 * line to stderr (`bench-chat: unknown option '--foo' (see --help)`) and exits 2, never a stack trace.
 *
 *   const { values } = parseCli({ usage: USAGE, options: { seconds: { type: 'string', default: '5' } } });
 *   const seconds = intArg(values.seconds, '--seconds', { min: 1, max: 3600 });
 */
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** Exit code for a bad command line (as sh, getopt and most CLIs use). */
export const USAGE_EXIT = 2;

export interface CliSpec<O extends ParseArgsOptionsConfig> {
  /** The whole help text, printed as it is. */
  usage: string;
  options: O;
  /** Whether bare arguments are accepted (returned as `positionals`); off by default. */
  positionals?: boolean;
  /** Prefix of error lines; the script's file name without extension by default. */
  name?: string;
}

type Parsed<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>
>;

let programName: string | undefined;

const program = () => programName ?? basename(process.argv[1] ?? 'script', extname(process.argv[1] ?? ''));

/** Prints `name: message (see --help)` to stderr and exits with `code`; the hint only for bad usage. */
export function fail(message: string, code = USAGE_EXIT): never {
  process.stderr.write(`${program()}: ${message}${code === USAGE_EXIT ? ' (see --help)' : ''}\n`);
  process.exit(code);
}

/** parseArgs (strict) with --help and one-line errors; `values` is typed from `options`. */
export function parseCli<O extends ParseArgsOptionsConfig>(
  spec: CliSpec<O>,
  argv: readonly string[] = process.argv.slice(2),
): { values: Parsed<O>['values']; positionals: string[] } {
  programName = spec.name ?? programName;
  const beforeTerminator = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  // Asked for help: answer it even when the rest of the line would not parse.
  if (beforeTerminator.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(spec.usage.endsWith('\n') ? spec.usage : `${spec.usage}\n`);
    process.exit(0);
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: spec.options,
      strict: true,
      allowPositionals: spec.positionals ?? false,
    });
    return { values: values as Parsed<O>['values'], positionals };
  } catch (err) {
    fail(describe(err));
  }
}

/** parseArgs' messages run to several sentences; one short clause each instead. */
function describe(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  // `-c, --count <value>` names the option by its long name.
  const option =
    quoted
      .split(' ')
      .map((t) => t.replace(/,$/, ''))
      .filter((t) => t.startsWith('-'))
      .at(-1) ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${option}'`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/ambiguous/.test(message))
        return `option '${option}' needs a value (write ${option}=-X for one starting with '-')`;
      return /argument missing/.test(message)
        ? `option '${option}' needs a value`
        : `option '${option}' takes no value`;
    default:
      return message.split('\n')[0]!;
  }
}

/** A whole number within [min, max]; `name` is how the user wrote it, e.g. `--seconds`. */
export function intArg(
  value: string | undefined,
  name: string,
  { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number {
  const n = value === undefined || !/^[+-]?\d+$/.test(value.trim()) ? Number.NaN : Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max)
    fail(`${name} must be a whole number${range(min, max)}, got '${value ?? ''}'`);
  return n;
}

/** A comma-separated list of whole numbers, each within [min, max], e.g. `--clients 1,100,1000`. */
export function intListArg(
  value: string | undefined,
  name: string,
  bounds: { min?: number; max?: number } = {},
): number[] {
  const items = (value ?? '').split(',').map((s) => s.trim());
  if (items.some((s) => s === ''))
    fail(`${name} must be a comma-separated list of whole numbers, got '${value ?? ''}'`);
  return items.map((s) => intArg(s, name, bounds));
}

/** One of `choices`, e.g. a timeframe. */
export function oneOf<const C extends readonly string[]>(
  value: string | undefined,
  name: string,
  choices: C,
): C[number] {
  if (value === undefined || !choices.includes(value))
    fail(`${name} must be one of ${choices.join(', ')}, got '${value ?? ''}'`);
  return value as C[number];
}

/** A path to an existing regular file. */
export function fileArg(path: string | undefined, name: string): string {
  if (!path) fail(`${name} is required`);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) fail(`${name}: no such file '${path}'`);
  if (!stat.isFile()) fail(`${name}: not a file '${path}'`);
  return path;
}

function range(min: number, max: number): string {
  const big = (n: number) => Math.abs(n) >= Number.MAX_SAFE_INTEGER;
  if (big(min) && big(max)) return '';
  if (big(max)) return ` of at least ${min}`;
  if (big(min)) return ` of at most ${max}`;
  return ` from ${min} to ${max}`;
}
