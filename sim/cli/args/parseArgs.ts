/**
 * The shared command-line parser: `--name value`, `--name=value`, boolean switches, `--` to
 * end options, and positionals. Every command declares its flags as `FlagSpec`s; the same
 * specs render the command's help, so a flag and its documentation cannot drift apart.
 * Errors are `UsageError`s: one line, naming the flag and what is wrong with it.
 */
import { parseArgs as nodeParseArgs } from 'node:util';
import { groupThousands } from '../output/groupThousands.ts';
import { didYouMean } from './didYouMean.ts';

/** A mistake in how the command was called (bad flag, bad value, missing input): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export type FlagKind = 'string' | 'integer' | 'boolean';

/** One option a command accepts. Integers are checked against `[min, max]` when given. */
export interface FlagSpec {
  /** Long name without dashes, e.g. `seed` for `--seed`. */
  name: string;
  kind: FlagKind;
  /** Placeholder shown in help, e.g. `<n>`; ignored for booleans. */
  placeholder?: string;
  description: string;
  /** Smallest accepted value (integers). */
  min?: number;
  /** Largest accepted value (integers). */
  max?: number;
  /** Value used when the flag is absent; shown in help. */
  defaultValue?: string | number | boolean;
  required?: boolean;
}

export type FlagValue = string | number | boolean;

export interface ParsedArgs {
  positionals: string[];
  /** Values by flag name; defaults filled in, absent optional flags missing. */
  flags: Map<string, FlagValue>;
}

/**
 * Parses a whole decimal integer (optional sign, digits only: no `1e3`, no `0x`, no spaces)
 * and checks it against the range. Throws a UsageError naming `label` otherwise.
 */
export function parseIntegerArg(label: string, text: string, min: number, max: number): number {
  const range = `an integer from ${groupThousands(min)} to ${groupThousands(max)}`;
  if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`${label} must be ${range} (got '${text}')`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${label} must be ${range} (got '${text}')`);
  }
  return n;
}

function convert(spec: FlagSpec, text: string): FlagValue {
  if (spec.kind === 'integer') {
    return parseIntegerArg(
      `--${spec.name}`,
      text,
      spec.min ?? Number.MIN_SAFE_INTEGER,
      spec.max ?? Number.MAX_SAFE_INTEGER,
    );
  }
  if (spec.kind === 'string' && text === '') throw new UsageError(`--${spec.name} needs a non-empty value`);
  return text;
}

/**
 * Parses `argv` (the arguments after the command name) against `specs`.
 * `context` names the command in messages (e.g. `run`).
 *
 * Node's util.parseArgs splits the arguments into tokens (`--name value`, `--name=value`,
 * `--`, positionals); it runs non-strict so that every mistake is reported here, in the
 * CLI's own one-line words, rather than in Node's.
 */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], context: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const options = Object.fromEntries(specs.map((s) => [s.name, { type: s.kind === 'boolean' ? ('boolean' as const) : ('string' as const) }]));
  const { tokens } = nodeParseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  const flags = new Map<string, FlagValue>();
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const { name, value, inlineValue } = token;
    const spec = token.rawName.startsWith('--') ? byName.get(name) : undefined;
    if (!spec) {
      // A short option (we have none) is named as typed: `-xy`, not the `-x` Node splits it into.
      const shown = token.rawName.startsWith('--') ? token.rawName : argv[token.index];
      const hint = token.rawName.startsWith('--') ? didYouMean(name, [...byName.keys(), 'help'], (n) => `--${n}`) : '';
      throw new UsageError(`unknown option ${shown} for '${context}'${hint} (see tokensim ${context} --help)`);
    }
    if (flags.has(name)) throw new UsageError(`--${name} was given more than once`);
    if (spec.kind === 'boolean') {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    // Node takes whatever follows as the value; a following option is not one, a negative number is (and is then range-checked).
    if (value === undefined || (!inlineValue && value.startsWith('-') && !/^-\d/.test(value))) {
      throw new UsageError(`--${name} needs a value (--${name} ${spec.placeholder ?? '<value>'})`);
    }
    flags.set(name, convert(spec, value));
  }
  for (const spec of specs) {
    if (!flags.has(spec.name)) {
      if (spec.required) throw new UsageError(`missing required option --${spec.name} ${spec.placeholder ?? ''}`.trimEnd());
      if (spec.defaultValue !== undefined) flags.set(spec.name, spec.defaultValue);
    }
  }
  return { positionals, flags };
}

/** A numeric flag's value, or undefined when absent (defaults are already filled in). */
export function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const v = args.flags.get(name);
  return typeof v === 'number' ? v : undefined;
}

/** A string flag's value, or undefined when absent. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** True when the arguments ask for help (`-h` or `--help` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help') return true;
  }
  return false;
}

/** Help lines for a command's flags, aligned: `  --seed <n>   Run seed (default 1)`. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => `  --${s.name}${s.kind === 'boolean' ? '' : ' ' + (s.placeholder ?? '<value>')}`);
  const width = Math.max(...left.map((l) => l.length)) + 3;
  return specs
    .map((s, k) => {
      const notes: string[] = [];
      if (s.required) notes.push('required');
      if (s.kind === 'integer' && s.min !== undefined && s.max !== undefined) {
        notes.push(`${groupThousands(s.min)}–${groupThousands(s.max)}`);
      }
      if (s.defaultValue !== undefined) notes.push(`default ${String(s.defaultValue)}`);
      const suffix = notes.length ? ` (${notes.join('; ')})` : '';
      return left[k].padEnd(width) + s.description + suffix;
    })
    .join('\n');
}
