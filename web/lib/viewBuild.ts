/**
 * From a view to what it runs: each compared scenario built from its file and slider values
 * (or why it cannot be), and the view a link asks for, validated down to every slot — a
 * malformed link gives a one-line reason and the default view, never a blank page. Pure; the
 * page controller (pageController.ts) calls these.
 */
import { buildSlot, effectiveOverrides, type Catalogue, type CatalogueEntry, type SlotRun } from './catalogue.ts';
import { wantedJobs, type Job } from './jobs.ts';
import { decodeState, defaultState, type ViewState } from './urlState.ts';

/** What one slot runs, or why it cannot be built. */
export type SlotBuild = { run: SlotRun; error?: undefined } | { run?: undefined; error: string };

export const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function buildRun(entry: CatalogueEntry, overrides: ViewState['slots'][number]['overrides']): SlotBuild {
  try {
    return { run: buildSlot(entry, overrides) };
  } catch (e) {
    return { error: message(e) };
  }
}

/** The runs the built slots want, seed-major (slots that cannot be built run nothing). */
export function slotJobs(runs: readonly SlotBuild[], seeds: readonly number[]): Job[] {
  return wantedJobs(
    runs.flatMap((r) => (r.run ? [r.run.text] : [])),
    seeds,
  );
}

/** A slot's slider values with lever `id` at `value` (dropped when it equals the file's). */
export function withLever(entry: CatalogueEntry, overrides: ViewState['slots'][number]['overrides'], id: string, value: number): ViewState['slots'][number]['overrides'] {
  return effectiveOverrides(entry, { ...overrides, [id]: value });
}

/** The view a query string asks for, or the default view and why the query could not be read. */
export function readView(search: string, catalogue: Catalogue): { view: ViewState; error: string } {
  const names = [...catalogue.keys()];
  const entry = (name: string) => catalogue.get(name)!;
  const decoded = decodeState(search, names);
  if (!decoded.ok) return { view: defaultState(names), error: decoded.error };
  try {
    decoded.state.slots.forEach((s) => buildSlot(entry(s.scenario), s.overrides));
  } catch (e) {
    return { view: defaultState(names), error: message(e) };
  }
  // Drop values equal to the file's, so equal views have equal URLs.
  for (const s of decoded.state.slots) s.overrides = effectiveOverrides(entry(s.scenario), s.overrides);
  return { view: decoded.state, error: '' };
}
