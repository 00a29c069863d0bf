/** The engine's output: named monthly series, flat typed arrays, plus provenance. */

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
}

/** Finds one series; undefined when that metric is not reported for that group. */
export function findSeries(r: Result, metric: string, group = 'all'): Float64Array | undefined {
  for (const s of r.series) if (s.metric === metric && s.group === group) return s.values;
  return undefined;
}
