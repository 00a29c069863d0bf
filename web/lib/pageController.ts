/**
 * The page's controller: everything App.svelte does besides layout. It holds the view (the
 * compared scenarios, slider values and seeds — mirrored in the URL), keeps the worker pool
 * busy with the runs the view needs (cancelling those it no longer needs), caches complete
 * seeds, draws a changed scenario from its first seed's partial run until a seed completes,
 * re-summarises each scenario as its seeds arrive, hands the result to the charts one chart
 * per task, and answers the page's buttons. Only complete seeds are cached, hashed or
 * exported. A link whose runs would take more than a few minutes waits for the reader's yes.
 *
 * It touches the browser only through `PageHost` (pageHost.ts), and publishes its state into
 * cells (lib/cells.ts), so it runs in vitest with a fake runner and plain cells.
 */
import { unpackResult, type Result } from '../../sim/run/result.ts';
import { referenceOffers, scenarioFileText, type Catalogue, type CatalogueEntry } from './catalogue.ts';
import { cellRecord, plainCell, type CellFactory } from './cells.ts';
import { ChartRollout } from './chartRollout.ts';
import { HEADLINE_SLOT, shownSeries } from './chartSpecs.ts';
import { summaryCsv } from './csv.ts';
import type { DisplaySlot } from './display.ts';
import { DrawMarks } from './drawMarks.ts';
import { mapSettings, SampleStore } from './explorables.ts';
import { jobKey, type Job } from './jobs.ts';
import type { PageHost, PoolRunner } from './pageHost.ts';
import type { PageState } from './pageState.ts';
import type { PartialResult } from './partial.ts';
import { provenanceLine, provenanceRows, viewCommand } from './provenance.ts';
import { runStatus } from './runStatus.ts';
import { SlotDisplays } from './slotDisplays.ts';
import { defaultState, encodeState, MAX_SLOTS, seedList, type ViewState } from './urlState.ts';
import { buildRun, message, readView, slotJobs, withLever, type SlotBuild } from './viewBuild.ts';
import { asksFirst, estimateWork, runSize, workQuestion, WorkGate } from './workEstimate.ts';

/** Results kept for moving back and forth (about 0.25 MB each at the default size); the oldest unused go first. */
export const MAX_CACHED = 120;

/** How far an update reaches: each level includes the ones below. */
const Level = {
  /** Only republish (chart rollout, messages). */
  State: 0,
  /** Runs progressed. */
  Progress: 1,
  /** A seed completed, reported months done, or failed. */
  Results: 2,
  /** The view changed. */
  View: 3,
} as const;
type Level = (typeof Level)[keyof typeof Level];

export class PageController {
  readonly names: string[];
  readonly descriptions: Record<string, string>;
  /** What the page shows (read-only; reading a field on the page subscribes to it). */
  readonly state: Readonly<PageState>;

