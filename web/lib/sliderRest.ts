/**
 * When a dragged slider has come to rest before it is released. A reader often holds the thumb
 * still for a moment before letting go; the runs of the value under the thumb can start then,
 * so they are under way at the release (PageController.previewLever). The value is committed on
 * release only, as before: a drag still changes the view, the URL and the charts once.
 *
 * Pure apart from the timer functions it is given, so it is tested with fake timers.
 */

/** How long the thumb must stay on one value before that value's runs start ahead of the release. */
export const SLIDER_REST_MS = 200;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class SliderRest {
  private timer: unknown;
  /** Whether onRest was told of a value since the last release. */
  private told = false;

  /**
   * @param onRest the thumb rested on `value`; undefined when it rested on the committed value
   *   (or was released there after resting elsewhere), so whatever started ahead is withdrawn.
   */
  constructor(
    private readonly onRest: (value: number | undefined) => void,
    private readonly restMs = SLIDER_REST_MS,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** The thumb moved to `value` (an `input` event); `committed` is the slider's committed value. */
  moved(value: number, committed: number): void {
    this.cancel();
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      if (value !== committed) {
        this.told = true;
        this.onRest(value);
      } else if (this.told) {
        // Back on the committed value: what started ahead is withdrawn.
        this.told = false;
        this.onRest(undefined);
      }
    }, this.restMs);
  }

  /**
   * The slider was released at `value` (a `change` event) or edited otherwise. When it was told
   * of a rest and the release keeps the committed value, whatever started ahead is withdrawn
   * (onRest(undefined)); a release at a new value is committed by the caller, which replaces it.
   */
  released(value: number, committed: number): void {
    this.cancel();
    if (this.told && value === committed) this.onRest(undefined);
    this.told = false;
  }

  /** Stops the timer (the slider is going away). */
  dispose(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }
}
