/**
 * `tokensim schema [--sweep | --sensitivity]`: prints the JSON Schema (draft-07) of scenario
 * files, of sweep files or of sensitivity specs — the same text as scenarios/scenario.schema.json,
 * scenarios/sweeps/sweep.schema.json and scenarios/sensitivity/sensitivity.schema.json, which
 * editors use for completion and checking.
 */
import type { Command, CommandContext } from './command.ts';
import { parseArgs, UsageError } from '../args/parseArgs.ts';

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, schemaCommand.flags, 'schema');
  if (parsed.positionals.length > 0) throw new UsageError(`schema: unexpected argument '${parsed.positionals[0]}'`);
  const sweep = parsed.flags.get('sweep') === true;
  const sensitivity = parsed.flags.get('sensitivity') === true;
  if (sweep && sensitivity) throw new UsageError('schema: give --sweep or --sensitivity, not both');
  if (sensitivity) {
    const { writeSensitivitySchemaText } = await import('../../research/sensitivity/sensitivitySchema.ts');
    ctx.io.stdout(writeSensitivitySchemaText());
  } else if (sweep) {
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
  summary: 'Print the JSON Schema of scenario files (of sweep files with --sweep, of sensitivity specs with --sensitivity)',
  usage: 'tokensim schema [--sweep | --sensitivity]',
  flags: [
    { name: 'sweep', kind: 'boolean', description: 'The schema of sweep files instead of scenario files' },
    { name: 'sensitivity', kind: 'boolean', description: 'The schema of sensitivity specs instead of scenario files' },
  ],
  details: `Example:
  tokensim schema > my-scenarios/scenario.schema.json`,
  run,
};
