/**
 * The shape of one CLI command and of the I/O it is given. Commands are entries in a small
 * table (see main.ts): adding `sweep` or `compare` means adding its card (cards.ts) and one entry, not a framework.
 */
import type { FlagSpec } from '../args/parseArgs.ts';

/** Where a command writes; injected so tests can capture output without spawning. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress lines go to stderr only when it is an interactive terminal. */
  stderrIsTTY: boolean;
}

/** The package's identity, written into every output's provenance. */
export interface PackageInfo {
  name: string;
  version: string;
}

export interface CommandContext {
  io: CliIO;
  pkg: PackageInfo;
  /** The full argument vector after the program name, recorded in manifests. */
  argv: readonly string[];
}

export interface Command {
  name: string;
  /** One line for the command list in `tokensim --help`. */
  summary: string;
  /** Usage line, e.g. `tokensim run <scenario.json> --out <dir> [options]`. */
  usage: string;
  flags: readonly FlagSpec[];
  /** Extra help text printed after the options (examples, output files). */
  details?: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: readonly string[], ctx: CommandContext): Promise<number>;
}
