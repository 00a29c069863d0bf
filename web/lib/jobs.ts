/**
 * Which runs the worker pool should do next. A job is one (scenario text, seed); the wanted
 * list is in priority order (seed-major, so every scenario gets its first seed early). Pure,
 * so supersession is tested without workers: a worker busy with a job no longer wanted has
 * that run cancelled (it stops at its next slice; the worker stays), and idle workers take the
 * first wanted jobs that are neither cached nor running.
 */

export interface Job {
  key: string;
  text: string;
  seed: number;
  /**
   * Whether the run should send partial results while it goes: true for each scenario's
   * first seed, the one a changed scenario is first drawn from (later seeds only add to a
   * band that needs complete seeds).
   */
  partials: boolean;
}

export interface Plan {
  /** Workers whose running job is no longer wanted (its run is to be cancelled). */
  cancel: number[];
  /** Assignments of wanted jobs to idle workers, or to workers whose run was just cancelled. */
  start: { worker: number; job: Job }[];
}

/** The cache key of one run: the scenario text and the seed. */
export function jobKey(text: string, seed: number): string {
  return `${seed}\u0000${text}`;
}

/** Jobs for every slot text and seed, seed-major; the first seed's jobs ask for partial results. */
export function wantedJobs(texts: readonly string[], seeds: readonly number[]): Job[] {
  const jobs: Job[] = [];
  const seen = new Set<string>();
  seeds.forEach((seed, s) => {
    for (const text of texts) {
      const key = jobKey(text, seed);
      if (seen.has(key)) continue;
      seen.add(key);
      jobs.push({ key, text, seed, partials: s === 0 });
    }
  });
  return jobs;
}

/**
 * @param wanted jobs in priority order
 * @param done keys with a cached result
 * @param running per worker, the key it is running (undefined when idle)
 */
export function planJobs(wanted: readonly Job[], done: ReadonlySet<string>, running: readonly (string | undefined)[]): Plan {
  const wantedKeys = new Set(wanted.map((j) => j.key));
  const cancel: number[] = [];
  const busy = new Set<string>();
  const free: number[] = [];
  running.forEach((key, w) => {
    if (key === undefined) free.push(w);
    else if (!wantedKeys.has(key)) {
      cancel.push(w);
      free.push(w);
    } else busy.add(key);
  });
  const start: Plan['start'] = [];
  for (const job of wanted) {
    if (free.length === 0) break;
    if (done.has(job.key) || busy.has(job.key)) continue;
    start.push({ worker: free.shift()!, job });
    busy.add(job.key);
  }
  return { cancel, start };
}
