/**
 * How a scenario is read, as opposed to what it simulates: the `reference` scenario it is
 * compared with and the `windows` (months) where its mechanism acts. Neither enters the
 * parameters, so neither changes a run or its hashes. Checks of one file run inside scenario
 * validation (scenario.ts); `referenceIssues` checks a set of files (that every reference
 * names one of them and that no references form a cycle). Pure.
 */
import { z } from 'zod';
import { suggestion } from './issueText.ts';
import type { ScenarioIssue } from './scenario.ts';

/** The scenario every other is read against unless its file names another. */
export const DEFAULT_REFERENCE = 'baseline';

/** Months where a scenario's mechanism acts: month `startMonth` (0 = the first) and the `months − 1` after it. */
export interface ReadingWindow {
  name: string;
  startMonth: number;
  months: number;
}

/** How a scenario is read: its reference (undefined for the default reference itself) and its windows. */
export interface ScenarioReading {
  reference: string | undefined;
  windows: ReadingWindow[];
}

/**
 * The schema of `reference` and `windows` (scenario.ts adds them beside `name`), described in
 * `registry`; `name` is the schema of a scenario name and `maxMonths` the longest run.
 */
export function readingShape(
  registry: z.core.$ZodRegistry<{ description?: string }>,
  name: z.ZodType,
  nonEmpty: () => z.ZodString,
  maxMonths: number,
): Record<string, z.ZodType> {
  const month = () => z.number().int();
  const described = <T extends z.ZodType>(s: T, description: string): T => {
    registry.add(s as z.ZodType, { description });
    return s;
  };
  return {
    reference: described(
      name,
      `The scenario this one is read against: another scenario's name (its file name without .json). Default: ${DEFAULT_REFERENCE} (none for ${DEFAULT_REFERENCE} itself).`,
    ).optional(),
    windows: described(
      z.array(
        z.strictObject({
          name: described(nonEmpty().max(60), 'What happens in these months (a heading in the findings).'),
          startMonth: described(month().min(0).max(maxMonths - 1), 'First month of the window, counted from 0. Unit: month.'),
          months: described(month().min(1).max(maxMonths), 'Length of the window; it must end within the run. Unit: months.'),
        }),
      ),
      'Months where the scenario’s mechanism acts (e.g. a shock’s), reported beside the horizon; each must end within the run.',
    ).optional(),
  };
}

/** A scenario's reference: the one its file names, else `baseline` (none for `baseline` itself). */
export const referenceOf = (name: string, named: string | undefined): string | undefined =>
  named ?? (name === DEFAULT_REFERENCE ? undefined : DEFAULT_REFERENCE);

/** The reading of a scenario file already checked by the schema (the fields are typed there). */
export function readingOf(file: { name: string; reference?: string; windows?: ReadingWindow[] }): ScenarioReading {
  return {
    reference: referenceOf(file.name, file.reference),
    windows: (file.windows ?? []).map((w) => ({ name: w.name, startMonth: w.startMonth, months: w.months })),
  };
}

/**
 * Checks of one file that need more than one field: the reference is not the scenario itself,
 * every window ends within the run (`runMonths`), and window names are distinct.
 */
export function readingIssues(file: { name: string; reference?: string; windows?: ReadingWindow[] }, runMonths: number): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (file.reference !== undefined && file.reference === file.name) {
    issues.push({ path: 'reference', message: `must name another scenario, not this one ("${file.name}")` });
  }
  const seen = new Map<string, number>();
  (file.windows ?? []).forEach((w, k) => {
    const end = w.startMonth + w.months;
    if (end > runMonths) {
      issues.push({
        path: `windows.${k}`,
        message: `months ${w.startMonth}–${end - 1} run past the run's last month (${runMonths - 1}: run.years × 12 months, counted from 0)`,
      });
    }
    const first = seen.get(w.name);
    if (first !== undefined) issues.push({ path: `windows.${k}.name`, message: `"${w.name}" already names windows.${first}` });
    else seen.set(w.name, k);
  });
  return issues;
}

/** A problem with a reference in a set of scenarios: which scenario, and the issue. */
export interface ReferenceIssue extends ScenarioIssue {
  scenario: string;
}

/**
 * Checks the references of a set of scenarios (by name, as in their files): each must name a
 * scenario of the set, and following references from any scenario must end (no cycle).
 * Scenarios without a reference (`undefined`) end a chain.
 */
export function referenceIssues(scenarios: readonly { name: string; reference: string | undefined }[]): ReferenceIssue[] {
  const byName = new Map(scenarios.map((s) => [s.name, s.reference]));
  const names = [...byName.keys()];
  const issues: ReferenceIssue[] = [];
  for (const s of scenarios) {
    if (s.reference !== undefined && !byName.has(s.reference)) {
      issues.push({ scenario: s.name, path: 'reference', message: `no scenario named "${s.reference}"${suggestion(s.reference, names)}` });
    }
  }
  const reported = new Set<string>();
  for (const s of scenarios) {
    const chain = [s.name];
    let next = s.reference;
    while (next !== undefined && byName.has(next)) {
      const at = chain.indexOf(next);
      if (at >= 0) {
        const cycle = chain.slice(at);
        if (!cycle.some((n) => reported.has(n))) {
          cycle.forEach((n) => reported.add(n));
          issues.push({ scenario: cycle[0], path: 'reference', message: `references form a cycle: ${[...cycle, next].join(' → ')}` });
        }
        break;
      }
      chain.push(next);
      next = byName.get(next);
    }
  }
  return issues;
}

/** One line per issue: `<scenario>.json: reference: <reason>`. */
export const referenceIssueText = (i: ReferenceIssue): string => `${i.scenario}.json: ${i.path}: ${i.message}`;
