/**
 * Browser latency benchmark (issue 4): in real headless Chromium against the built site, at
 * the page's default size (baseline vs tunguz-100k, 10,000 engineers × 10 years, 3 seeds):
 * - time from slider release to the first chart update with the new value (the page marks
 *   `tokensim:lever-commit` in the slider's change handler and `tokensim:chart-update` in
 *   the first animation frame after anything of the new setting is drawn — a partial run,
 *   the months done so far, counts), for several slider drags;
 * - time from release until the first complete seed of the new setting is drawn (the page's
 *   `tokensim:seed-complete` mark) and until all seeds of every scenario are drawn;
 * - the same after a slider move that supersedes a run in progress (σ released, then moved
 *   again 300 ms later, while the first setting's run is going: it must be cancelled);
 * - the same when the thumb is held still before the release (0.4 s and 0.8 s), as a reader
 *   often does: the page starts the runs of a value the thumb rests on (web/lib/sliderRest.ts)
 *   before it is released. The plain trials release at once, so they time the release alone;
 * - the page's main-thread busy time per slider move (Chrome's TaskDuration metric);
 * - how many engine workers the page started (a slider move should start none);
 * - every main-thread task over 50 ms (PerformanceObserver "longtask"), during the first
 *   load, during the slider trials and while the engineers view plays (after the trials,
 *   with every run done: months played, main-thread busy time and long tasks).
 * Results are printed and appended to bench/RESULTS.md with date, machine and command.
 *
 * Usage: npx tsx bench/web-latency.ts [--trials 4] [--no-append]
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../web/tools/chromium.ts';
import { serveStatic } from '../web/tools/serveStatic.ts';
import { SLIDER_REST_MS } from '../web/lib/sliderRest.ts';
import { grabAndDrag } from '../web/tools/sliderDrag.ts';

const args = process.argv.slice(2);
const trials = Number(args[args.indexOf('--trials') + 1] ?? 4) || 4;
const append = !args.includes('--no-append');
const root = fileURLToPath(new URL('..', import.meta.url));

interface LongTask {
  start: number;
  duration: number;
}

/** Installed before the page's scripts: records every long task from navigation on. */
const OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

const longTasks = (page: Page) => page.evaluate('window.__longTasks') as Promise<LongTask[]>;
const waitDone = (page: Page) => page.waitForSelector('[data-testid=app][data-status=done]', { timeout: 180_000 });

/** Drags the σ slider's thumb with the mouse to a fraction of the track and releases it, after holding it still for `holdMs`. */
async function dragSigma(page: Page, to: number, holdMs = 0): Promise<void> {
  await grabAndDrag(page, '#lever-sigma', to);
  if (holdMs > 0) await page.waitForTimeout(holdMs);
  await page.mouse.up();
}

