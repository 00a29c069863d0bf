/**
 * The page controller (web/lib/pageController.ts) without a browser: a fake worker pool whose
 * events the test sends by hand, a fake host that records the URL, downloads and marks and
 * runs deferred tasks only when told, and plain cells (test/support/pageHarness.ts).
 */
import { describe, expect, it } from 'vitest';
import { packResult } from '../../sim/run/result.ts';
import { CHARTS } from '../../web/lib/chartSpecs.ts';
import { MAX_CACHED } from '../../web/lib/pageController.ts';
import { TOUR } from '../../web/lib/tour.ts';
import { catalogue, result, setup, text } from '../support/pageHarness.ts';

const DEFAULT_QUERY = '?s=baseline,tunguz-100k&focus=1&seeds=3&seed=1';

describe('the view and the URL', () => {
  it('reads the view from the URL, drops slider values equal to the file’s, and writes the normal form on start', () => {
    const sigma = catalogue.get('baseline')!.params.production.sigma;
    const { c, host } = setup(`?s=baseline~sigma:${sigma},tunguz-100k~sigma:1&seeds=2`);
    expect(c.state.view.slots.map((s) => s.overrides)).toEqual([{}, { sigma: 1 }]);
    expect(c.state.picker.map((p) => p.changed)).toEqual([false, true]);
    expect(c.state.focusLabel).toBe('tunguz-100k · σ 1');
    expect(host.writes).toEqual([]); // nothing touches the page before it starts
    c.start();
    expect(host.writes).toEqual(['?s=baseline,tunguz-100k~sigma:1&focus=1&seeds=2&seed=1']);
  });

  it('offers each compared scenario’s reference until it is compared, and adds it with one click, the sliders still on the scenario', () => {
    const { c, host } = setup('?s=tokenmaxxing&focus=0&seeds=2&seed=1');
    c.start();
    expect(c.state.picker.map((p) => p.reference)).toEqual(['tunguz-100k']);
    c.addReference(0);
    expect(c.state.view.slots.map((s) => s.scenario)).toEqual(['tokenmaxxing', 'tunguz-100k']);
    expect(c.state.view.focus).toBe(0);
    // tunguz-100k offers its own reference; tokenmaxxing's is compared now.
    expect(c.state.picker.map((p) => p.reference)).toEqual([undefined, 'baseline']);
    expect(host.writes.at(-1)).toBe('?s=tokenmaxxing,tunguz-100k&focus=0&seeds=2&seed=1');
    c.addReference(1);
    expect(c.state.view.slots.map((s) => s.scenario)).toEqual(['tokenmaxxing', 'tunguz-100k', 'baseline']);
    expect(c.state.picker.map((p) => p.reference)).toEqual([undefined, undefined, undefined]);
    c.addReference(2); // baseline has no reference: nothing happens
    expect(c.state.view.slots.length).toBe(3);
  });

  it('shows the default view and a message for a malformed URL; the message can be dismissed', () => {
    const { c, host } = setup('?s=baseline~sigma:banana');
    expect(c.state.urlError).toBe('s: baseline: sigma must be a number (got "banana")');
    expect(c.state.view.slots.map((s) => s.scenario)).toEqual(['baseline', 'tunguz-100k']);
    c.start();
    expect(host.writes).toEqual([DEFAULT_QUERY]);
    c.dismissUrlError();
    expect(c.state.urlError).toBe('');
  });

  it('mirrors each view change in the URL and writes nothing when the URL already says it', () => {
    const { c, host } = setup(DEFAULT_QUERY);
    c.start();
    expect(host.writes).toEqual([]);
    c.setSeeds(5);
    c.setSeed(7);
    c.setFocus(0);
    c.commitLever('sigma', 2);
    c.addSlot();
    expect(host.writes).toEqual([
      '?s=baseline,tunguz-100k&focus=1&seeds=5&seed=1',
      '?s=baseline,tunguz-100k&focus=1&seeds=5&seed=7',
      '?s=baseline,tunguz-100k&focus=0&seeds=5&seed=7',
      '?s=baseline~sigma:2,tunguz-100k&focus=0&seeds=5&seed=7',
      `?s=baseline~sigma:2,tunguz-100k,${c.names.find((n) => n !== 'baseline' && n !== 'tunguz-100k')}&focus=2&seeds=5&seed=7`,
    ]);
    c.removeSlot(0);
    expect(c.state.view.focus).toBe(1); // still the slot added last
    c.setScenario(0, 'complements');
    c.resetLevers();
    expect(c.state.view.slots.map((s) => s.scenario)[0]).toBe('complements');
  });
});

