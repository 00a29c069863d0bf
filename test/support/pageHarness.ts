/**
 * A harness for the page controller (web/lib/pageController.ts) without a browser: a fake
 * worker pool whose events the test sends by hand, a fake host that records the URL, downloads
 * and marks and runs deferred tasks only when told, the bundled scenarios' catalogue, and
 * results with a couple of the shown series.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { packResult, type Result } from '../../sim/run/result.ts';
import { buildSlot, makeCatalogue } from '../../web/lib/catalogue.ts';
import { jobKey, type Job } from '../../web/lib/jobs.ts';
import { PageController } from '../../web/lib/pageController.ts';
import type { PageHost, PoolRunner } from '../../web/lib/pageHost.ts';
import type { RunnerEvents, RunProgress } from '../../web/lib/runner.ts';

const files = Object.fromEntries(
  readdirSync('scenarios')
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`../../scenarios/${f}`, JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as unknown]),
);
export const { catalogue } = makeCatalogue(files);
export const text = (name: string, overrides = {}) => buildSlot(catalogue.get(name)!, overrides).text;

export class FakeRunner implements PoolRunner {
  readonly size = 1;
  progress: RunProgress[] = [{ job: undefined, done: 0, total: 0 }];
  workersStarted = 1;
  runsCancelled = 0;
  wanted: { jobs: Job[]; done: ReadonlySet<string> }[] = [];
  disposed = false;
  constructor(readonly events: RunnerEvents) {}
  setWanted(jobs: Job[], done: ReadonlySet<string>): void {
    this.wanted.push({ jobs, done });
  }
  dispose(): void {
    this.disposed = true;
  }
  get last() {
    return this.wanted[this.wanted.length - 1];
  }
}

/** A run's result with a couple of the shown series, `months` long, NaN after `upTo`. */
export function result(seed: number, months = 24, upTo = months, level = 100): Result {
  const series = (metric: string, group: string, base: number) => ({
    metric,
    group,
    values: Float64Array.from({ length: months }, (_, m) => (m < upTo ? base + seed + m : NaN)),
  });
  return {
    scenario: 's',
    seed,
    months,
    paramsHash: `p${seed}`,
    resultHash: upTo === months ? `r${seed}` : '',
    firmTypes: [],
    series: [series('headcount', 'all', level), series('wealth_median', 'junior', level * 1000)],
  };
}

export function setup(search = '') {
  const host = {
    search,
    writes: [] as string[],
    downloads: [] as { name: string; text: string; type: string }[],
    marks: [] as { name: string; detail?: { partial: boolean } }[],
    deferred: [] as (() => void)[],
    runners: [] as FakeRunner[],
  };
  const api: PageHost = {
    readSearch: () => host.search,
    writeSearch: (q) => {
      host.writes.push(q);
      host.search = q;
    },
    makeRunner: (events) => {
      const r = new FakeRunner(events);
      host.runners.push(r);
      return r;
    },
    download: (name, body, type) => host.downloads.push({ name, text: body, type }),
    mark: (name, detail) => host.marks.push(detail ? { name, detail } : { name }),
    defer: (fn) => host.deferred.push(fn),
    rendered: () => Promise.resolve(),
    nextFrame: (fn) => fn(),
  };
  const c = new PageController(catalogue, '9.9.9', api);
  /** Runs the deferred tasks (one chart each) and lets promises settle, until none is left (a settled promise may defer more). */
  const flush = async () => {
    do {
      while (host.deferred.length > 0) host.deferred.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    } while (host.deferred.length > 0);
  };
  const runner = () => host.runners[host.runners.length - 1];
  const job = (name: string, seed: number, overrides = {}): Job => ({ key: jobKey(text(name, overrides), seed), text: text(name, overrides), seed, partials: false });
  const finish = (j: Job, r = result(j.seed), ms = 100) => runner().events.onResult(j, packResult(r), ms);
  return { c, host, flush, runner, job, finish };
}