const ms = (x: number) => `${Math.round(x)} ms`;
const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const loadAtStart = os.loadavg()[0];
const outDir = mkdtempSync(join(os.tmpdir(), 'tokensim-bench-site-'));
await build({ root: join(root, 'web'), configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
const server = await serveStatic(outDir, '/tokensim/');
const chromium = await launchChromium();
try {
  const page = await chromium.newPage(1280, 800);
  await page.addInitScript(OBSERVER);
  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForSelector('#chart-wages [data-slot="1"] path.mean-line', { timeout: 180_000 });
  const firstAnswer = Date.now() - t0;
  await waitDone(page);
  const loadDone = Date.now() - t0;
  const cores = Number(await page.evaluate('navigator.hardwareConcurrency'));
  const loadTasks = await longTasks(page);

  // Main-thread busy time (ms) so far, from the DevTools protocol.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;

  // Slider trials: σ to positions not run before (σ 5, 0.4, 10, 1.2, 0.15, 2.5), each waiting
  // until all seeds are drawn; then two where the setting is changed again while the first
  // change is still running (σ 0.3 then 3, σ 8 then 0.6). No position may give a σ already
  // cached (the file's 0.8, or an earlier trial's): that would draw at once.
  const targets = [0.75, 0.35, 0.9, 0.55, 0.2, 0.65].slice(0, trials);
  const superseding: [number, number][] = [
    [0.3, 0.7],
    [0.85, 0.42],
  ];
  // Then held still before the release: 0.4 s and 0.8 s, at σ values no earlier trial used.
  const held: [number, number][] = [
    [0.6, 400],
    [0.25, 400],
    [0.1, 800],
    [0.5, 800],
  ];
  const rows: { sigma: string; superseded: boolean; holdMs: number; first: number; partial: boolean; complete: number; all: number; busy: number }[] = [];
  const workersStarted = async () => (await page.getAttribute('[data-testid=app]', 'data-workers-started')) ?? 'n/a';
  const workersAtLoad = await workersStarted();
  let tasksBefore = loadTasks.length;
  const trialTasks: LongTask[] = [];
  const moves: { to: number; before?: number; holdMs?: number }[] = [
    ...targets.map((to) => ({ to })),
    ...superseding.map(([before, to]) => ({ before, to })),
    ...held.map(([to, holdMs]) => ({ to, holdMs })),
  ];
  // σ values already run: the file's, then each trial's.
  const sigmasRun = new Set<string>([await page.locator('[data-lever=sigma] input.box').inputValue()]);
  for (const { to, before, holdMs = 0 } of moves) {
    const start = await page.evaluate('performance.now()');
    const busyBefore = await busy();
    if (before !== undefined) {
      await dragSigma(page, before);
      await page.waitForTimeout(300);
    }
    await page.evaluate(() => performance.clearMarks());
    await dragSigma(page, to, holdMs);
    await page.waitForFunction(() => performance.getEntriesByName('tokensim:chart-update').length > 0, undefined, { timeout: 180_000 });
    await waitDone(page);
    const end = (await page.evaluate('performance.now()')) as number;
    // The mark comes in the animation frame after the redraw, which may be just after "done".
    // (A page from before partial runs has no `data-workers-started` and never sets this mark.)
    const seedMarked = () => performance.getEntriesByName('tokensim:seed-complete').length > 0 || !document.querySelector('[data-workers-started]');
    await page.waitForFunction(seedMarked, undefined, { timeout: 10_000 });
    // The first mark at or after `from`: a superseded setting's seed may complete during the
    // second drag, after the marks were cleared but before the release this trial times.
    const markTime = async (name: string, from = -Infinity) =>
      ((await page.evaluate((n) => performance.getEntriesByName(n).map((e) => e.startTime), name)) as number[]).find((t) => t >= from);
    const commit = (await markTime('tokensim:lever-commit'))!;
    const update = (await markTime('tokensim:chart-update', commit))!;
    // A page from before partial runs marks only `tokensim:chart-update`, at the first complete seed.
    const complete = (await markTime('tokensim:seed-complete', commit)) ?? update;
    const partial = (await page.evaluate(
      (t) => (performance.getEntriesByName('tokensim:chart-update').find((e) => e.startTime >= t) as PerformanceMark | undefined)?.detail,
      commit,
    )) as { partial?: boolean } | null;
    const sigma = await page.locator('[data-lever=sigma] input.box').inputValue();
    if (sigmasRun.has(sigma)) console.error(`web-latency: σ ${sigma} was run by an earlier trial: its row times a cached setting`);
    sigmasRun.add(sigma);
    rows.push({
      sigma,
      superseded: before !== undefined,
      holdMs,
      first: update - commit,
      partial: partial?.partial === true,
      complete: complete - commit,
      all: end - commit,
      busy: (await busy()) - busyBefore,
    });
    const tasks = await longTasks(page);
    trialTasks.push(...tasks.slice(tasksBefore).filter((t) => t.start >= (start as number)));
    tasksBefore = tasks.length;
  }

  // The engineers view playing month by month for PLAY_MS, every run done.
  const PLAY_MS = 10_000;
  const engineers = page.getByTestId('engineers');
  await engineers.scrollIntoViewIfNeeded();
  const monthOf = async () => Number(await engineers.getAttribute('data-month'));
  const playStart = (await page.evaluate('performance.now()')) as number;
  const busyBeforePlay = await busy();
  const monthAtPlay = await monthOf();
  await engineers.getByRole('button', { name: 'Play the engineers month by month' }).click();
  await page.waitForTimeout(PLAY_MS);
  const monthsPlayed = (await monthOf()) - monthAtPlay;
  const playBusy = (await busy()) - busyBeforePlay;
  await engineers.getByRole('button', { name: 'Pause the engineers' }).click();
  const playTasks = (await longTasks(page)).filter((t) => t.start >= playStart);

  const workersAtEnd = await workersStarted();
  const cancelled = (await page.getAttribute('[data-testid=app]', 'data-runs-cancelled')) ?? 'n/a';
  const loadAtEnd = os.loadavg()[0];
  const plain = rows.filter((r) => !r.superseded && r.holdMs === 0);
  const again = rows.filter((r) => r.superseded);
  const holds = [...new Set(held.map(([, h]) => h))].map((h) => ({ h, rows: rows.filter((r) => r.holdMs === h) }));
  const worst = (t: LongTask[]) => (t.length ? Math.max(...t.map((x) => x.duration)) : 0);
  const lines = [
    `## Browser: slider release → first chart update (bench/web-latency.ts)`,
    '',
    `${new Date().toISOString().slice(0, 10)} · ${os.cpus()[0]?.model ?? 'cpu'} · ${os.cpus().length} cores (page sees ${cores}) · ` +
      `load average ${loadAtStart.toFixed(1)} at start, ${loadAtEnd.toFixed(1)} at end · Chromium via playwright-core · ` +
      `\`npx tsx bench/web-latency.ts --trials ${trials}\``,
    '',
    'Default view: baseline vs tunguz-100k, 10,000 engineers × 10 years, 3 seeds each; the page runs one engine worker per core but one (at least 1, at most 4). ' +
      'Each σ setting not run before; the page marks its first chart update when anything of the new setting is drawn, a partial run (the months done so far) included.',
    '',
    `- First load: first chart drawn after ${ms(firstAnswer)}, all 6 runs after ${ms(loadDone)}; ` +
      `main-thread tasks over 50 ms: ${loadTasks.length}${loadTasks.length ? ` (longest ${ms(worst(loadTasks))})` : ''}.`,
    `- Slider trials (σ dragged with the mouse, released): first chart update with the new value (partial run allowed) after ` +
      `median ${ms(median(plain.map((r) => r.first)))} (${plain.map((r) => ms(r.first)).join(', ')}); ` +
      `first complete seed drawn after median ${ms(median(plain.map((r) => r.complete)))}; all seeds drawn after median ${ms(median(plain.map((r) => r.all)))}; ` +
      `main thread busy median ${ms(median(plain.map((r) => r.busy)))} per move.`,
    `- Superseding moves (σ released, moved again 300 ms later while its run was going): first chart update after the second release ` +
      `${again.map((r) => ms(r.first)).join(', ')}; first complete seed ${again.map((r) => ms(r.complete)).join(', ')}.`,
    ...holds.map(
      ({ h, rows: r }) =>
        `- Held still ${h / 1000} s before the release (the runs of the value under a resting thumb start ${SLIDER_REST_MS} ms after it stops): first complete seed drawn after ` +
        `${r.map((x) => ms(x.complete)).join(', ')} (median ${ms(median(r.map((x) => x.complete)))}); first chart update ${r.map((x) => ms(x.first)).join(', ')}.`,
    ),
    `- Engine workers started: ${workersAtLoad} at load, ${workersAtEnd} after the trials (runs cancelled by a later setting: ${cancelled}).`,
    `- Engineers view playing (300 engineers, every run done) for ${PLAY_MS / 1000} s: ${monthsPlayed} months played; main thread busy ${ms(playBusy)} ` +
      `(${((100 * playBusy) / PLAY_MS).toFixed(1)} %); tasks over 50 ms: ${playTasks.length}${playTasks.length ? ` (longest ${ms(worst(playTasks))})` : ''}.`,
    `- Main-thread tasks over 50 ms during the trials: ${trialTasks.length}${trialTasks.length ? ` (longest ${ms(worst(trialTasks))}; ${trialTasks.map((t) => ms(t.duration)).join(', ')})` : ''}.`,
    '',
    '| σ released at | first chart update | first drawn as | first complete seed drawn | all seeds drawn | main thread busy |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.sigma}${r.superseded ? ' (superseding)' : ''}${r.holdMs > 0 ? ` (held ${r.holdMs / 1000} s)` : ''} | ${ms(r.first)} | ${r.partial ? 'partial run' : 'complete seed'} | ${ms(r.complete)} | ${ms(r.all)} | ${ms(r.busy)} |`,
    ),
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  if (append) {
    const file = join(root, 'bench', 'RESULTS.md');
    if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n\nAppended by the scripts under bench/; newest last.\n\n');
    appendFileSync(file, `${text}\n`);
  }
} finally {
  await chromium.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}
