/** Cells (lib/cells.ts) as Svelte state: reading one in a component or effect subscribes to it. */
import type { Cell, CellFactory } from './cells.ts';

class StateCell<T> implements Cell<T> {
  private value = $state.raw() as T;

  constructor(initial: T) {
    this.value = initial;
  }

  get(): T {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
  }
}

export const svelteCell: CellFactory = <T>(initial: T): Cell<T> => new StateCell(initial);