describe('the guided path', () => {
  it('shows each step’s view, mirrored in the URL; a query it cannot read changes nothing and says why', () => {
    const { c, host } = setup(DEFAULT_QUERY);
    c.start();
    for (const step of TOUR) expect(c.showQuery(step.query), step.id).toBe('');
    expect(host.writes).toEqual(TOUR.map((step) => step.query).filter((q) => q !== DEFAULT_QUERY)); // the first step is the default view
    expect(c.showQuery('?s=nope')).toMatch(/^s: unknown scenario "nope"/);
    expect(host.search).toBe(TOUR[TOUR.length - 1].query);
  });
});

describe('runs', () => {
  it('asks the pool for every scenario and seed, seed-major, and supersedes them when a slider moves', () => {
    const { c, runner, job } = setup(DEFAULT_QUERY);
    c.start();
    expect(runner().last.jobs.map((j) => [j.key, j.partials])).toEqual([
      [job('baseline', 1).key, true],
      [job('tunguz-100k', 1).key, true],
      [job('baseline', 2).key, false],
      [job('tunguz-100k', 2).key, false],
      [job('baseline', 3).key, false],
      [job('tunguz-100k', 3).key, false],
    ]);
    c.commitLever('sigma', 1);
    const keys = runner().last.jobs.map((j) => j.key);
    expect(keys).toContain(job('tunguz-100k', 1, { sigma: 1 }).key);
    expect(keys).not.toContain(job('tunguz-100k', 1).key);
    expect(keys).toContain(job('baseline', 1).key);
    expect(c.state.total).toBe(6);
  });

  it('starts nothing of a link that would take hours until the reader says yes; “no” shows the default view', () => {
    const huge = ['baseline', 'tunguz-100k', 'price-crash'].map((s) => `${s}~engineers:2000000~years:50`).join(',');
    for (const yes of [true, false]) {
      const { c, host, runner } = setup(`?s=${huge}&seeds=30`);
      expect(c.state.workQuestion).toBe(''); // nothing is asked before the page starts
      c.start();
      expect(runner().wanted.map((w) => w.jobs.length)).toEqual([0]);
      expect(c.state.workQuestion).toMatch(/^its 90 runs \(108 billion engineer-months\) would take about 15 hours on this device$/);
      c.setSeeds(29); // still hours: still held, the question follows the view
      expect(runner().last.jobs).toEqual([]);
      expect(c.state.workQuestion).toContain('its 87 runs');
      c.answerWork(yes);
      expect(c.state.workQuestion).toBe('');
      if (yes) expect(runner().last.jobs).toHaveLength(87);
      else {
        expect(host.search).toBe(DEFAULT_QUERY);
        expect(runner().last.jobs).toHaveLength(6);
      }
    }
    const { c, runner } = setup(DEFAULT_QUERY);
    c.start();
    expect(c.state.workQuestion).toBe('');
    expect(runner().last.jobs).toHaveLength(6);
  });

  it('draws a scenario from its first seed’s partial run until a seed completes, and never caches, hashes or exports a partial', () => {
    const { c, runner, job, finish } = setup(DEFAULT_QUERY);
    c.start();
    const t1 = job('tunguz-100k', 1);
    runner().events.onPartial(t1, packResult(result(1, 24, 6)), 6);
    const partial = c.state.display[1];
    expect(partial.partial).toEqual({ monthsDone: 6, months: 24 });
    expect(partial.summary?.n).toBe(1);
    expect(c.state.provenance).toBe('tokensim 9.9.9; baseline (0 seeds); tunguz-100k (seed 1, month 6 of 24 — updating); seeds 1–3');
    expect(c.state.provenanceRows[1].hashes.every((h) => h.hash === undefined)).toBe(true);
    expect(c.state.csvReady).toBe(false);
    expect(c.state.done).toBe(0);

    finish(t1);
    expect(c.state.display[1].partial).toBeUndefined();
    expect(c.state.display[1].summary?.seeds).toEqual([1]);
    expect(c.state.provenanceRows[1].hashes[0]).toEqual({ seed: 1, hash: 'r1' });
    expect(c.state.csvReady).toBe(true);
    expect(c.state.done).toBe(1);
    // A late partial of a seed already complete changes nothing, not even a redraw.
    const shown = c.state.display;
    runner().events.onPartial(t1, packResult(result(1, 24, 12)), 12);
    expect(c.state.display).toBe(shown);
  });

  it('drops the partial run of a superseded setting: moving back starts it afresh', () => {
    const { c, runner, job } = setup(DEFAULT_QUERY);
    c.start();
    runner().events.onPartial(job('tunguz-100k', 1), packResult(result(1, 24, 6)), 6);
    c.commitLever('sigma', 1);
    c.resetLevers();
    expect(c.state.display[1].partial).toBeUndefined();
    expect(c.state.display[1].summary).toBeUndefined();
  });

  it('keeps complete seeds: moving a slider back re-runs nothing and redraws at once', () => {
    const { c, runner, job, finish } = setup(DEFAULT_QUERY);
    c.start();
    for (const j of runner().last.jobs) finish(j);
    expect(c.state.done).toBe(6);
    const [unchanged, before] = c.state.display;
    c.commitLever('sigma', 1);
    // The changed scenario keeps its last picture, dimmed, until its new first seed reports;
    // the other keeps its very display object, so its charts skip the work.
    expect(c.state.display[1].stale).toBe(true);
    expect(c.state.display[1].summary).toBe(before.summary);
    expect(c.state.display[0]).toBe(unchanged);
    expect(c.state.done).toBe(3);
    c.resetLevers();
    expect(c.state.done).toBe(6);
    expect(runner().last.done.has(job('tunguz-100k', 3).key)).toBe(true);
    expect(c.state.display[1]).toEqual(before);
  });

  it('keeps at most MAX_CACHED results, evicting ones the view no longer wants first', () => {
    const { c, runner, job, finish } = setup(DEFAULT_QUERY);
    c.start();
    for (const j of runner().last.jobs) finish(j);
    for (let seed = 100; seed < 100 + MAX_CACHED; seed++) finish(job('complements', seed), result(seed));
    c.setSeeds(2); // a view change hands the pool the keys cached
    const cached = runner().last.done;
    expect(cached.size).toBe(MAX_CACHED);
    for (const j of runner().last.jobs) expect(cached.has(j.key)).toBe(true);
    expect(cached.has(job('complements', 100).key)).toBe(false);
  });

  it('counts a failed run as done and says which seed failed', () => {
    const { c, runner, job } = setup(DEFAULT_QUERY);
    c.start();
    runner().events.onError(job('baseline', 2), 'out of memory');
    expect(c.state.done).toBe(1);
    expect(c.state.errors).toEqual(['seed 2: out of memory']);
  });

  it('reports the runs in progress and estimates the time left from the measured speed', () => {
    const { c, runner, job, finish } = setup(DEFAULT_QUERY);
    c.start();
    expect(c.state.secondsLeft).toBeUndefined();
    expect(c.state.runSeconds).toBeUndefined();
    const p = catalogue.get('tunguz-100k')!.params.run;
    const units = p.engineers * p.years * 12;
    finish(job('tunguz-100k', 1), result(1, p.years * 12), 2000);
    expect(c.state.runSeconds).toBeCloseTo(2, 9); // 2 s per run of this size
    const b = catalogue.get('baseline')!.params.run;
    runner().progress = [{ job: job('baseline', 1), done: 30, total: b.years * 12 }];
    runner().events.onProgress();
    expect(c.state.active).toEqual([{ label: 'baseline', seed: 1, done: 30, total: b.years * 12 }]);
    const left = (b.engineers * (b.years * 12 - 30) + 2 * b.engineers * b.years * 12 + 2 * units) * (2000 / units);
    expect(c.state.secondsLeft).toBeCloseTo(left / 1000, 6);
  });
});

