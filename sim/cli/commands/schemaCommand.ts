/**
 * `tokensim schema [--sweep]`: prints the JSON Schema (draft-07) of scenario files, or of
 * sweep files — the same text as scenarios/scenario.schema.json and
 * scenarios/sweeps/sweep.schema.json, which editors use for completion and checking.
 */
import type { Command, CommandContext } from './command.ts';
import { parseArgs, UsageError } from '../args/parseArgs.ts';

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, schemaCommand.flags, 'schema');
  if (parsed.positionals.length > 0) throw new UsageError(`schema: unexpected argument '${parsed.positionals[0]}'`);
  if (parsed.flags.get('sweep') === true) {
    const { writeSweepSchemaText } = await import('../../research/sweep/sweep.ts');
    ctx.io.stdout(writeSweepSchemaText());
  } else {
    const { writeSchemaText } = await import('../../input/scenario.ts');
    ctx.io.stdout(writeSchemaText());
  }
  return 0;
}

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Print the JSON Schema of scenario files (or of sweep files with --sweep)',
  usage: 'tokensim schema [--sweep]',
  flags: [{ name: 'sweep', kind: 'boolean', description: 'The schema of sweep files instead of scenario files' }],
  details: `Example:
  tokensim schema > my-scenarios/scenario.schema.json`,
  run,
};
