/** The browser side of the page controller (web/lib/browserHost.ts). */
import { describe, expect, it } from 'vitest';
import { poolSize } from '../../web/lib/browserHost.ts';

describe('the engine worker pool size', () => {
  it('is one per core but one, at least one and at most four, so the page keeps a core', () => {
    expect([1, 2, 3, 4, 5, 16].map((cores) => poolSize(cores))).toEqual([1, 1, 2, 3, 4, 4]);
  });
});
