/**
 * manifest.json: the provenance of one scenario's runs — what was run (scenario and its hash,
 * resolved parameters, seeds, command line), by which package version, what came out (a
 * result hash per seed, the files' shapes, metric units) and how its hashes were made
 * (`hashAlgorithm`, `hashEncoding`: SHA-256 over the bytes sim/lib/hash.ts documents)
 * — so any figure made from series.csv can be traced and re-run exactly; run from a git
 * checkout, also the commit it was at. It holds nothing time- or machine-dependent: two
 * identical runs of the same code write identical manifests.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HASH_PROVENANCE } from '../../lib/hash.ts';
import { METRIC_DEFS, type GroupFamily } from '../../run/metricDefs.ts';
import type { Params } from '../../model/params.ts';
import type { Result } from '../../run/result.ts';
import type { PackageInfo } from '../commands/command.ts';
import type { OutputFormat } from '../args/runArgs.ts';
import { countSeriesRows, orderSeries, SERIES_CSV_COLUMNS } from './seriesCsv.ts';
import { SUMMARY_CSV_COLUMNS } from './summaryCsv.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { cutResult, manifestSelection, monthsWritten, type ManifestSelection, type OutputSelection } from './outputSelection.ts';

export interface ManifestMetric {
  name: string;
  unit: string;
  description: string;
  groups: GroupFamily[];
}

/** One seed's run: which seed, and the hash of every value it produced. */
export interface ManifestRun {
  seed: number;
  resultHash: string;
}

export interface Manifest {
  scenario: string;
  /** The scenario file as given on the command line. */
  source: string;
  /** `sha256`: the algorithm of every hash in this manifest. */
  hashAlgorithm: typeof HASH_PROVENANCE.hashAlgorithm;
  /** One line: the bytes each hash covers (sim/lib/hash.ts). */
  hashEncoding: string;
  /** Hash of the scenario file's JSON (keys sorted), when the file was read. */
  scenarioHash?: string;
  paramsHash: string;
  /** The seed, when there is exactly one (kept for readers of single-seed manifests). */
  seed?: number;
  /** Every seed, in the order of the rows in series.csv. */
  seeds: number[];
  package: PackageInfo;
  /** The commit checked out where the package ran, when it ran from a git checkout. */
  gitCommit?: string;
  /** The result hash, when there is exactly one seed. */
  resultHash?: string;
  /** Per seed, the hash of every value of its result. */
  runs: ManifestRun[];
  engineers: number;
  years: number;
  months: number;
  /** The command that produced this output, shell-quoted, ready to paste. */
  command: string;
  /** `csv` (series.csv, summary.csv) or `json` (series.json, summary.json). */
  format: OutputFormat;
  /**
   * Present only when `--metrics`, `--groups` or `--every` cut the files: what they hold. The
   * result hashes above still cover the full result (outputSelection.ts).
   */
  selection?: ManifestSelection;
  /** series.csv's columns, row count and the groups it holds, in file order (csv format). */
  seriesCsv?: { columns: string[]; rows: number; groups: string[] };
  /** summary.csv's columns and row count (csv format). */
  summaryCsv?: { columns: string[]; rows: number };
  /** series.json's runs, series per run and groups in file order (json format). */
  seriesJson?: { runs: number; seriesPerRun: number; groups: string[] };
  /** summary.json's number of series (json format). */
  summaryJson?: { series: number };
  /** Units and meanings of every metric name in the series files. */
  metrics: ManifestMetric[];
  /** The resolved parameters the engine ran with (scenario overrides and CLI flags applied). */
  parameters: Params;
}

export interface ManifestInput {
  params: Params;
  /** Every seed's result, in seed order. */
  results?: readonly Result[];
  /** The result of a single-seed run (instead of `results`). */
  result?: Result;
  source: string;
  /** Hash of the scenario file (see loadScenario.ts), when read from a file. */
  scenarioHash?: string;
  pkg: PackageInfo;
  /** Arguments after the program name, as typed. */
  argv: readonly string[];
  /** Output format; csv by default. */
  format?: OutputFormat;
  /** The git commit to record; by default the package's own checkout's (none outside one). */
  gitCommit?: string | null;
  /** What the files keep (run --metrics/--groups/--every); everything when undefined. */
  selection?: OutputSelection;
}


