/**
 * What the page shows, as the page controller (pageController.ts) publishes it: one cell per
 * field (lib/cells.ts), so a field that did not change keeps its object and what reads it
 * is not redrawn.
 */
import type { CatalogueEntry } from './catalogue.ts';
import type { DisplaySlot, ProvenanceRow } from './display.ts';
import type { EngineersFeed, MapSettings } from './explorables.ts';
import type { ViewState } from './urlState.ts';

/** A run in progress, for the status line. */
export interface ActiveRun {
  label: string;
  seed: number;
  done: number;
  total: number;
}

export interface PageState {
  view: ViewState;
  /** Why the URL could not be read ('' when it could). */
  urlError: string;
  /** What the link's runs would cost, while the page waits for the reader to agree ('' when nothing waits). */
  workQuestion: string;
  /** Why the scenario file could not be saved ('' when nothing failed). */
  downloadError: string;
  /** The scenario picker's rows; `reference` is the scenario a row offers to add (see referenceOffers). */
  picker: { scenario: string; label: string; changed: boolean; reference?: string }[];
  /** The scenario file of the slot the sliders edit, and its legend label. */
  focusEntry: CatalogueEntry;
  focusLabel: string;
  /** The edited scenario's σ and autonomy growth, marked on the σ × autonomy map. */
  mapSettings: MapSettings | undefined;
  /** The sample of engineers of the edited scenario's first seed, once that seed is done. */
  engineers: EngineersFeed | undefined;
  /** Months on the charts' x axis: the longest horizon compared. */
  months: number;
  /** What each scenario is drawn from (lib/slotDisplays.ts). */
  display: DisplaySlot[];
  /** What each chart (CHARTS order, then the headline at HEADLINE_SLOT) draws now: the display reaches them one per task. */
  chartSlots: DisplaySlot[][];
  /** Changes that reached every chart (a page hook for tests). */
  chartUpdates: number;
  /** One line naming what produced the charts. */
  provenance: string;
  provenanceRows: ProvenanceRow[];
  /** One command that re-runs the whole view, and the custom scenario files it needs downloaded. */
  viewCommand: { command: string; downloads: string[] };
  /** Whether some scenario has complete seeds for the CSV. */
  csvReady: boolean;
  /** Runs done (or failed) of those wanted. */
  done: number;
  total: number;
  active: ActiveRun[];
  /** Slots that cannot be built and runs that failed. */
  errors: string[];
  /** Seconds until every wanted run is done, from the measured speed; undefined before the first run ends. */
  secondsLeft: number | undefined;
  /** Seconds one run of the edited scenario takes at its size, from the measured speed. */
  runSeconds: number | undefined;
  /** Every wanted run is done and every chart shows it. */
  settled: boolean;
  /** Workers created so far, and runs cancelled (page hooks: a slider move must start no worker). */
  workersStarted: number;
  runsCancelled: number;
}
