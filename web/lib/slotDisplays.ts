/**
 * What each compared scenario is drawn from, as the charts' DisplaySlot objects: its complete
 * seeds' mean and 95 % band, else its first seed's partial run (the months done so far), else
 * — while a changed scenario's first seed has not reported — the last complete picture,
 * dimmed. Summaries and display objects are memoised, so a scenario that did not change
 * keeps the very same objects and its charts skip the work. Pure (no DOM), so the rules are
 * tested without a browser.
 */
import type { Result } from '../../sim/run/result.ts';
import type { SeriesRef } from './chartSpecs.ts';
import type { DisplaySlot } from './display.ts';
import { jobKey } from './jobs.ts';
import { chooseShown, type PartialResult } from './partial.ts';
import { scenarioColour, scenarioShape } from './palette.ts';
import { summariseShown, type SlotSummary } from './summaries.ts';

/** One compared scenario: its legend label and the scenario text it runs (undefined when it cannot be built). */
export interface SlotSource {
  label: string;
  text: string | undefined;
}

/** The runs known so far, by job key (lib/jobs.ts): complete seeds and partial runs. */
export interface KnownRuns {
  complete: ReadonlyMap<string, Result>;
  partial: ReadonlyMap<string, PartialResult>;
}

export class SlotDisplays {
  /** Last summary shown per slot, kept (dimmed) while a changed slot's first seed runs. */
  private lastShown: (SlotSummary | undefined)[] = [];
  /** Summaries by scenario text and the seeds behind them: an unchanged scenario keeps its object. */
  private summaryMemo = new Map<string, SlotSummary | undefined>();
  /** Display objects by content, so charts skip work for scenarios that did not change. */
  private displayMemo = new Map<string, DisplaySlot>();
  private readonly summaryIds = new WeakMap<SlotSummary, number>();
  private nextSummaryId = 0;

  /** `shown`: the series the charts draw (summarised, the rest left out). */
  constructor(private readonly shown: readonly SeriesRef[]) {}

  /** The display objects for the slots now, given the seeds wanted and the runs known. */
  update(slots: readonly SlotSource[], seeds: readonly number[], known: KnownRuns): DisplaySlot[] {
    const memo = new Map<string, SlotSummary | undefined>();
    const out = slots.map((slot, index): DisplaySlot => {
      const { key, results, partial } = shownFor(slot.text, seeds, known);
      const fresh = this.summaryMemo.has(key) ? this.summaryMemo.get(key) : summariseShown(results, this.shown);
      memo.set(key, fresh);
      const summary = fresh ?? this.lastShown[index];
      return {
        index,
        label: slot.label,
        colour: scenarioColour(index),
        shape: scenarioShape(index),
        summary,
        stale: fresh === undefined && summary !== undefined,
        partial: partial && { monthsDone: partial.monthsDone, months: partial.result.months },
      };
    });
    this.summaryMemo = memo;
    // Kept for the dimmed stand-in: the last complete picture, never a partial one.
    this.lastShown = out.map((d) => (d.stale || d.partial ? this.lastShown[d.index] : d.summary));
    // Reuse an equal display object (same summary object, label, state) from the last pass.
    const reuse = new Map<string, DisplaySlot>();
    const stable = out.map((d) => {
      const k = `${d.index}|${d.label}|${d.stale}|${d.partial?.monthsDone ?? ''}|${this.summaryKey(d.summary)}`;
      const prev = this.displayMemo.get(k) ?? d;
      reuse.set(k, prev);
      return prev;
    });
    this.displayMemo = reuse;
    return stable;
  }

  /** Identity of a summary object, for the display memo. */
  private summaryKey(s: SlotSummary | undefined): number {
    if (!s) return -1;
    let k = this.summaryIds.get(s);
    if (k === undefined) this.summaryIds.set(s, (k = this.nextSummaryId++));
    return k;
  }
}

/** What one slot is drawn from (see lib/partial.ts): complete seeds, else a partial run, else nothing yet. */
function shownFor(
  text: string | undefined,
  seeds: readonly number[],
  known: KnownRuns,
): { key: string; results: Result[]; partial?: PartialResult } {
  if (text === undefined) return { key: '|', results: [] };
  const shown = chooseShown(
    seeds.map((seed) => known.complete.get(jobKey(text, seed))).filter((x): x is Result => x !== undefined),
    seeds.map((seed) => known.partial.get(jobKey(text, seed))),
  );
  if (shown.kind === 'complete') return { key: `${text}|${shown.results.map((x) => x.seed).join(',')}`, results: shown.results };
  if (shown.kind === 'partial') {
    const p = shown.partial;
    return { key: `${text}|partial ${p.result.seed}@${p.monthsDone}`, results: [p.result], partial: p };
  }
  return { key: `${text}|`, results: [] };
}
