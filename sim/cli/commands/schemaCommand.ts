/**
 * `tokensim schema [--sweep | --sensitivity | --calibration]`: prints the JSON Schema (draft-07)
 * of scenario files, of sweep files, of sensitivity specs or of calibration specs — the same text
 * as scenarios/scenario.schema.json, scenarios/sweeps/sweep.schema.json,
 * scenarios/sensitivity/sensitivity.schema.json and scenarios/calibration/calibration.schema.json,
 * which editors use for completion and checking.
 */
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { parseArgs, UsageError } from '../args/parseArgs.ts';

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, schemaCommand.flags, 'schema');
  if (parsed.positionals.length > 0) throw new UsageError(`schema: unexpected argument '${parsed.positionals[0]}'`);
  const sweep = parsed.flags.get('sweep') === true;
  const sensitivity = parsed.flags.get('sensitivity') === true;
  const calibration = parsed.flags.get('calibration') === true;
  if ([sweep, sensitivity, calibration].filter(Boolean).length > 1) throw new UsageError('schema: give one of --sweep, --sensitivity or --calibration');
  if (calibration) {
    const { writeCalibrationSchemaText } = await import('../../research/calibration/calibrationSchema.ts');
    ctx.io.stdout(writeCalibrationSchemaText());
  } else if (sensitivity) {
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
  ...CARDS.schema,
  usage: 'tokensim schema [--sweep | --sensitivity | --calibration]',
  flags: [
    { name: 'sweep', kind: 'boolean', description: 'The schema of sweep files instead of scenario files' },
    { name: 'sensitivity', kind: 'boolean', description: 'The schema of sensitivity specs instead of scenario files' },
    { name: 'calibration', kind: 'boolean', description: 'The schema of calibration specs instead of scenario files' },
  ],
  details: `Example:
  tokensim schema > my-scenarios/scenario.schema.json`,
  run,
};
