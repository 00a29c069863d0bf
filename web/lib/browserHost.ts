/**
 * The browser as the page controller (pageController.ts) sees it: the address bar, the
 * engine's worker pool, downloads, performance marks and the page's scheduling.
 */
import { tick } from 'svelte';
import { downloadText } from './download.ts';
import type { PageHost } from './pageHost.ts';
import { EnsembleRunner } from './runner.ts';

/**
 * Workers: one per core but one, up to four, so the page's own thread keeps a core and
 * never waits behind the engine (measured in bench/web-latency.ts).
 */
export function poolSize(cores = navigator.hardwareConcurrency || 2): number {
  return Math.max(1, Math.min(4, cores - 1));
}

export function browserHost(): PageHost {
  const workers = poolSize();
  return {
    readSearch: () => location.search,
    writeSearch: (query) => history.replaceState(null, '', `${location.pathname}${query}${location.hash}`),
    makeRunner: (events) => new EnsembleRunner(workers, events),
    download: downloadText,
    mark: (name, detail) => void performance.mark(name, detail && { detail }),
    defer: (fn) => void setTimeout(fn, 0),
    rendered: tick,
    // A hidden page gets no animation frames: a task instead, so the charts still update.
    nextFrame: (fn) => void (document.hidden ? setTimeout(fn, 0) : requestAnimationFrame(fn)),
  };
}
