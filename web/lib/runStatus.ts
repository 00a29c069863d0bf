/**
 * How far the page's runs have come: runs done of those wanted, the runs in progress, and
 * how long the rest will take at the speed measured on this machine. Pure, so the estimate
 * is tested without workers.
 */
import type { SlotRun } from './catalogue.ts';
import type { Job } from './jobs.ts';
import type { PageState } from './pageState.ts';
import type { RunProgress } from './runner.ts';

export interface StatusInput {
  /** The runs wanted, in priority order. */
  jobs: readonly Job[];
  /** What each slot runs (undefined for one that cannot be built). */
  runs: readonly (SlotRun | undefined)[];
  /** The slot the sliders edit. */
  focus: number;
  /** Whether the run with this job key is complete or failed. */
  finished(key: string): boolean;
  /** The worker pool, once started. */
  runner: { size: number; progress: readonly RunProgress[]; workersStarted: number; runsCancelled: number } | undefined;
  /** Milliseconds per engineer-month of one run (0 until a run has finished). */
  msPerUnit: number;
}

export type RunStatus = Pick<PageState, 'done' | 'total' | 'active' | 'secondsLeft' | 'runSeconds' | 'workersStarted' | 'runsCancelled'>;

/** Engineer-months of one run of `run`. */
const size = (run: SlotRun) => run.params.run.engineers * run.params.run.years * 12;

export function runStatus({ jobs, runs, focus, finished, runner, msPerUnit }: StatusInput): RunStatus {
  const done = jobs.filter((j) => finished(j.key)).length;
  const runOf = (text: string) => runs.find((r) => r?.text === text);
  let secondsLeft: number | undefined;
  if (msPerUnit > 0 && runner) {
    // What is left of each unfinished run, shared among the workers the remaining runs can use.
    let units = 0;
    for (const j of jobs) {
      if (finished(j.key)) continue;
      const run = runOf(j.text);
      if (!run) continue;
      const p = runner.progress.find((q) => q.job?.key === j.key);
      units += run.params.run.engineers * (run.params.run.years * 12 - (p?.done ?? 0));
    }
    secondsLeft = (units * msPerUnit) / 1000 / Math.min(runner.size, Math.max(1, jobs.length - done));
  }
  const active = (runner?.progress ?? []).flatMap((p) => {
    if (!p.job) return [];
    return [{ label: runOf(p.job.text)?.label ?? '…', seed: p.job.seed, done: p.done, total: p.total }];
  });
  const focused = runs[focus];
  return {
    done,
    total: jobs.length,
    active,
    secondsLeft,
    runSeconds: focused && msPerUnit > 0 ? (size(focused) * msPerUnit) / 1000 : undefined,
    workersStarted: runner?.workersStarted ?? 0,
    runsCancelled: runner?.runsCancelled ?? 0,
  };
}
