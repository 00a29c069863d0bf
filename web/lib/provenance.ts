/**
 * What produced the page's numbers: the one-line provenance every chart export carries, and
 * per compared scenario the hashes and the command that re-runs it, and one command that
 * re-runs the whole view. Only complete seeds are hashed; a partial run is named as such. Pure,
 * so all are tested without a browser.
 */
import type { Result } from '../../sim/run/result.ts';
import type { SlotRun } from './catalogue.ts';
import type { DisplaySlot, ProvenanceRow } from './display.ts';
import { jobKey } from './jobs.ts';
import { scenarioColour } from './palette.ts';
import { progressText } from './partial.ts';

/** "tokensim 0.1.0; baseline (3 seeds); tunguz-100k (3 seeds); seeds 1–3" */
export function provenanceLine(version: string, display: readonly DisplaySlot[], seeds: readonly number[]): string {
  return `tokensim ${version}; ${display.map((d) => `${d.label} (${seedsText(d)})`).join('; ')}; seeds ${seeds[0]}–${seeds[seeds.length - 1]}`;
}

/** "3 seeds", or how far the partial run shown has come. */
function seedsText(d: DisplaySlot): string {
  if (d.partial) return `seed ${d.summary?.seeds[0] ?? ''}, ${progressText(d.partial.monthsDone, d.partial.months)}`;
  return `${d.summary?.n ?? 0} seed${d.summary?.n === 1 ? '' : 's'}`;
}

/**
 * One row per scenario that could be built (`runs[i]` undefined for one that could not):
 * its parameters hash and each seed's result hash once complete (from `complete`, by job
 * key), and the `tokensim run` command for its first seed.
 */
export function provenanceRows(
  runs: readonly (SlotRun | undefined)[],
  seeds: readonly number[],
  complete: ReadonlyMap<string, Result>,
): ProvenanceRow[] {
  return runs.flatMap((run, index) => {
    if (!run) return [];
    const results = seeds.map((seed) => complete.get(jobKey(run.text, seed)));
    const first = results.find((x) => x);
    return [
      {
        index,
        colour: scenarioColour(index),
        label: run.label,
        name: run.name,
        paramsHash: first?.paramsHash,
        hashes: seeds.map((seed, k) => ({ seed, hash: results[k]?.resultHash })),
        command: `npx tokensim run ${scenarioFile(run)} ${seedFlag(seeds)} --out out/${run.name}`,
      },
    ];
  });
}

/** The file `tokensim run` reads for a compared scenario: the bundled file, or the downloaded custom one. */
function scenarioFile(run: SlotRun): string {
  return run.name === run.base ? `scenarios/${run.base}.json` : `${run.name}.json`;
}

/** `--seed 7` for one seed, `--seeds 1..3` for a run of consecutive seeds. */
function seedFlag(seeds: readonly number[]): string {
  return seeds.length === 1 ? `--seed ${seeds[0]}` : `--seeds ${seeds[0]}..${seeds[seeds.length - 1]}`;
}

/**
 * One command that re-runs every compared scenario with the view's seeds (`tokensim run` takes
 * several scenario files), and the custom files it needs downloaded first. '' when no
 * scenario could be built.
 */
export function viewCommand(runs: readonly (SlotRun | undefined)[], seeds: readonly number[]): { command: string; downloads: string[] } {
  const built = runs.filter((r): r is SlotRun => r !== undefined);
  if (built.length === 0 || seeds.length === 0) return { command: '', downloads: [] };
  return {
    command: `npx tokensim run ${built.map(scenarioFile).join(' ')} ${seedFlag(seeds)} --out out/view`,
    downloads: built.filter((r) => r.name !== r.base).map((r) => `${r.name}.json`),
  };
}
