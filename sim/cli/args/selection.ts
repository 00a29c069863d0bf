/**
 * `--metrics a,b`, `--groups all,bigtech` and `--every N|final`: which series and months an
 * output keeps. Names are checked against the metric definitions and the groups a run of the
 * given scenarios reports; a misspelt name is a UsageError with a "did you mean".
 */
import { firmTypeNames, LEVELS, type Params } from '../../model/params.ts';
import { BUDGET_QUARTILES, isMetricName, METRIC_DEFS, type MetricName } from '../../run/metricDefs.ts';
import { didYouMean } from './didYouMean.ts';
import { parseIntegerArg, UsageError } from './parseArgs.ts';

const METRIC_NAMES = METRIC_DEFS.map((d) => d.name);

/** Splits a comma list, refusing empty items and repeats. */
function splitList(flag: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  items.forEach((item, k) => {
    if (item === '') throw new UsageError(`${flag} has an empty name in '${text}'`);
    if (items.indexOf(item) !== k) throw new UsageError(`${flag} lists '${item}' more than once`);
  });
  return items;
}

/** `--metrics a,b`: metric names (checked, with a did-you-mean), in the order given. */
export function parseMetricList(text: string, flag = '--metrics'): MetricName[] {
  return splitList(flag, text).map((name) => {
    if (!isMetricName(name)) {
      throw new UsageError(`${flag}: unknown metric '${name}'${didYouMean(name, METRIC_NAMES)} (tokensim list metrics shows them)`);
    }
    return name;
  });
}

/** Every group a run of `params` can report: all, its firm types, the levels and the budget quartiles. */
export function knownGroups(params: Params): string[] {
  return ['all', ...firmTypeNames(params), ...LEVELS, ...BUDGET_QUARTILES];
}

/** `--groups a,b`: split and checked for empty names and repeats (names are checked against the scenarios by checkGroups). */
export function parseGroupList(text: string, flag = '--groups'): string[] {
  return splitList(flag, text);
}

/** Refuses a group no scenario reports, naming the closest known one. */
export function checkGroups(groups: readonly string[], scenarios: readonly { params: Params; source: string }[], flag = '--groups'): void {
  for (const s of scenarios) {
    const known = knownGroups(s.params);
    for (const g of groups) {
      if (!known.includes(g)) {
        throw new UsageError(`${flag}: ${s.source} reports no group '${g}'${didYouMean(g, known)} (groups: ${known.join(', ')})`);
      }
    }
  }
}

/** Which months an output keeps: every `every`-th month (always with the last), or the last alone. */
export type MonthSelection = { every: number } | { final: true };

/** Most months one --every may skip: the longest horizon. */
export const MAX_EVERY = 600;

/** `--every N` (months 1..: N, 2N, … and the last) or `--every final` (the last month only). */
export function parseEvery(text: string): MonthSelection {
  if (text === 'final') return { final: true };
  if (!/^[+-]?\d+$/.test(text)) throw new UsageError(`--every must be a whole number of months from 1 to ${MAX_EVERY}, or 'final' (got '${text}')`);
  return { every: parseIntegerArg('--every', text, 1, MAX_EVERY) };
}

/**
 * The 1-based months kept out of `months`: with every N, months N, 2N, … and always the last
 * (month 12 of 30 with N = 12: 12, 24, 30); with final, the last alone.
 */
export function selectedMonths(months: number, selection: MonthSelection | undefined): number[] {
  if (months < 1) return [];
  if (selection === undefined) return Array.from({ length: months }, (_, k) => k + 1);
  if ('final' in selection) return [months];
  const out: number[] = [];
  for (let m = selection.every; m <= months; m += selection.every) out.push(m);
  if (out[out.length - 1] !== months) out.push(months);
  return out;
}

/** The selection as the manifest and help describe it: `every 12 months and the last`, `final month`. */
export function describeMonths(selection: MonthSelection | undefined): string {
  if (selection === undefined) return 'every month';
  if ('final' in selection) return 'final month';
  return selection.every === 1 ? 'every month' : `every ${selection.every} months and the last`;
}
