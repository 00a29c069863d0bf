/**
 * The tokensim command line: global flags, the command table, help, and the mapping of
 * failures to exit codes — 0 success, 1 a check found differences (or anything unexpected),
 * 2 a usage or input error (one line on stderr, nothing written), 130 interrupted.
 * A new command is one more card (commands/cards.ts) and table entry.
 */
import { readFileSync } from 'node:fs';
import './nativeHash.ts';
import type { CliIO, Command, PackageInfo } from './commands/command.ts';
import { formatFlagHelp, UsageError, wantsHelp, type FlagSpec } from './args/parseArgs.ts';
import { didYouMean } from './args/didYouMean.ts';
import { PACKAGE_ROOT_URL } from './packageRoot.ts';
import { CARDS } from './commands/cards.ts';
import { OutputDirError, WriteAbortedError } from './output/atomicOutput.ts';

/**
 * A command as the table holds it: its name and summary (commands/cards.ts), and its module,
 * loaded only when the command runs or shows its help, so a start compiles and initialises the
 * code of one command rather than of all ten.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

/** Every command, in the order `tokensim --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  { ...CARDS.run, load: async () => (await import('./commands/runCommand.ts')).runCommand },
  { ...CARDS.sweep, load: async () => (await import('./commands/sweepCommand.ts')).sweepCommand },
  { ...CARDS.merge, load: async () => (await import('./commands/mergeCommand.ts')).mergeCommand },
  { ...CARDS.compare, load: async () => (await import('./commands/compareCommand.ts')).compareCommand },
  { ...CARDS.sensitivity, load: async () => (await import('./commands/sensitivityCommand.ts')).sensitivityCommand },
  { ...CARDS.calibrate, load: async () => (await import('./commands/calibrateCommand.ts')).calibrateCommand },
  { ...CARDS.check, load: async () => (await import('./commands/checkCommand.ts')).checkCommand },
  { ...CARDS.validate, load: async () => (await import('./commands/validateCommand.ts')).validateCommand },
  { ...CARDS.schema, load: async () => (await import('./commands/schemaCommand.ts')).schemaCommand },
  { ...CARDS.list, load: async () => (await import('./commands/listCommand.ts')).listCommand },
];

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Name and version from the package.json beside sim/. */
export function readPackageInfo(): PackageInfo {
  const text = readFileSync(new URL('package.json', PACKAGE_ROOT_URL), 'utf8');
  const pkg = JSON.parse(text) as Partial<PackageInfo>;
  return { name: String(pkg.name ?? 'tokensim'), version: String(pkg.version ?? '0.0.0') };
}

/** Streams already guarded by ignoreBrokenPipe. */
const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * Lets output piped into a reader that stops early (`tokensim schema | head`) end quietly:
 * a broken pipe (EPIPE) drops the rest of that stream's output instead of crashing, and the
 * exit code stays the command's. The listener is added even when the stream has others: a
 * `pipe()` into stdout adds one that rethrows when it is the last.
 */
function ignoreBrokenPipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

/** Writes `text` unless the stream has closed (after a broken pipe, the rest is dropped). */
function writeTo(stream: NodeJS.WriteStream, text: string): void {
  if (!stream.destroyed) stream.write(text);
}

/** The process's own stdout and stderr. */
export function processIO(): CliIO {
  ignoreBrokenPipe(process.stdout);
  ignoreBrokenPipe(process.stderr);
  return {
    stdout: (text) => writeTo(process.stdout, text),
    stderr: (text) => writeTo(process.stderr, text),
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** `tokensim --help`. */
export function formatMainHelp(commands: readonly Pick<Command, 'name' | 'summary'>[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 3;
  return [
    'tokensim — agent-based simulation of AI tokens as engineering pay',
    '',
    'Usage: tokensim <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Options:',
    '  -h, --help      Show this help; tokensim <command> --help for a command',
    '  -v, --version   Print the version',
    '',
    'Exit codes: 0 success, 1 a check found differences or an unexpected failure,',
    '2 bad usage or input (nothing written), 130 interrupted (nothing written).',
    '',
  ].join('\n');
}

/** Listed in every command's help; handled before parsing (see `wantsHelp`). */
const HELP_FLAG: FlagSpec = { name: 'help', kind: 'boolean', description: 'Show this help (also -h)' };

/** `tokensim <command> --help`. */
export function formatCommandHelp(command: Command): string {
  return [
    command.summary,
    '',
    `Usage: ${command.usage}`,
    '',
    'Options:',
    formatFlagHelp([...command.flags, HELP_FLAG]),
    ...(command.details ? ['', command.details] : []),
    '',
  ].join('\n');
}

async function findCommand(name: string): Promise<Command> {
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) return entry.load();
  const names = COMMANDS.map((c) => c.name);
  throw new UsageError(`unknown command '${name}'${didYouMean(name, names)} (commands: ${names.join(', ')}; see tokensim --help)`);
}

/** The first line of an error's message: stderr gets one line per failure. */
function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0];
}

async function dispatch(argv: readonly string[], io: CliIO, pkg: PackageInfo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command (see tokensim --help)');
  if (first === '-h' || first === '--help') {
    io.stdout(formatMainHelp());
    return EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${pkg.name} ${pkg.version}\n`);
    return EXIT_OK;
  }
  if (first === 'help') {
    io.stdout(rest[0] === undefined ? formatMainHelp() : formatCommandHelp(await findCommand(rest[0])));
    return EXIT_OK;
  }
  if (first.startsWith('-')) throw new UsageError(`unknown option ${first} (see tokensim --help)`);
  const command = await findCommand(first);
  if (wantsHelp(rest)) {
    io.stdout(formatCommandHelp(command));
    return EXIT_OK;
  }
  return command.run(rest, { io, pkg, argv });
}

/**
 * Runs the CLI with `argv` (arguments after the program name) and resolves to the exit code.
 * Never throws and never calls process.exit, so tests can call it in-process.
 */
export async function main(argv: readonly string[], io: CliIO = processIO(), pkg: PackageInfo = readPackageInfo()): Promise<number> {
  try {
    return await dispatch(argv, io, pkg);
  } catch (err) {
    // An output directory that cannot be created is a bad --out: nothing has been written.
    if (err instanceof UsageError || err instanceof OutputDirError) {
      io.stderr(`tokensim: ${oneLine(err)}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof WriteAbortedError) {
      io.stderr('tokensim: interrupted; no output written\n');
      return EXIT_INTERRUPTED;
    }
    io.stderr(`tokensim: ${oneLine(err)}\n`);
    if (process.env.TOKENSIM_DEBUG && err instanceof Error && err.stack) io.stderr(err.stack + '\n');
    return EXIT_FAILURE;
  }
}