const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The commit checked out in the git working tree at `root`, read from .git/HEAD and the ref
 * it names (loose, or in packed-refs), with no git process; a linked worktree's `.git` file
 * and its common directory are followed. Undefined when `root` is not a checkout or anything
 * is unreadable.
 */
export function readGitCommit(root: string = PACKAGE_ROOT): string | undefined {
  const dotGit = path.join(root, '.git');
  let gitDir = dotGit;
  const link = readText(dotGit);
  if (link !== undefined) {
    const m = /^gitdir: (.+)$/m.exec(link);
    if (!m) return undefined;
    gitDir = path.resolve(root, m[1].trim());
  }
  const head = readText(path.join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  if (COMMIT.test(head)) return head; // detached HEAD
  const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
  if (ref === undefined) return undefined;
  const common = readText(path.join(gitDir, 'commondir'));
  const dirs = [gitDir, ...(common === undefined ? [] : [path.resolve(gitDir, common.trim())])];
  for (const dir of dirs) {
    const loose = readText(path.join(dir, ref))?.trim();
    if (loose !== undefined && COMMIT.test(loose)) return loose;
  }
  for (const dir of dirs) {
    for (const line of (readText(path.join(dir, 'packed-refs')) ?? '').split('\n')) {
      const [sha, name] = line.trim().split(' ');
      if (name === ref && COMMIT.test(sha)) return sha;
    }
  }
  return undefined;
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

/** The arguments minus `--workers` and `--exact-workers`: the thread count does not change a single byte of output. */
export function reproducibleArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '--workers') i++;
    else if (!a.startsWith('--workers=') && a !== '--exact-workers') out.push(a);
  }
  return out;
}

/** Builds the manifest; the field order here is the order in the file. */
export function buildManifest(input: ManifestInput): Manifest {
  const { params, source, pkg, argv } = input;
  const results = input.results ?? (input.result ? [input.result] : []);
  if (results.length === 0) throw new Error('a manifest needs at least one result');
  const first = results[0];
  const one = results.length === 1;
  const format = input.format ?? 'csv';
  const { selection } = input;
  const shown = cutResult(first, selection);
  const written = monthsWritten(first.months, selection);
  const monthCount = written === undefined ? first.months : written.length;
  const groups = groupsInOrder(shown);
  const summarySeries = shown.series.length;
  const kept = new Set(shown.series.map((s) => s.metric));
  const selectionRecord = manifestSelection(first.months, selection);
  const gitCommit = input.gitCommit === undefined ? readGitCommit() : (input.gitCommit ?? undefined);
  return {
    scenario: params.name,
    source,
    ...HASH_PROVENANCE,
    ...(input.scenarioHash === undefined ? {} : { scenarioHash: input.scenarioHash }),
    paramsHash: first.paramsHash,
    ...(one ? { seed: first.seed } : {}),
    seeds: results.map((r) => r.seed),
    package: { name: pkg.name, version: pkg.version },
    ...(gitCommit === undefined ? {} : { gitCommit }),
    ...(one ? { resultHash: first.resultHash } : {}),
    runs: results.map((r) => ({ seed: r.seed, resultHash: r.resultHash })),
    engineers: params.run.engineers,
    years: params.run.years,
    months: first.months,
    command: formatCommandLine(argv),
    format,
    ...(selectionRecord === undefined ? {} : { selection: selectionRecord }),
    ...(format === 'csv'
      ? {
          seriesCsv: {
            columns: [...SERIES_CSV_COLUMNS],
            rows: results.reduce((n, r) => n + countSeriesRows(cutResult(r, selection), written), 0),
            groups,
          },
          summaryCsv: { columns: [...SUMMARY_CSV_COLUMNS], rows: summarySeries * monthCount },
        }
      : {
          seriesJson: { runs: results.length, seriesPerRun: summarySeries, groups },
          summaryJson: { series: summarySeries },
        }),
    metrics: METRIC_DEFS.filter((d) => selection?.metrics === undefined || kept.has(d.name)).map((d) => ({ name: d.name, unit: d.unit, description: d.description, groups: [...d.groups] })),
    parameters: params,
  };
}

/** The manifest as file text: two-space JSON with a final newline. */
export function manifestJson(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}
