/**
 * A validated sweep expanded into runs. Points come in a fixed order (a grid: every
 * combination, the first parameter outermost; a Latin hypercube: sample order); a point's id
 * and its replicate seeds are hashes of its parameter assignments (canonical JSON) with the
 * base seed and the replicate index — not positions — so adding grid values never changes an
 * existing point's id or seeds, and finished runs stay reusable. Pure: no `node:` imports.
 */
import { canonicalJson, hashString } from '../../lib/hash.ts';
import { BUDGET_QUARTILES } from '../../run/metricDefs.ts';
import { cloneParams, firmTypeNames, LEVELS, type Params } from '../../model/params.ts';
import { expandWildcard, getAt, missingSegment, setAt, specFor } from '../../model/paramPaths.ts';
import { stream } from '../../lib/rng.ts';
import { resolveScenario, ScenarioError } from '../../input/scenario.ts';
import { designPaths, LHS_KEY, SweepError, type LhsRange, type Sweep, type SweepDesign, type SweepIssue } from './sweep.ts';

/** One parameter combination. */
export interface SweepPoint {
  /** 0-based position in the sweep's order. */
  index: number;
  /** `p` + 16 hex digits of the hash of the assignments; stable when the grid grows. */
  id: string;
  /** Parameter path → value, in the design's path order. */
  assignments: Record<string, number>;
}

/** One simulation of the sweep: a point and a replicate. */
export interface SweepRun {
  /** `<pointId>-r<replicate>`: the run's file name under runs/. */
  runId: string;
  pointId: string;
  pointIndex: number;
  /** 1-based. */
  replicate: number;
  seed: number;
  /** The run's full parameters, built on each access (a plan holds no params per run). */
  readonly params: Params;
}

export interface SweepPlan {
  sweep: Sweep;
  /** The base scenario's resolved parameters, before the sweep's engineers/years overrides. */
  baseParams: Params;
  baseParamsHash: string;
  /** Identifies what the sweep computes (not its description or file layout). */
  sweepHash: string;
  /** Months of every run. */
  months: number;
  /** The varied parameter paths, in file order. */
  paths: string[];
  points: SweepPoint[];
  /** Points in order, replicates 1..R within a point. */
  runs: SweepRun[];
}

/** Name of the random stream that places Latin-hypercube samples (see rng.ts). */
export const LHS_STREAM = 'sweep:latin-hypercube';

/** A point's id: a hash of its assignments only (the same point has the same id in every sweep). */
export function pointId(assignments: Record<string, number>): string {
  return `p${hashString(`tokensim-sweep-point:${canonicalJson(assignments)}`).slice(0, 16)}`;
}

/** Seed of one replicate of a point: an unsigned 32-bit hash of (base seed, assignments, replicate). */
export function replicateSeed(baseSeed: number, assignments: Record<string, number>, replicate: number): number {
  return Number.parseInt(hashString(`tokensim-sweep-seed:${baseSeed}:${canonicalJson(assignments)}:${replicate}`).slice(0, 8), 16);
}

/**
 * A Latin hypercube: `samples` rows, one value per range. Each range is cut into `samples`
 * equal strata and every stratum holds exactly one row; strata are matched across ranges by
 * a random permutation per range, and each value is placed uniformly within its stratum.
 * Integer parameters take the integer the stratum position falls on. Deterministic in `seed`.
 */
export function latinHypercube(samples: number, ranges: readonly LhsRange[], seed: number): number[][] {
  const rng = stream(seed, LHS_STREAM);
  const columns = ranges.map((r) => {
    const perm = Array.from({ length: samples }, (_, i) => i);
    for (let i = samples - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const integer = specFor(r.path)?.integer === true;
    return perm.map((stratum) => {
      const u = (stratum + rng.next()) / samples;
      return integer ? Math.min(r.max, r.min + Math.floor(u * (r.max - r.min + 1))) : r.min + u * (r.max - r.min);
    });
  });
  return Array.from({ length: samples }, (_, i) => columns.map((c) => c[i]));
}

/** Every point's assignments, in the sweep's order. */
export function designAssignments(design: SweepDesign, seed: number): Record<string, number>[] {
  if (design.kind === 'latinHypercube') {
    return latinHypercube(design.samples, design.ranges, seed).map((row) => Object.fromEntries(design.ranges.map((r, k) => [r.path, row[k]])));
  }
  let out: Record<string, number>[] = [{}];
  for (const axis of design.axes) out = out.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.path]: v })));
  return out;
}

// ---------------------------------------------------------------------------------------
// Parameter paths in a concrete Params

/** The concrete leaf paths `path` sets in `params` (`firmTypes.*` → each firm type), or why none. */
export function concretePaths(params: Params, path: string): string[] | string {
  const concrete = expandWildcard(path, firmTypeNames(params));
  for (const leaf of concrete) {
    const k = missingSegment(params, leaf);
    if (k >= 0) {
      const segments = leaf.split('.');
      if (segments[0] === 'firmTypes' && k === 1) return `the base scenario has no firm type "${segments[k]}" (it has ${firmTypeNames(params).join(', ')})`;
      if (segments[0] === 'market' && segments[1] === 'events' && k === 2) return `the base scenario has no market.events.${segments[k]}`;
      return 'not a parameter of the base scenario';
    }
    if (typeof getAt(params, leaf) !== 'number') return 'not a numeric parameter of the base scenario';
  }
  return concrete;
}

