/**
 * What `run --metrics/--groups/--every` keeps of a result in the files it writes. The cut is
 * applied only when writing: the engine's result, its resultHash (a hash of every value of the
 * full result) and the printed headline table are those of the whole run. The manifest
 * records the selection (`selection`), so a reader knows the files hold a subset and that the
 * recorded result hashes cannot be recomputed from them: re-running the recorded command
 * without the selection flags reproduces the full files whose values those hashes cover.
 */
import type { Summary } from '../../research/ensemble.ts';
import type { Result } from '../../run/result.ts';
import { describeMonths, selectedMonths, type MonthSelection } from '../args/selection.ts';

export interface OutputSelection {
  /** Metrics kept, or every metric when undefined. */
  metrics?: readonly string[];
  /** Groups kept, or every group when undefined. */
  groups?: readonly string[];
  /** Months kept, or every month when undefined. */
  months?: MonthSelection;
}

/** What a manifest records of a selection. */
export interface ManifestSelection {
  /** Metrics kept, in the order given, or `all`. */
  metrics: string[] | 'all';
  /** Groups kept, in the order given, or `all`. */
  groups: string[] | 'all';
  /** `every month`, `every 12 months and the last` or `final month`. */
  months: string;
  /** The 1-based months written. */
  monthsWritten: number[];
  /** What the result hashes of this manifest cover. */
  resultHashCovers: string;
}

/** True when the selection drops anything. */
export function isCut(selection: OutputSelection | undefined): boolean {
  return selection !== undefined && (selection.metrics !== undefined || selection.groups !== undefined || selection.months !== undefined);
}

/** The series the selection keeps, in their original order. */
export function cutSeries<S extends { metric: string; group: string }>(series: readonly S[], selection: OutputSelection | undefined): S[] {
  if (selection === undefined) return [...series];
  const { metrics, groups } = selection;
  return series.filter((s) => (metrics === undefined || metrics.includes(s.metric)) && (groups === undefined || groups.includes(s.group)));
}

/** The result with only the kept series (values shared, not copied; every month still there). */
export function cutResult(result: Result, selection: OutputSelection | undefined): Result {
  return selection === undefined ? result : { ...result, series: cutSeries(result.series, selection) };
}

/** The summary with only the kept series. */
export function cutSummary(summary: Summary, selection: OutputSelection | undefined): Summary {
  return selection === undefined ? summary : { ...summary, series: cutSeries(summary.series, selection) };
}

/** The 1-based months written, or undefined for every month. */
export function monthsWritten(months: number, selection: OutputSelection | undefined): number[] | undefined {
  return selection?.months === undefined ? undefined : selectedMonths(months, selection.months);
}

/** The manifest's record of a selection; undefined when nothing is cut (manifests stay as they were). */
export function manifestSelection(months: number, selection: OutputSelection | undefined): ManifestSelection | undefined {
  if (!isCut(selection)) return undefined;
  return {
    metrics: selection?.metrics === undefined ? 'all' : [...selection.metrics],
    groups: selection?.groups === undefined ? 'all' : [...selection.groups],
    months: describeMonths(selection?.months),
    monthsWritten: selectedMonths(months, selection?.months),
    resultHashCovers:
      'every value of the full result (all metrics, groups and months), not only the values in these files; run the command without --metrics, --groups and --every to get the files it covers',
  };
}
