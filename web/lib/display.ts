/** What a chart needs to know about each compared scenario. */
import type { Shape } from './palette.ts';
import type { SlotSummary } from './summaries.ts';

export interface DisplaySlot {
  /** Position in the comparison (colour and shape follow it). */
  index: number;
  label: string;
  colour: string;
  shape: Shape;
  /** Mean and 95 % interval over the seeds done so far; undefined before the first seed. */
  summary: SlotSummary | undefined;
  /** True while the summary shown is from before the last change (new seeds are running). */
  stale: boolean;
  /**
   * Set while the summary is one seed's partial run (no seed of this scenario is complete
   * yet): the months it covers, NaN after. Undefined for complete seeds.
   */
  partial?: { monthsDone: number; months: number };
}

/** One compared scenario in the provenance panel. */
export interface ProvenanceRow {
  index: number;
  colour: string;
  label: string;
  /** Scenario name as run. */
  name: string;
  paramsHash: string | undefined;
  hashes: { seed: number; hash: string | undefined }[];
  /** The command line that re-runs it. */
  command: string;
}
