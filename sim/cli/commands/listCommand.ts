/**
 * `tokensim list metrics|params|scenarios`: what a researcher can ask for, without reading the
 * source — every metric with its unit and groups (as docs/metrics.md), every parameter with
 * its unit, default and range (as the table in docs/model.md), and the bundled scenarios.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, CommandContext } from './command.ts';
import { CARDS } from './cards.ts';
import { parseArgs, UsageError } from '../args/parseArgs.ts';
import { didYouMean } from '../args/didYouMean.ts';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import { PARAM_SPECS } from '../../model/paramSpecs.ts';
import { metricGroupsText } from '../../research/reports/metricTable.ts';
import { defaultFor } from '../../research/reports/paramTable.ts';
import { PACKAGE_ROOT_URL } from '../packageRoot.ts';

/** The repository's scenarios/ (relative to this file, not the working directory). */
const SCENARIOS_DIR = fileURLToPath(new URL('scenarios/', PACKAGE_ROOT_URL));

export const LIST_TOPICS = ['metrics', 'params', 'scenarios'] as const;

/** Rows as left-aligned columns two spaces apart, one line each (the last column unpadded). */
export function leftAligned(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, k) => (k === row.length - 1 ? cell : cell.padEnd(widths[k]))).join('  ')).join('\n') + '\n';
}

export function listMetrics(): string {
  return leftAligned([['metric', 'unit', 'groups'], ...METRIC_DEFS.map((d) => [d.name, d.unit, metricGroupsText(d)])]);
}

export function listParams(): string {
  const rows = Object.entries(PARAM_SPECS).map(([key, s]) => [key, s.unit, defaultFor(key), `${s.min} – ${s.max}${s.integer ? ' (integer)' : ''}`]);
  return leftAligned([['parameter', 'unit', 'default', 'range'], ...rows]);
}

/** The first sentence of a description, so each scenario fits on a line or two. */
const firstSentence = (text: string): string => {
  const m = /^.*?[.?!](?=\s|$)/.exec(text.trim());
  return m ? m[0] : text.trim();
};

export function listScenarios(dir: string = SCENARIOS_DIR): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort();
  const rows = files.map((f) => {
    const json = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { description?: unknown };
    const description = typeof json.description === 'string' ? firstSentence(json.description) : '';
    return [path.join('scenarios', f), description];
  });
  return leftAligned([['file', 'question'], ...rows]);
}

async function run(args: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseArgs(args, listCommand.flags, 'list');
  const [topic, extra] = parsed.positionals;
  const topics = LIST_TOPICS.join(', ');
  if (topic === undefined) throw new UsageError(`list: say what to list (${topics})`);
  if (extra !== undefined) throw new UsageError(`list: unexpected argument '${extra}'`);
  if (topic === 'metrics') ctx.io.stdout(listMetrics());
  else if (topic === 'params') ctx.io.stdout(listParams());
  else if (topic === 'scenarios') ctx.io.stdout(listScenarios());
  else throw new UsageError(`list: unknown topic '${topic}'${didYouMean(topic, LIST_TOPICS)} (topics: ${topics})`);
  return 0;
}

export const listCommand: Command = {
  ...CARDS.list,
  usage: 'tokensim list metrics|params|scenarios',
  flags: [],
  details: `Meanings: docs/metrics.md (metrics) and the parameter table of docs/model.md.

Examples:
  tokensim list metrics
  tokensim list params | grep sigma`,
  run,
};
