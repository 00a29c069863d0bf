/**
 * What the engineers view and the σ × autonomy map take from the page's runs: the sample of
 * engineers of the edited scenario's first seed (runs that send partial results — each
 * scenario's first seed — also follow AGENT_SAMPLE_SIZE engineers), and the edited scenario's
 * σ and long-run autonomy growth. Samples are kept apart from the cached results, only the few
 * latest, so the result cache does not grow by a sample per run.
 */
import type { AgentSample } from '../../sim/run/agentSample.ts';
import type { Result } from '../../sim/run/result.ts';
import type { SlotRun } from './catalogue.ts';
import { jobKey } from './jobs.ts';

/** Samples kept (about 0.5 MB each at the default ten years). */
export const MAX_SAMPLES = 16;

export interface EngineersFeed {
  sample: AgentSample;
  firmTypes: string[];
  seed: number;
}

/** The edited scenario's settings that place it on the map. */
export interface MapSettings {
  sigma: number;
  autonomyGrowth: number;
  label: string;
}

export class SampleStore {
  private readonly samples = new Map<string, EngineersFeed>();
  /** Runs asked to follow engineers that sent no sample: not run again for one. */
  private readonly barren = new Set<string>();
  /** First seeds dropped from the cache to run again with a sample, until it comes (so at most once in a row). */
  private readonly retried = new Set<string>();

  /**
   * Takes the sample off a finished run's result (the cached result keeps only the series);
   * `asked`: whether the run was asked to follow engineers (a first seed).
   */
  take(key: string, result: Result, asked = true): void {
    const sample = result.agents;
    if (!sample) {
      if (asked) this.barren.add(key);
      return;
    }
    this.retried.delete(key);
    delete result.agents;
    this.samples.delete(key);
    this.samples.set(key, { sample, firmTypes: result.firmTypes, seed: result.seed });
    for (const old of this.samples.keys()) {
      if (this.samples.size <= MAX_SAMPLES) break;
      this.samples.delete(old);
    }
  }

  /**
   * A first seed cached without its sample — it ran as a later seed before the reader changed
   * the seeds, or its sample was dropped as one of the oldest — is dropped from `cache` so it
   * runs again with one (once in a row, and never for a run that was asked and sent none).
   */
  refresh(run: SlotRun | undefined, seeds: readonly number[], cache: Map<string, Result>): void {
    if (!run || seeds.length === 0) return;
    const key = jobKey(run.text, seeds[0]);
    if (this.samples.has(key) || this.barren.has(key) || this.retried.has(key) || !cache.has(key)) return;
    this.retried.add(key);
    cache.delete(key);
  }

  /** The sample of `run`'s first seed, if it was followed. */
  of(run: SlotRun | undefined, seeds: readonly number[]): EngineersFeed | undefined {
    if (!run || seeds.length === 0) return undefined;
    return this.samples.get(jobKey(run.text, seeds[0]));
  }
}

export function mapSettings(run: SlotRun | undefined): MapSettings | undefined {
  if (!run) return undefined;
  return { sigma: run.params.production.sigma, autonomyGrowth: run.params.market.autonomyGrowthLongRun, label: run.label };
}
