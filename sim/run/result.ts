/** The engine's output: named monthly series, flat typed arrays, plus provenance. */
import type { MetricName } from './metricDefs.ts';
import type { AgentSample } from './agentSample.ts';

/** One monthly series of one metric for one group (`all`, a firm type, a level, or a budget quartile). */
export interface Series {
  metric: string;
  group: string;
  /** One value per month, month 0 first. */
  values: Float64Array;
}

export interface Result {
  /** Scenario name (from the scenario file). */
  scenario: string;
  seed: number;
  months: number;
  /** Hash of the resolved parameters (canonical JSON). */
  paramsHash: string;
  /** Hash of every series' exact values in declaration order. */
  resultHash: string;
  /** Firm-type names in group order (core types first). */
  firmTypes: string[];
  /** In metric declaration order, then group order. */
  series: Series[];
  /** The sample of engineers, when asked for (SimulateOptions.agents); not in the result hash. */
  agents?: AgentSample;
}

/** Finds one series; undefined when that metric is not reported for that group. */
export function findSeries(r: Result, metric: MetricName, group = 'all'): Float64Array | undefined {
  for (const s of r.series) if (s.metric === metric && s.group === group) return s.values;
  return undefined;
}

/**
 * A Result as flat data for a worker boundary: every series back to back in one
 * Float64Array (series k occupies [k·months, (k+1)·months)), so one buffer is transferred.
 */
export interface PackedResult {
  scenario: string;
  seed: number;
  months: number;
  paramsHash: string;
  resultHash: string;
  firmTypes: string[];
  metrics: string[];
  groups: string[];
  values: Float64Array;
  agents?: AgentSample;
}

export function packResult(r: Result): PackedResult {
  const values = new Float64Array(r.series.length * r.months);
  r.series.forEach((s, k) => values.set(s.values, k * r.months));
  return {
    scenario: r.scenario,
    seed: r.seed,
    months: r.months,
    paramsHash: r.paramsHash,
    resultHash: r.resultHash,
    firmTypes: r.firmTypes,
    metrics: r.series.map((s) => s.metric),
    groups: r.series.map((s) => s.group),
    values,
    ...(r.agents ? { agents: r.agents } : {}),
  };
}

/** The buffers of a packed result, to transfer rather than clone across a worker boundary. */
export function packedBuffers(p: PackedResult): ArrayBuffer[] {
  const a = p.agents;
  const buffers = [p.values.buffer as ArrayBuffer];
  if (a) buffers.push(...[a.uid, a.firm, a.firmType, a.level, a.budget].map((x) => x.buffer as ArrayBuffer));
  return buffers;
}

/** The Result behind a PackedResult; series are views into the packed buffer (no copy). */
export function unpackResult(p: PackedResult): Result {
  const series: Series[] = p.metrics.map((metric, k) => ({
    metric,
    group: p.groups[k],
    values: p.values.subarray(k * p.months, (k + 1) * p.months),
  }));
  return {
    scenario: p.scenario,
    seed: p.seed,
    months: p.months,
    paramsHash: p.paramsHash,
    resultHash: p.resultHash,
    firmTypes: p.firmTypes,
    series,
    ...(p.agents ? { agents: p.agents } : {}),
  };
}
