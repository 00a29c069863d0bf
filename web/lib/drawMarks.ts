/**
 * Which benchmark marks are due after a lever is released (bench/web-latency.ts and
 * test/web/browser.test.ts read them): `tokensim:chart-update` when anything of the changed
 * scenario's new setting, a partial run or a complete seed, is first drawn, and
 * `tokensim:seed-complete` when its first complete seed is. Pure: the page sets the marks.
 */
export type DueMark = [name: string, detail: { partial: boolean }];

export class DrawMarks {
  private awaiting: { text: string; first: boolean; complete: boolean } | undefined;

  /**
   * A lever was released: marks are due for this scenario text, whether it still has to run or
   * a seed of it is cached (then the marks come with its first drawing, at once); pass undefined
   * when the slot has nothing to run.
   */
  expect(text: string | undefined): void {
    this.awaiting = text === undefined ? undefined : { text, first: false, complete: false };
  }

  /** The first chart now shows `text` from a partial run and/or complete seeds: the marks due now, each once. */
  drawn(text: string, partial: boolean, complete: boolean): DueMark[] {
    const a = this.awaiting;
    if (!a || a.text !== text) return [];
    const marks: DueMark[] = [];
    if (!a.first && (partial || complete)) {
      a.first = true;
      marks.push(['tokensim:chart-update', { partial }]);
    }
    if (!a.complete && complete) {
      a.complete = true;
      marks.push(['tokensim:seed-complete', { partial }]);
    }
    if (a.first && a.complete) this.awaiting = undefined;
    return marks;
  }
}
