#!/usr/bin/env node
/**
 * Where a pooled command's wall time went, from the trace its worker pool writes when
 * TOKENSIM_POOL_TRACE names a file (sim/cli/parallel/pool.ts):
 *
 *   TOKENSIM_POOL_TRACE=/tmp/t.csv node sim/cli/bin.mjs sweep s.json --out o --workers 16
 *   node bench/pool-trace.mjs /tmp/t.csv [more traces…]
 *
 * For each trace: the workers' start-up (spawn → ready), their first runs (the JIT compiling
 * the engine as it goes) against their later runs, the gaps between one run's end and the same
 * worker's next start (the parent taking the result and handing over the next job), the span
 * from the pool's creation to the last run's end, the cores' busy share of that span, and the
 * tail: how long the last run ran on after the first worker ran out of work, and the
 * core-seconds left idle then. Plain JavaScript, so it runs where the repository's
 * dependencies are not installed.
 */
import { readFileSync } from 'node:fs';

// POOL_TRACE_HEADER of sim/cli/parallel/pool.ts, written out since plain JavaScript cannot import
// the TypeScript; test/cli/pool.test.ts reads a pool's own trace back through readTrace.
const HEADER = 'worker,job,seed,spawned_ms,ready_ms,assigned_ms,started_ms,ended_ms';

const quantile = (xs, p) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const median = (xs) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-GB') : '–');
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** The trace's jobs, by worker in start order. */
export function readTrace(text) {
  const lines = text.trim().split('\n');
  if (lines[0] !== HEADER) throw new Error(`not a pool trace (first line should be ${HEADER})`);
  const byWorker = new Map();
  for (const line of lines.slice(1)) {
    const [worker, job, seed, spawned, ready, assigned, started, ended] = line.split(',').map(Number);
    if (!byWorker.has(worker)) byWorker.set(worker, { spawned, ready, jobs: [] });
    byWorker.get(worker).jobs.push({ job, seed, assigned, started, ended });
  }
  for (const w of byWorker.values()) w.jobs.sort((a, b) => a.started - b.started);
  return byWorker;
}

/** The summary of one trace: numbers in ms. */
export function summarise(byWorker) {
  const workers = [...byWorker.values()];
  const all = workers.flatMap((w) => w.jobs);
  const span = Math.max(...all.map((j) => j.ended));
  const firstRuns = workers.map((w) => w.jobs[0].ended - w.jobs[0].started);
  const laterRuns = workers.flatMap((w) => w.jobs.slice(1).map((j) => j.ended - j.started));
  const gaps = workers.flatMap((w) => w.jobs.slice(1).map((j, k) => j.started - w.jobs[k].ended));
  const busy = sum(all.map((j) => j.ended - j.started));
  const lastEnds = workers.map((w) => w.jobs[w.jobs.length - 1].ended);
  return {
    workers: workers.length,
    runs: all.length,
    span,
    startup: workers.map((w) => w.ready - w.spawned),
    firstStart: Math.min(...all.map((j) => j.started)),
    firstRuns,
    laterRuns,
    gaps,
    busyShare: busy / (workers.length * span),
    tail: span - Math.min(...lastEnds),
    tailIdle: sum(lastEnds.map((e) => span - e)),
    ideal: busy / workers.length,
  };
}

export function report(name, s) {
  const r = (label, xs) => `${label} median ${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
  return [
    `${name}: ${s.runs} runs on ${s.workers} workers, first run started at ${fmt(s.firstStart)} ms, last ended at ${fmt(s.span)} ms`,
    `  ${r('worker start-up (spawn → ready) ms', s.startup)}`,
    `  ${r('first run on a worker ms', s.firstRuns)}; ${s.laterRuns.length ? r('later runs ms', s.laterRuns) : 'no later runs'}`,
    `  ${s.gaps.length ? r('hand-over gap ms', s.gaps) + `, p90 ${fmt(quantile(s.gaps, 0.9))}` : 'no hand-overs'}`,
    `  cores busy ${(100 * s.busyShare).toFixed(1)} % of the span; runs' time ÷ workers ${fmt(s.ideal)} ms; tail after the first worker ran out ${fmt(s.tail)} ms (${(s.tailIdle / 1000).toFixed(2)} core-s idle)`,
  ].join('\n');
}

// Run as a script (not when imported, nor when a bundle that imports it is the script).
if (import.meta.url === `file://${process.argv[1]}` && import.meta.url.endsWith('/pool-trace.mjs')) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node bench/pool-trace.mjs <trace.csv>… (written by a command run with TOKENSIM_POOL_TRACE=<file>)');
    process.exit(2);
  }
  for (const f of files) console.log(report(f, summarise(readTrace(readFileSync(f, 'utf8')))));
}
