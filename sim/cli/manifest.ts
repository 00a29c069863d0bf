/**
 * manifest.json: the provenance of one run — what was run (scenario, resolved parameters,
 * seed, command line), by which package version, what came out (result hash, metric units)
 * — so any figure made from series.csv can be traced and re-run exactly. It holds nothing
 * time- or machine-dependent: two identical runs write identical manifests.
 */
import { METRIC_DEFS, type GroupFamily } from '../metricDefs.ts';
import type { Params } from '../params.ts';
import type { Result } from '../result.ts';
import type { PackageInfo } from './command.ts';
import { countSeriesRows, orderSeries, SERIES_CSV_COLUMNS } from './seriesCsv.ts';

export interface ManifestMetric {
  name: string;
  unit: string;
  description: string;
  groups: GroupFamily[];
}

export interface Manifest {
  scenario: string;
  /** The scenario file as given on the command line. */
  source: string;
  paramsHash: string;
  seed: number;
  package: PackageInfo;
  resultHash: string;
  engineers: number;
  years: number;
  months: number;
  /** The command that produced this run, shell-quoted, ready to paste. */
  command: string;
  /** series.csv's columns, row count and the groups it holds, in file order. */
  seriesCsv: { columns: string[]; rows: number; groups: string[] };
  /** Units and meanings of every metric name in series.csv. */
  metrics: ManifestMetric[];
  /** The resolved parameters the engine ran with (scenario overrides and CLI flags applied). */
  parameters: Params;
}

export interface ManifestInput {
  params: Params;
  result: Result;
  source: string;
  pkg: PackageInfo;
  /** Arguments after the program name, as typed. */
  argv: readonly string[];
}

/** Quotes one argument for a POSIX shell, only when needed: `a b` → `'a b'`. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return "'" + arg.replace(/'/g, `'\\''`) + "'";
}

/** The command line as one pasteable string: `tokensim run scenarios/baseline.json --seed 1 …`. */
export function formatCommandLine(argv: readonly string[]): string {
  return ['tokensim', ...argv].map(shellQuote).join(' ');
}

/** Distinct group names in the order series.csv lists them (`all` first in practice). */
export function groupsInOrder(result: Result): string[] {
  const seen = new Set<string>();
  for (const s of orderSeries(result.series)) seen.add(s.group);
  return [...seen];
}

/** Builds the manifest; the field order here is the order in the file. */
export function buildManifest({ params, result, source, pkg, argv }: ManifestInput): Manifest {
  return {
    scenario: params.name,
    source,
    paramsHash: result.paramsHash,
    seed: result.seed,
    package: { name: pkg.name, version: pkg.version },
    resultHash: result.resultHash,
    engineers: params.run.engineers,
    years: params.run.years,
    months: result.months,
    command: formatCommandLine(argv),
    seriesCsv: { columns: [...SERIES_CSV_COLUMNS], rows: countSeriesRows(result), groups: groupsInOrder(result) },
    metrics: METRIC_DEFS.map((d) => ({ name: d.name, unit: d.unit, description: d.description, groups: [...d.groups] })),
    parameters: params,
  };
}

/** The manifest as file text: two-space JSON with a final newline. */
export function manifestJson(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