describe('the runner’s lifecycle', () => {
  it('starts one pool, disposes it on teardown, ignores what a disposed pool still sends, and starts afresh', () => {
    const { c, host, job } = setup(DEFAULT_QUERY);
    c.start();
    c.start();
    expect(host.runners.length).toBe(1);
    const first = host.runners[0];
    c.dispose();
    expect(first.disposed).toBe(true);
    first.events.onResult(job('baseline', 1), packResult(result(1)), 10);
    expect(c.state.done).toBe(0);
    c.start();
    expect(host.runners.length).toBe(2);
    expect(host.runners[1].last.jobs.length).toBe(6);
  });
});

describe('the charts', () => {
  it('get a change one chart per task, the first at once and the second after its frame; the page is settled once all have it and every run is done', async () => {
    const { c, host, runner, flush, finish } = setup('?s=baseline,tunguz-100k&focus=1&seeds=1&seed=1');
    c.start();
    await flush();
    const [b1, t1] = runner().last.jobs;
    finish(b1);
    const display = c.state.display;
    expect(c.state.chartSlots[0]).toBe(display);
    expect(c.state.chartSlots.slice(1).every((s) => s !== display)).toBe(true);
    expect(c.state.chartSlots).toHaveLength(CHARTS.length + 1); // the charts, then the headline
    // The second chart waits until the first is rendered and a frame has begun.
    expect(host.deferred).toHaveLength(0);
    await Promise.resolve();
    for (let i = 1; i < c.state.chartSlots.length; i++) {
      host.deferred.shift()!();
      expect(c.state.chartSlots[i]).toBe(display);
    }
    await flush();
    expect(c.state.chartSlots.every((s) => s === display)).toBe(true);
    expect(c.state.settled).toBe(false); // one run still going
    finish(t1);
    expect(c.state.settled).toBe(false); // charts not yet all redrawn
    await flush();
    expect(c.state.settled).toBe(true);
  });

  it('drop a rollout that a newer change supersedes', async () => {
    const { c, host, runner, flush, finish } = setup('?s=baseline,tunguz-100k&focus=1&seeds=1&seed=1');
    c.start();
    await flush();
    const updates = c.state.chartUpdates;
    const [b1, t1] = runner().last.jobs;
    finish(b1);
    const first = c.state.display;
    await Promise.resolve();
    host.deferred.shift()!(); // chart 2 has the first change
    finish(t1);
    const second = c.state.display;
    await flush();
    expect(c.state.chartSlots.every((s) => s === second)).toBe(true);
    expect(c.state.chartSlots.some((s) => s === first)).toBe(false);
    expect(c.state.chartUpdates).toBe(updates + 1);
  });

  it('mark a released lever, the first drawing of its new setting and its first complete seed', async () => {
    const { c, host, runner, flush, job, finish } = setup(DEFAULT_QUERY);
    c.start();
    await flush();
    c.commitLever('sigma', 1);
    expect(host.marks).toEqual([{ name: 'tokensim:lever-commit' }]);
    const j = { ...job('tunguz-100k', 1, { sigma: 1 }), partials: true };
    runner().events.onPartial(j, packResult(result(1, 24, 6)), 6);
    await flush();
    finish(j);
    await flush();
    expect(host.marks).toEqual([
      { name: 'tokensim:lever-commit' },
      { name: 'tokensim:chart-update', detail: { partial: true } },
      { name: 'tokensim:seed-complete', detail: { partial: false } },
    ]);
  });
});

