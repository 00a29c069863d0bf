/**
 * The files of `tokensim calibrate --out <dir>`:
 *   calibration.json  the report: estimates, fit, misfit test, identification, sensitivity, starts
 *   report.md         the same as tables (calibrationReport.ts)
 *   estimates.csv     parameter,estimate,se,lo95,hi95,lower,upper,identified,unit
 *   moments.csv       moment,metric,group,from_year,to_year,statistic,target,width,width_from,fit,simulation_se,t_stat,unit,source
 *   sensitivity.csv   parameter,moment,per_unit,per_width — Λ = (D′WD)⁻¹D′W (θ per unit of a target) and Λ·s (per width)
 *   candidates.csv    start,evaluation,<parameter paths…>,<moment names…>,objective — every candidate searched
 *   manifest.json     provenance as `run` writes it (spec, base and parameter hashes, version, commit, command)
 * And while it runs, journal.jsonl: every finished run's moments, so an interrupted calibration
 * resumes with --resume; it is removed once the files above are written. Pure: text only.
 */
import { HASH_PROVENANCE, canonicalJson, hashString } from '../../lib/hash.ts';
import { specFor } from '../../model/paramPaths.ts';
import type { Params } from '../../model/params.ts';
import type { CalibrationSpec } from '../../research/calibration/calibrationSpec.ts';
import type { CalibrationReport, TraceRow } from '../../research/calibration/smm.ts';
import { METRIC_DEFS } from '../../run/metricDefs.ts';
import type { PackageInfo } from '../commands/command.ts';
import { formatCommandLine, readGitCommit, reproducibleArgv } from './manifest.ts';
import { csvField } from './seriesCsv.ts';

export const ESTIMATES_COLUMNS = ['parameter', 'estimate', 'se', 'lo95', 'hi95', 'lower', 'upper', 'identified', 'unit'] as const;
export const MOMENTS_COLUMNS = ['moment', 'metric', 'group', 'from_year', 'to_year', 'statistic', 'target', 'width', 'width_from', 'fit', 'simulation_se', 't_stat', 'unit', 'source'] as const;
export const SENSITIVITY_COLUMNS = ['parameter', 'moment', 'per_unit', 'per_width'] as const;

const num = (v: number): string => (Number.isFinite(v) ? String(v) : '');
const lines = (rows: string[][]): string => rows.map((r) => r.join(',')).join('\n') + '\n';

export function estimatesCsv(r: CalibrationReport): string {
  return lines([
    [...ESTIMATES_COLUMNS],
    ...r.estimates.map((e) => [csvField(e.path), num(e.estimate), num(e.se), num(e.lo95), num(e.hi95), num(e.lower), num(e.upper), String(e.identified), csvField(specFor(e.path)?.unit ?? '')]),
  ]);
}

export function momentsCsv(r: CalibrationReport): string {
  return lines([
    [...MOMENTS_COLUMNS],
    ...r.moments.map((m) => [
      csvField(m.name),
      m.metric,
      csvField(m.group),
      String(m.window[0]),
      String(m.window[1]),
      m.statistic,
      num(m.target),
      num(m.width),
      m.widthFrom,
      num(m.fit),
      num(m.simulationSe),
      num(m.tStat),
      csvField(METRIC_DEFS.find((d) => d.name === m.metric)?.unit ?? ''),
      csvField(m.source),
    ]),
  ]);
}

export function sensitivityCsv(r: CalibrationReport): string {
  const rows: string[][] = [[...SENSITIVITY_COLUMNS]];
  r.estimates.forEach((e, i) => r.moments.forEach((m, j) => rows.push([csvField(e.path), csvField(m.name), num(r.sensitivity?.[i][j] ?? Number.NaN), num(r.sensitivityPerWidth?.[i][j] ?? Number.NaN)])));
  return lines(rows);
}

export const candidatesColumns = (spec: CalibrationSpec): string[] => ['start', 'evaluation', ...spec.parameters.map((p) => p.path), ...spec.moments.map((m) => m.name), 'objective'];

export function candidatesCsv(spec: CalibrationSpec, trace: readonly TraceRow[]): string {
  return lines([candidatesColumns(spec).map(csvField), ...trace.map((t) => [String(t.start), String(t.evaluation), ...t.theta.map(num), ...t.moments.map(num), num(t.objective)])]);
}

export interface CalibrationManifestInput {
  spec: CalibrationSpec;
  source: string;
  specText: string;
  baseSource: string;
  baseText: string;
  base: Params;
  report: CalibrationReport;
  pkg: PackageInfo;
  argv: readonly string[];
  gitCommit?: string | null;
}

/** The hashes that say whether a journal or an output directory belongs to this calibration. */
export function calibrationIdentity(specText: string, base: Params, pkg: PackageInfo): { specHash: string; paramsHash: string; version: string } {
  return { specHash: hashString(canonicalJson(JSON.parse(specText.replace(/^\uFEFF/, '')))), paramsHash: hashString(canonicalJson(base)), version: `${pkg.name}@${pkg.version}` };
}

/** manifest.json of a calibration; nothing time- or machine-dependent. */
export function calibrationManifest(input: CalibrationManifestInput): Record<string, unknown> {
  const { spec, report } = input;
  const gitCommit = input.gitCommit === undefined ? readGitCommit() : (input.gitCommit ?? undefined);
  const id = calibrationIdentity(input.specText, input.base, input.pkg);
  return {
    name: spec.name,
    source: input.source,
    ...HASH_PROVENANCE,
    specHash: id.specHash,
    base: { source: input.baseSource, scenario: input.base.name, scenarioHash: hashString(canonicalJson(JSON.parse(input.baseText.replace(/^\uFEFF/, '')))) },
    paramsHash: id.paramsHash,
    package: { name: input.pkg.name, version: input.pkg.version },
    ...(gitCommit === undefined ? {} : { gitCommit }),
    // Without --workers and --resume, which do not change the results.
    command: formatCommandLine(reproducibleArgv(input.argv).filter((a) => a !== '--resume')),
    method: 'simulated moments; Nelder–Mead on the logit scale of the bounds; sandwich standard errors with simulation noise (ECONOMICS.md §6)',
    seeds: spec.seeds,
    optimizer: spec.optimizer,
    jacobian: spec.jacobian,
    engineers: report.engineers,
    years: report.years,
    candidates: report.candidates,
    runs: report.runs,
    files: {
      'calibration.json': 'the report: estimates, fit, misfit test, identification, sensitivity, starts',
      'report.md': 'the report as tables',
      'estimates.csv': { columns: [...ESTIMATES_COLUMNS] },
      'moments.csv': { columns: [...MOMENTS_COLUMNS] },
      'sensitivity.csv': { columns: [...SENSITIVITY_COLUMNS] },
      'candidates.csv': { columns: candidatesColumns(spec), rows: report.candidates },
    },
    parameters: input.base,
  };
}