/** Where a design path is written in the file, for messages. */
function fileLocation(design: SweepDesign, path: string): string {
  return design.kind === 'grid' ? `parameters.${path}` : `parameters.${LHS_KEY}.ranges.${path}`;
}

/** Group names a result of `params` can report. */
export function knownGroups(params: Params): string[] {
  return ['all', ...firmTypeNames(params), ...LEVELS, ...BUDGET_QUARTILES];
}

const describeAssignments = (a: Record<string, number>): string =>
  Object.entries(a)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

// ---------------------------------------------------------------------------------------
// Planning

/** The sweep's base with its engineers/years overrides applied. */
function startingParams(sweep: Sweep, baseParams: Params): Params {
  const p = cloneParams(baseParams);
  if (sweep.engineers !== undefined) p.run.engineers = sweep.engineers;
  if (sweep.years !== undefined) p.run.years = sweep.years;
  return p;
}

/** Parameters of a point: the (overridden) base with the point's assignments written in. */
function buildParams(start: Params, concrete: ReadonlyMap<string, string[]>, assignments: Record<string, number>): Params {
  const p = cloneParams(start);
  for (const [path, value] of Object.entries(assignments)) for (const leaf of concrete.get(path)!) setAt(p, leaf, value);
  return p;
}

class PlannedRun implements SweepRun {
  constructor(
    readonly runId: string,
    readonly pointId: string,
    readonly pointIndex: number,
    readonly replicate: number,
    readonly seed: number,
    private readonly build: () => Params,
  ) {}

  get params(): Params {
    return this.build();
  }
}

/** Checks the sweep against its base (paths, overlaps, groups); throws SweepError. */
function checkAgainstBase(sweep: Sweep, start: Params, source: string | undefined): Map<string, string[]> {
  const issues: SweepIssue[] = [];
  const concrete = new Map<string, string[]>();
  const owner = new Map<string, string>();
  for (const path of designPaths(sweep.design)) {
    const leaves = concretePaths(start, path);
    if (typeof leaves === 'string') {
      issues.push({ path: fileLocation(sweep.design, path), message: leaves });
      continue;
    }
    for (const leaf of leaves) {
      const other = owner.get(leaf);
      if (other !== undefined) issues.push({ path: fileLocation(sweep.design, path), message: `sets ${leaf}, which ${other} already sets` });
      owner.set(leaf, path);
    }
    concrete.set(path, leaves);
  }
  const groups = knownGroups(start);
  sweep.groups.forEach((g, k) => {
    if (!groups.includes(g)) issues.push({ path: `groups.${k}`, message: `unknown group "${g}" (groups: ${groups.join(', ')})` });
  });
  if (issues.length > 0) throw new SweepError(issues, source);
  return concrete;
}

/**
 * Expands a validated sweep over its resolved base scenario into points and runs. Every
 * point's parameters are validated as a scenario (cross-field rules such as level shares
 * summing to 1); the first point that fails is named in the SweepError.
 */
export function planSweep(sweep: Sweep, baseParams: Params, source?: string): SweepPlan {
  const start = startingParams(sweep, baseParams);
  const concrete = checkAgainstBase(sweep, start, source);
  const assignments = designAssignments(sweep.design, sweep.seed);
  const points: SweepPoint[] = [];
  const seen = new Map<string, number>();
  for (const [index, a] of assignments.entries()) {
    const id = pointId(a);
    const twin = seen.get(id);
    if (twin !== undefined) {
      throw new SweepError([{ path: 'parameters', message: `points ${twin + 1} and ${index + 1} are the same (${describeAssignments(a)}); widen the integer ranges or take fewer samples` }], source);
    }
    seen.set(id, index);
    try {
      resolveScenario(buildParams(start, concrete, a));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      const first = err.issues[0];
      throw new SweepError([{ path: 'parameters', message: `point ${index + 1} (${describeAssignments(a)}) is not a valid scenario: ${first.path}: ${first.message}` }], source);
    }
    points.push({ index, id, assignments: a });
  }
  const runs: SweepRun[] = [];
  for (const point of points) {
    const build = (): Params => buildParams(start, concrete, point.assignments);
    for (let r = 1; r <= sweep.replicates; r++) {
      runs.push(new PlannedRun(`${point.id}-r${r}`, point.id, point.index, r, replicateSeed(sweep.seed, point.assignments, r), build));
    }
  }
  const baseParamsHash = hashString(canonicalJson(baseParams));
  const sweepHash = hashString(
    canonicalJson({
      format: 'tokensim-sweep/1',
      name: sweep.name,
      baseParamsHash,
      design: sweep.design,
      replicates: sweep.replicates,
      seed: sweep.seed,
      metrics: sweep.metrics,
      groups: sweep.groups,
      engineers: sweep.engineers ?? null,
      years: sweep.years ?? null,
    }),
  );
  return {
    sweep,
    baseParams,
    baseParamsHash,
    sweepHash,
    months: start.run.years * 12,
    paths: designPaths(sweep.design),
    points,
    runs,
  };
}

/** Hash of a run's resolved parameters, as `simulate` reports it in `Result.paramsHash`. */
export function runParamsHash(run: SweepRun): string {
  return hashString(canonicalJson(run.params));
}

/** Shard `index` of `count` (1-based): every count-th run, starting with run `index`. */
export function selectShard<T>(runs: readonly T[], index: number, count: number): T[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new RangeError(`shard ${index}/${count}: need 1 ≤ K ≤ N`);
  }
  return runs.filter((_, i) => i % count === index - 1);
}