  private readonly shown = shownSeries();
  private readonly publish: (next: PageState) => void;
  private view: ViewState;
  private urlError: string;
  private downloadError = '';
  private runs: SlotBuild[] = [];
  private seeds: number[] = [];
  private jobs: Job[] = [];
  private readonly cache = new Map<string, Result>();
  /** The months done so far of runs in progress, by job key: drawn until a seed completes, never cached. */
  private readonly partials = new Map<string, PartialResult>();
  private readonly runErrors = new Map<string, string>();
  /** Samples of engineers, kept apart from the cache (lib/explorables.ts). */
  private readonly samples = new SampleStore();
  private runner: PoolRunner | undefined;
  /** Milliseconds per engineer-month of one run, measured on this machine (0 until a run finishes). */
  private msPerUnit = 0;
  private readonly displays: SlotDisplays;
  private readonly rollout: ChartRollout;
  /** Benchmark marks due after a lever is released. */
  private readonly drawMarks = new DrawMarks();
  /** Holds back a link's runs that would take long, until the reader answers. */
  private readonly gate = new WorkGate();
  private current: PageState;
  /** The widest update asked for while updating. */
  private pending: Level | undefined;
  private updating = false;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly version: string,
    private readonly host: PageHost,
    cell: CellFactory = plainCell,
  ) {
    this.names = [...catalogue.keys()];
    this.descriptions = Object.fromEntries([...catalogue.values()].map((e) => [e.name, String(e.file.description)]));
    const initial = readView(this.host.readSearch(), catalogue);
    this.view = initial.view;
    this.urlError = initial.error;
    this.displays = new SlotDisplays(this.shown);
    // The five charts, then the headline (HEADLINE_SLOT): each redraws in its own task.
    this.rollout = new ChartRollout(HEADLINE_SLOT + 1, host, () => this.update(Level.State));
    this.current = {} as PageState;
    this.recompute(Level.View);
    const record = cellRecord(this.current, cell);
    this.state = record.state;
    this.publish = record.assign;
  }

  private entry(name: string): CatalogueEntry {
    return this.catalogue.get(name)!;
  }

  // ---- runner lifecycle ---------------------------------------------------------------

  /** Starts the worker pool and the runs the view needs, and writes the view into the URL. */
  start(): void {
    if (this.runner) return;
    const runner: PoolRunner = this.host.makeRunner({
      onResult: (job, packed, ms) => {
        if (this.runner !== runner) return;
        const result = unpackResult(packed);
        this.samples.take(job.key, result, job.partials);
        this.partials.delete(job.key);
        this.cache.set(job.key, result);
        this.evictOldResults();
        const size = runSize(this.runs.map((r) => r.run), job.text, packed.months);
        if (size > 0) this.msPerUnit = this.msPerUnit === 0 ? ms / size : 0.5 * this.msPerUnit + (0.5 * ms) / size;
        this.update(Level.Results);
      },
      onPartial: (job, packed, monthsDone) => {
        if (this.runner !== runner || this.cache.has(job.key)) return;
        this.partials.set(job.key, { result: unpackResult(packed), monthsDone });
        this.update(Level.Results);
      },
      onError: (job, error) => {
        if (this.runner !== runner) return;
        this.partials.delete(job.key);
        this.runErrors.set(job.key, error);
        this.update(Level.Results);
      },
      onProgress: () => {
        if (this.runner === runner) this.update(Level.Progress);
      },
    });
    this.runner = runner;
    this.update(Level.View);
  }

  /** Stops the charts' rollout and terminates the workers (the page is going away). */
  dispose(): void {
    this.rollout.stop();
    this.runner?.dispose();
    this.runner = undefined;
  }

  private evictOldResults(): void {
    if (this.cache.size <= MAX_CACHED) return;
    const wanted = new Set(this.jobs.map((j) => j.key));
    for (const key of this.cache.keys()) {
      if (this.cache.size <= MAX_CACHED) break;
      if (!wanted.has(key)) this.cache.delete(key);
    }
  }

  // ---- updates ------------------------------------------------------------------------

  /** Recomputes what `level` reaches and publishes; a change raised while updating is folded in. */
  private update(level: Level): void {
    if (this.pending === undefined || level > this.pending) this.pending = level;
    if (this.updating) return;
    this.updating = true;
    try {
      while (this.pending !== undefined) {
        const next = this.pending;
        this.pending = undefined;
        this.recompute(next);
      }
    } finally {
      this.updating = false;
    }
    this.publish(this.current);
  }

  private recompute(level: Level): void {
    const s = { ...this.current };
    const live = this.runner !== undefined;
    if (level >= Level.View) {
      const view = this.view;
      this.runs = view.slots.map((slot) => buildRun(this.entry(slot.scenario), slot.overrides));
      this.seeds = seedList(view);
      this.jobs = slotJobs(this.runs, this.seeds);
      if (live) {
        // A cancelled run's partial would never be completed: drop it (its run starts afresh if wanted again).
        const wanted = new Set(this.jobs.map((j) => j.key));
        for (const key of this.partials.keys()) if (!wanted.has(key)) this.partials.delete(key);
        this.samples.refresh(this.runs[view.focus]?.run, this.seeds, this.cache);
        const done = new Set(this.cache.keys());
        this.gate.review(estimateWork(this.jobs, this.runs.map((r) => r.run), this.runner!.size, done));
        this.runner!.setWanted(this.gate.held ? [] : this.jobs, done);
        const query = encodeState(view);
        if (this.host.readSearch() !== query) this.host.writeSearch(query);
      }
      s.view = view;
      const offers = referenceOffers(this.catalogue, view.slots.map((slot) => slot.scenario), MAX_SLOTS);
      s.picker = view.slots.map((slot, i) => ({
        scenario: slot.scenario,
        label: this.runs[i]?.run?.label ?? slot.scenario,
        changed: Object.keys(slot.overrides).length > 0,
        reference: offers[i],
      }));
      s.focusEntry = this.entry(view.slots[view.focus].scenario);
      s.focusLabel = this.runs[view.focus]?.run?.label ?? s.focusEntry.name;
      s.mapSettings = mapSettings(this.runs[view.focus]?.run);
      s.months = Math.max(12, ...this.runs.map((r) => (r.run ? r.run.params.run.years * 12 : 12)));
    }
    if (level >= Level.Results) {
      const known = { complete: this.cache, partial: this.partials };
      const sources = this.runs.map((r, i) => ({ label: r.run?.label ?? this.view.slots[i].scenario, text: r.run?.text }));
      s.display = this.displays.update(sources, this.seeds, known);
      s.provenance = provenanceLine(this.version, s.display, this.seeds);
      s.provenanceRows = provenanceRows(this.runs.map((r) => r.run), this.seeds, this.cache);
      s.viewCommand = viewCommand(this.runs.map((r) => r.run), this.seeds);
      s.engineers = this.samples.of(this.runs[this.view.focus]?.run, this.seeds);
      s.csvReady = s.display.some((d) => d.summary && !d.stale && !d.partial);
      const failed = this.jobs.flatMap((j) => (this.runErrors.has(j.key) ? [`seed ${j.seed}: ${this.runErrors.get(j.key)}`] : []));
      s.errors = [...this.runs.flatMap((r) => (r.error ? [r.error] : [])), ...failed];
      if (live) this.showCharts(s.display);
    }
    if (level >= Level.Progress) {
      Object.assign(
        s,
        runStatus({
          jobs: this.jobs,
          runs: this.runs.map((r) => r.run),
          focus: this.view.focus,
          finished: (key) => this.cache.has(key) || this.runErrors.has(key),
          runner: this.runner,
          msPerUnit: this.msPerUnit,
        }),
      );
    }
    s.chartSlots = this.rollout.slots;
    s.chartUpdates = this.rollout.updates;
    s.settled = s.done >= s.total && this.rollout.current;
    s.urlError = this.urlError;
    s.workQuestion = this.gate.question ? workQuestion(this.gate.question) : '';
    s.downloadError = this.downloadError;
    this.current = s;
  }

  /** Starts the charts' rollout of `display`; the first chart's drawing sets the benchmark marks due. */
  private showCharts(display: DisplaySlot[]): void {
    const focus = this.view.focus;
    const focused = this.runs[focus]?.run;
    const complete = focused ? this.seeds.some((seed) => this.cache.has(jobKey(focused.text, seed))) : false;
    const partial = display[focus]?.partial !== undefined;
    this.rollout.show(display, () => {
      if (!focused) return;
      const marks = this.drawMarks.drawn(focused.text, partial, complete);
      // Set in the first animation frame after the redraw is committed.
      if (marks.length > 0) void this.host.rendered().then(() => this.host.nextFrame(() => marks.forEach(([name, detail]) => this.host.mark(name, detail))));
    });
  }

  // ---- view changes -------------------------------------------------------------------

  private setView(view: ViewState): void {
    this.view = view;
    this.update(Level.View);
  }

  private setSlots(slots: ViewState['slots'], focus = this.view.focus): void {
    this.setView({ ...this.view, slots, focus: Math.min(focus, slots.length - 1) });
  }

  /** Shows the view a query describes (a step of the guided path); says why it could not, else ''. */
  showQuery(query: string): string {
    const read = readView(query, this.catalogue);
    if (!read.error) this.setView(read.view);
    return read.error;
  }

  /** Slot `index` compares scenario file `name` (slider values cleared). */
  setScenario(index: number, name: string): void {
    this.setSlots(this.view.slots.map((s, k) => (k === index ? { scenario: name, overrides: {} } : s)));
  }

  removeSlot(index: number): void {
    const focus = this.view.focus;
    this.setSlots(
      this.view.slots.filter((_, k) => k !== index),
      focus > index ? focus - 1 : focus,
    );
  }

  /** Adds a slot (up to MAX_SLOTS) with the first scenario not yet compared, and edits it. */
  addSlot(): void {
    const slots = this.view.slots;
    if (slots.length >= MAX_SLOTS) return;
    const used = new Set(slots.map((s) => s.scenario));
    const next = this.names.find((n) => !used.has(n)) ?? this.names[0];
    this.setSlots([...slots, { scenario: next, overrides: {} }], slots.length);
  }

  /** Adds slot `index`'s reference scenario (as its file is) to the comparison; the sliders keep editing slot `index`. */
  addReference(index: number): void {
    const ref = this.current.picker[index]?.reference;
    if (ref !== undefined) this.setSlots([...this.view.slots, { scenario: ref, overrides: {} }]);
  }

  setFocus(index: number): void {
    this.setView({ ...this.view, focus: index });
  }

  setSeeds(n: number): void {
    this.setView({ ...this.view, seeds: n });
  }

  setSeed(n: number): void {
    this.setView({ ...this.view, seed: n });
  }

  /** A slider was released: the edited slot takes the value (dropped when it equals the file's). */
  commitLever(id: string, value: number): void {
    const i = this.view.focus;
    const slot = this.view.slots[i];
    const overrides = withLever(this.entry(slot.scenario), slot.overrides, id, value);
    const slots = this.view.slots.map((s, k) => (k === i ? { scenario: s.scenario, overrides } : s));
    this.host.mark('tokensim:lever-commit');
    // Marks are due when the new setting is first drawn: after its runs, or at once when a seed
    // of it is cached (run ahead of the release by previewLever, or an earlier setting again).
    const run = buildRun(this.entry(slot.scenario), overrides).run;
    this.drawMarks.expect(run?.text);
    this.setSlots(slots);
  }

  /**
   * A slider is held still at `value`, not yet released (web/lib/sliderRest.ts): the runs the
   * view would want were it released there start now, in the same order, so a reader who pauses
   * before letting go finds them under way. Nothing shown changes — view, URL and charts wait
   * for the release. Releasing at that value wants the same runs (nothing restarts); anywhere
   * else, or any other change of view, replaces them. `undefined`: the slider was released
   * where it started, or rests there: the view's own runs are wanted again. Nothing starts
   * ahead while a link's runs wait for the reader's answer, or when the previewed runs would
   * take longer than the page would run without asking.
   */
  previewLever(id: string, value: number | undefined): void {
    const runner = this.runner;
    if (!runner || this.gate.held) return;
    const done = new Set(this.cache.keys());
    if (value === undefined) {
      runner.setWanted(this.jobs, done);
      return;
    }
    const i = this.view.focus;
    const slot = this.view.slots[i];
    const overrides = withLever(this.entry(slot.scenario), slot.overrides, id, value);
    const runs = this.runs.map((r, k) => (k === i ? buildRun(this.entry(slot.scenario), overrides) : r));
    const jobs = slotJobs(runs, this.seeds);
    if (asksFirst(estimateWork(jobs, runs.map((r) => r.run), runner.size, done))) return;
    runner.setWanted(jobs, done);
  }

  /** The edited slot goes back to its file's values. */
  resetLevers(): void {
    this.setSlots(this.view.slots.map((s, k) => (k === this.view.focus ? { scenario: s.scenario, overrides: {} } : s)));
  }

  /** The reader's answer to a link's long runs: run them, or show the default view instead. */
  answerWork(run: boolean): void {
    this.gate.answer();
    if (run) this.update(Level.View);
    else this.setView(defaultState(this.names));
  }

  dismissUrlError(): void {
    this.urlError = '';
    this.update(Level.State);
  }

  // ---- downloads ----------------------------------------------------------------------

  /** Saves slot `index`'s scenario as a file `tokensim run` accepts; says why when it does not validate. */
  downloadScenario(index: number): void {
    this.downloadError = '';
    const run = this.runs[index]?.run;
    if (run) {
      try {
        this.host.download(`${run.name}.json`, scenarioFileText(run), 'application/json');
      } catch (e) {
        this.downloadError = `This scenario did not validate, so it was not saved: ${message(e)}`;
      }
    }
    this.update(Level.State);
  }

  /** Saves the shown series of every scenario with complete seeds (never a partial or dimmed one). */
  downloadCsv(): void {
    const slots = this.current.display.flatMap((d) => {
      const run = this.runs[d.index].run;
      return run && d.summary && !d.stale && !d.partial ? [{ name: run.name, label: d.label, seeds: d.summary.seeds, series: d.summary.series }] : [];
    });
    this.host.download('tokensim-series.csv', summaryCsv(slots, this.shown), 'text/csv');
  }
}
