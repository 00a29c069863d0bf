/**
 * The browser as the page controller (pageController.ts) uses it, and what it uses of the
 * worker pool: an interface, so the controller runs in vitest with a fake host and runner
 * (test/support/pageHarness.ts); browserHost.ts is the page's own.
 */
import type { EnsembleRunner, RunnerEvents } from './runner.ts';

/** What the controller uses of the worker pool (lib/runner.ts). */
export type PoolRunner = Pick<EnsembleRunner, 'size' | 'progress' | 'workersStarted' | 'runsCancelled' | 'setWanted' | 'dispose'>;

/** The browser, as far as the controller needs it. */
export interface PageHost {
  /** The URL's query string (`location.search`). */
  readSearch(): string;
  /** Replaces the query string without a new history entry (a slider move is not a page). */
  writeSearch(query: string): void;
  makeRunner(events: RunnerEvents): PoolRunner;
  download(fileName: string, text: string, type: string): void;
  /** A performance mark (bench/web-latency.ts and the browser tests read them). */
  mark(name: string, detail?: { partial: boolean }): void;
  /** Runs `fn` in a later task. */
  defer(fn: () => void): void;
  /** Resolves once the page has rendered the state published so far. */
  rendered(): Promise<void>;
  /** Runs `fn` in the next animation frame. */
  nextFrame(fn: () => void): void;
}
