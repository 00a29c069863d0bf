/**
 * How a change reaches the charts: one chart per main-thread task (the first chart at once),
 * so no single task redraws all of them and the page stays responsive while a scenario
 * re-runs (bench/web-latency.ts measures it). A newer display supersedes a rollout still
 * going. Once every chart has the latest display and the page has rendered it, the rollout
 * is `current`. Scheduling comes from the host, so tests drive it by hand.
 */
import type { DisplaySlot } from './display.ts';

export interface RolloutHost {
  /** Runs `fn` in a later task (the page: setTimeout 0). */
  defer(fn: () => void): void;
  /** Resolves once the page has rendered the charts' latest slots (the page: Svelte's tick). */
  rendered(): Promise<void>;
}

export class ChartRollout {
  /** What each chart draws now. */
  slots: DisplaySlot[][];
  /** Every chart shows the latest display, rendered. */
  current = false;
  /** Rollouts that reached every chart (a page hook for tests). */
  updates = 0;
  private generation = 0;

  /**
   * @param count how many charts
   * @param changed called after `slots`, `current` or `updates` changed
   */
  constructor(
    private readonly count: number,
    private readonly host: RolloutHost,
    private readonly changed: () => void,
  ) {
    this.slots = Array.from({ length: count }, () => []);
  }

  /**
   * Hands `next` to the charts, the first now and one more per deferred task; `onFirst` runs
   * when the first chart has it. Supersedes any rollout in progress.
   */
  show(next: DisplaySlot[], onFirst?: () => void): void {
    const generation = ++this.generation;
    const live = () => generation === this.generation;
    this.current = false;
    const step = (i: number) => {
      this.slots = this.slots.map((slots, k) => (k === i ? next : slots));
      if (i === 0) onFirst?.();
      this.changed();
      if (i + 1 < this.count) {
        this.host.defer(() => {
          if (live()) step(i + 1);
        });
        return;
      }
      void this.host.rendered().then(() => {
        if (!live()) return;
        this.current = true;
        this.updates++;
        this.changed();
      });
    };
    step(0);
  }

  /** Stops the rollout in progress (page teardown). */
  stop(): void {
    this.generation++;
  }
}
