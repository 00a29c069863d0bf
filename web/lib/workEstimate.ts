/**
 * How long a view's runs would take on this device, estimated before anything starts. A link
 * can ask for three scenarios × 2,000,000 engineers × 50 years × 30 seeds — about 15 hours of
 * one worker's time — so the page asks the reader before it starts a link's runs that would
 * take more than a few minutes (WorkGate). Pure, so it is tested without a browser.
 */
import type { SlotRun } from './catalogue.ts';
import type { Job } from './jobs.ts';

/** Engineer-months one browser worker simulates a second (about 2 million). */
export const ENGINEER_MONTHS_PER_SECOND = 2_000_000;
/** A link whose runs would take longer than this on this device is asked about first. */
export const ASK_ABOVE_SECONDS = 180;

export interface WorkEstimate {
  /** Runs still to do. */
  runs: number;
  /** Engineers × months, summed over those runs. */
  engineerMonths: number;
  /** Seconds until they are done with the pool's workers sharing them. */
  seconds: number;
}

/** Engineers × months of the run with scenario text `text` among `runs` (0 when none has it). */
export function runSize(runs: readonly (SlotRun | undefined)[], text: string, months?: number): number {
  const params = runs.find((r) => r?.text === text)?.params.run;
  return params ? params.engineers * (months ?? params.years * 12) : 0;
}

/**
 * The work of the `jobs` not yet `done`, at ENGINEER_MONTHS_PER_SECOND per worker: the runs
 * shared out over `workers`, and never less than the longest run alone.
 */
export function estimateWork(jobs: readonly Job[], runs: readonly (SlotRun | undefined)[], workers: number, done: ReadonlySet<string> = new Set()): WorkEstimate {
  const sizes = jobs.filter((j) => !done.has(j.key)).map((j) => runSize(runs, j.text));
  const engineerMonths = sizes.reduce((a, b) => a + b, 0);
  const shared = engineerMonths / Math.max(1, Math.min(workers, sizes.length));
  return { runs: sizes.length, engineerMonths, seconds: Math.max(shared, ...sizes) / ENGINEER_MONTHS_PER_SECOND };
}

/** `about 3 minutes`, `about 15 hours`, `about 2 days`. */
export function formatDuration(seconds: number): string {
  const [amount, unit] =
    seconds < 90 ? [seconds, 'second'] : seconds < 90 * 60 ? [seconds / 60, 'minute'] : seconds < 48 * 3600 ? [seconds / 3600, 'hour'] : [seconds / 86400, 'day'];
  const n = Math.max(1, Math.round(amount));
  return `about ${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}

/** `108 billion`, `36 million`, `72,000`. */
function amount(n: number): string {
  if (n >= 1e9) return `${Math.round(n / 1e9).toLocaleString('en-US')} billion`;
  if (n >= 1e6) return `${Math.round(n / 1e6)} million`;
  return Math.round(n).toLocaleString('en-US');
}

/** What the page asks: how long, and how much. */
export function workQuestion(e: WorkEstimate): string {
  return `its ${e.runs} runs (${amount(e.engineerMonths)} engineer-months) would take ${formatDuration(e.seconds)} on this device`;
}

/** Whether runs this long wait for the reader's yes (more than ASK_ABOVE_SECONDS). */
export const asksFirst = (e: WorkEstimate): boolean => e.seconds > ASK_ABOVE_SECONDS;

/**
 * Holds back the runs of a view read from a link until the reader agrees, when they would take
 * longer than ASK_ABOVE_SECONDS. Asked once per page: after an answer, or once the view has
 * become light enough, every later view runs at once (the reader chose it).
 */
export class WorkGate {
  /** The estimate waiting for an answer; undefined when nothing is held back. */
  question: WorkEstimate | undefined;
  private settled = false;

  /** Looks at the view's work: holds it back while it is too much and unanswered. */
  review(estimate: WorkEstimate): void {
    if (this.settled) return;
    this.question = asksFirst(estimate) ? estimate : undefined;
    if (!this.question) this.settled = true;
  }

  /** The reader answered (run it, or go elsewhere): nothing is held back from now on. */
  answer(): void {
    this.settled = true;
    this.question = undefined;
  }

  get held(): boolean {
    return this.question !== undefined;
  }
}
