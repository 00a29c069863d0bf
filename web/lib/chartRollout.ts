/**
 * How a change reaches the charts: one chart per main-thread task (the first chart at once),
 * so no single task redraws all of them and the page stays responsive while a scenario
 * re-runs (bench/web-latency.ts measures it). The second chart waits until the first has
 * been rendered and a frame has begun: the other charts' tasks would otherwise run before the
 * browser paints the first, delaying it by their redraws (25–60 ms on a loaded 2-core
 * machine, bench/results-web.md). A newer display supersedes a rollout still going. Once
 * every chart has the latest display and the page has rendered it, the rollout is `current`.
 * Scheduling comes from the host, so tests drive it by hand.
 */
import type { DisplaySlot } from './display.ts';

export interface RolloutHost {
  /** Runs `fn` in a later task (the page: setTimeout 0). */
  defer(fn: () => void): void;
  /** Resolves once the page has rendered the charts' latest slots (the page: Svelte's tick). */
  rendered(): Promise<void>;
  /** Runs `fn` in the next animation frame (the page: requestAnimationFrame, or a task while hidden). */
  nextFrame(fn: () => void): void;
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
        const next = () =>
          this.host.defer(() => {
            if (live()) step(i + 1);
          });
        // After the first chart: the frame that paints it first, then a task past that frame.
        if (i === 0) void this.host.rendered().then(() => live() && this.host.nextFrame(next));
        else next();
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
