/**
 * State the page reacts to, kept apart from how it reacts: the page controller publishes its
 * state into cells, one per field. On the page a cell is Svelte state (svelteCell.svelte.ts),
 * so a change reaches only what reads that field; in tests it is a plain box. Setting a cell
 * to the value it holds (the same object) changes nothing.
 */

export interface Cell<T> {
  get(): T;
  set(value: T): void;
}

export type CellFactory = <T>(initial: T) => Cell<T>;

/** A plain box: no reactivity (tests, and code outside a page). */
export const plainCell: CellFactory = <T>(initial: T): Cell<T> => {
  let value = initial;
  return {
    get: () => value,
    set: (v) => {
      value = v;
    },
  };
};

/**
 * One cell per field of `initial`: `state` reads them through getters (read-only), `assign`
 * sets every field from a new record.
 */
export function cellRecord<T extends object>(initial: T, cell: CellFactory): { state: Readonly<T>; assign(next: T): void } {
  const keys = Object.keys(initial) as (keyof T)[];
  const cells = new Map(keys.map((k) => [k, cell(initial[k])]));
  const state = {} as T;
  for (const k of keys) Object.defineProperty(state, k, { get: () => cells.get(k)!.get(), enumerable: true });
  return {
    state: Object.freeze(state),
    assign(next) {
      for (const k of keys) cells.get(k)!.set(next[k]);
    },
  };
}
