/**
 * The files of `tokensim sensitivity --out <dir>`, besides sensitivity.json (the report):
 *   sensitivity.csv  output,group,year,factor,measure,value,lo95,hi95,unit — the indices, tidy
 *   design.csv       point,replicate,seed,block,row,<factor paths…>,<outputs…> — every point
 *                    evaluated: its design coordinates in parameter units and what it gave
 *   manifest.json    provenance as `run` writes it: spec and base hashes, the resolved base's
 *                    parameter hash, package version, git commit, command, the files' columns
 * A Morris block is a trajectory (1-based within its replicate) and its row the step (0 = the
 * start); a Sobol block is A, B or AB<i> (A with factor i from B) and its row the sample.
 */
import { HASH_PROVENANCE, canonicalJson, hashString } from '../../lib/hash.ts';
import { specFor } from '../../model/paramPaths.ts';
import type { Params } from '../../model/params.ts';
import type { SensitivitySpec } from '../../research/sensitivity/sensitivitySpec.ts';
import type { PackageInfo } from '../commands/command.ts';
import type { EvaluatedDesign, SensitivityReport } from '../commands/sensitivityCommand.ts';
import { formatCommandLine, readGitCommit, reproducibleArgv } from './manifest.ts';
import { csvField } from './seriesCsv.ts';

export const SENSITIVITY_CSV_COLUMNS = ['output', 'group', 'year', 'factor', 'measure', 'value', 'lo95', 'hi95', 'unit'] as const;

/** Unit of a Morris measure: the output's unit per whole factor range. */
export const morrisUnit = (unit: string): string => `${unit} per factor range`;

/** The report's tidy CSV; Morris μ* carries its bootstrap interval when there is one, Sobol indices are unitless. */
export function sensitivityCsv(report: SensitivityReport): string {
  const rows = [SENSITIVITY_CSV_COLUMNS.join(',')];
  const num = (v: number | undefined): string => (v === undefined ? '' : String(v));
  for (const r of report.results) {
    const key = `${r.output.metric},${csvField(r.output.group)},${r.output.year}`;
    const unit = csvField(morrisUnit(r.unit));
    for (const m of r.morris ?? []) {
      rows.push(`${key},${csvField(m.path)},mu_star,${m.muStar},${num(m.muStarLo)},${num(m.muStarHi)},${unit}`);
      rows.push(`${key},${csvField(m.path)},mu,${m.mu},,,${unit}`);
      rows.push(`${key},${csvField(m.path)},sigma,${m.sigma},,,${unit}`);
    }
    for (const s of r.sobol ?? []) {
      rows.push(`${key},${csvField(s.path)},first_order,${s.first},${s.firstLo},${s.firstHi},`);
      rows.push(`${key},${csvField(s.path)},total,${s.total},${s.totalLo},${s.totalHi},`);
    }
  }
  return rows.join('\n') + '\n';
}

/** design.csv's header for a spec. */
export function designColumns(spec: Pick<SensitivitySpec, 'factors' | 'outputs'>): string[] {
  return ['point', 'replicate', 'seed', 'block', 'row', ...spec.factors.map((f) => f.path), ...spec.outputs.map((o) => `${o.metric}.${o.group}.year${o.year}`)];
}

/** Block and row of point k of a design (see the module comment). */
function blockOf(e: EvaluatedDesign, k: number): [string, number] {
  if (e.design.kind === 'morris') {
    const per = e.design.d.factors.length + 1;
    return [String(Math.floor(k / per) + 1), k % per];
  }
  const n = e.design.d.n;
  const block = Math.floor(k / n);
  return [block === 0 ? 'A' : block === 1 ? 'B' : `AB${block - 1}`, (k % n) + 1];
}

/** Every point evaluated, in design order; factor values as set (integers rounded, as the runs had them). */
export function designCsv(spec: Pick<SensitivitySpec, 'factors' | 'outputs'>, evaluated: readonly EvaluatedDesign[]): string {
  const rows = [designColumns(spec).map(csvField).join(',')];
  const asSet = spec.factors.map((f) => (specFor(f.path)?.integer ? Math.round : (v: number) => v));
  let point = 0;
  for (const e of evaluated) {
    e.design.d.points.forEach((x, k) => {
      const [block, row] = blockOf(e, k);
      const values = x.map((v, i) => asSet[i](v));
      rows.push([++point, e.design.replicate, e.design.seed, block, row, ...values, ...e.outputs.map((o) => o[k])].map(String).join(','));
    });
  }
  return rows.join('\n') + '\n';
}

export interface SensitivityManifestInput {
  spec: SensitivitySpec;
  /** The spec file as given. */
  source: string;
  specText: string;
  /** The base scenario file, resolved against the spec's folder. */
  baseSource: string;
  baseText: string;
  /** The base as run (with engineers and years applied). */
  base: Params;
  report: SensitivityReport;
  pkg: PackageInfo;
  argv: readonly string[];
  /** The git commit to record; by default the package's checkout's. */
  gitCommit?: string | null;
}

/** manifest.json of a sensitivity analysis; nothing time- or machine-dependent. */
export function sensitivityManifest(input: SensitivityManifestInput): Record<string, unknown> {
  const { spec, report } = input;
  const gitCommit = input.gitCommit === undefined ? readGitCommit() : (input.gitCommit ?? undefined);
  const points = report.runs;
  return {
    name: spec.name,
    source: input.source,
    ...HASH_PROVENANCE,
    specHash: hashString(canonicalJson(JSON.parse(input.specText.replace(/^\uFEFF/, '')))),
    base: { source: input.baseSource, scenario: input.base.name, scenarioHash: hashString(canonicalJson(JSON.parse(input.baseText.replace(/^\uFEFF/, '')))) },
    paramsHash: hashString(canonicalJson(input.base)),
    package: { name: input.pkg.name, version: input.pkg.version },
    ...(gitCommit === undefined ? {} : { gitCommit }),
    command: formatCommandLine(reproducibleArgv(input.argv)),
    method: spec.method,
    seed: spec.seed,
    seeds: Array.from({ length: report.replicates }, (_, k) => spec.seed + k),
    settings: spec.method === 'morris' ? spec.morris : spec.sobol,
    intervals: report.intervals,
    engineers: report.engineers,
    years: report.years,
    runs: points,
    files: {
      'sensitivity.json': 'the report: indices per output, ranked',
      'sensitivity.csv': { columns: [...SENSITIVITY_CSV_COLUMNS] },
      'design.csv': { columns: designColumns(spec), rows: points },
    },
    outputs: report.results.map((r) => ({ ...r.output, unit: r.unit, indexUnit: spec.method === 'morris' ? morrisUnit(r.unit) : 'none (share of variance)' })),
    parameters: input.base,
  };
}