describe('a slider held still before release', () => {
  const keys = (jobs: { key: string }[]) => jobs.map((j) => j.key);

  it('starts the runs its value would want, in the same order, and changes nothing shown', () => {
    const { c, host, runner } = setup(DEFAULT_QUERY);
    c.start();
    const view = c.state.view;
    const display = c.state.display;
    const writes = host.writes.length;
    const asked = runner().wanted.length;
    c.previewLever('sigma', 1);
    expect(runner().wanted.length).toBe(asked + 1);
    const ahead = keys(runner().last.jobs);
    // The view, URL, charts and marks wait for the release.
    expect(c.state.view).toBe(view);
    expect(c.state.display).toBe(display);
    expect(host.writes.length).toBe(writes);
    expect(host.marks).toEqual([]);
    // Released there: the pool is asked for exactly those runs, so nothing restarts.
    c.commitLever('sigma', 1);
    expect(keys(runner().last.jobs)).toEqual(ahead);
  });

  it('asks for the view’s own runs again when released where it started; a release elsewhere replaces the runs', () => {
    const { c, runner, job } = setup(DEFAULT_QUERY);
    c.start();
    const own = keys(runner().last.jobs);
    c.previewLever('sigma', 1);
    expect(keys(runner().last.jobs)).toContain(job('tunguz-100k', 1, { sigma: 1 }).key);
    c.previewLever('sigma', undefined);
    expect(keys(runner().last.jobs)).toEqual(own);
    c.previewLever('sigma', 1);
    c.commitLever('sigma', 2);
    expect(keys(runner().last.jobs)).toContain(job('tunguz-100k', 1, { sigma: 2 }).key);
    expect(keys(runner().last.jobs)).not.toContain(job('tunguz-100k', 1, { sigma: 1 }).key);
  });

  it('a seed completed ahead of the release is drawn at once when released there, with its marks', async () => {
    const { c, host, runner, flush, job, finish } = setup(DEFAULT_QUERY);
    c.start();
    await flush();
    c.previewLever('sigma', 1);
    finish({ ...job('tunguz-100k', 1, { sigma: 1 }), partials: true });
    expect(c.state.display[1].summary?.seeds).not.toEqual([1]); // not shown before the release
    c.commitLever('sigma', 1);
    await flush();
    expect(c.state.display[1].summary?.seeds).toEqual([1]);
    expect(c.state.display[1].stale).toBeFalsy();
    expect(host.marks).toEqual([
      { name: 'tokensim:lever-commit' },
      { name: 'tokensim:chart-update', detail: { partial: false } },
      { name: 'tokensim:seed-complete', detail: { partial: false } },
    ]);
    expect(runner().last.done.has(job('tunguz-100k', 1, { sigma: 1 }).key)).toBe(true);
  });

  it('starts nothing while a link’s runs wait for the reader, nor runs that would take longer than the page runs unasked', () => {
    const huge = ['baseline', 'tunguz-100k', 'price-crash'].map((s) => `${s}~engineers:2000000~years:50`).join(',');
    const held = setup(`?s=${huge}&seeds=30`);
    held.c.start();
    const asked = held.runner().wanted.length;
    held.c.previewLever('sigma', 1);
    expect(held.runner().wanted.length).toBe(asked);

    const { c, runner } = setup(DEFAULT_QUERY);
    c.start();
    const before = runner().wanted.length;
    c.previewLever('engineers', 2_000_000);
    expect(runner().wanted.length).toBe(before);
    c.previewLever('engineers', 20_000);
    expect(runner().wanted.length).toBe(before + 1);
  });
});

describe('downloads', () => {
  it('save the edited scenario as a file and the CSV of scenarios with complete seeds only', () => {
    const { c, host, runner, job, finish } = setup('?s=baseline,tunguz-100k&focus=1&seeds=1&seed=1');
    c.start();
    c.commitLever('sigma', 1);
    c.downloadScenario(1);
    expect(host.downloads[0].name).toBe('tunguz-100k-custom.json');
    expect(JSON.parse(host.downloads[0].text).name).toBe('tunguz-100k-custom');
    expect(c.state.downloadError).toBe('');
    finish(job('baseline', 1));
    runner().events.onPartial(job('tunguz-100k', 1, { sigma: 1 }), packResult(result(1, 24, 6)), 6);
    c.downloadCsv();
    const rows = host.downloads[1].text.trim().split('\n');
    expect(host.downloads[1].name).toBe('tokensim-series.csv');
    expect(rows[0]).toBe('scenario,label,seeds,metric,group,unit,month,mean,lo95,hi95');
    expect(new Set(rows.slice(1).map((r) => r.split(',')[0]))).toEqual(new Set(['baseline']));
    expect(rows.length).toBe(1 + 2 * 24);
  });
});
