/**
 * Browser latency benchmark (issue 4): in real headless Chromium against the built site, at
 * the page's default size (baseline vs tunguz-100k, 10,000 engineers × 10 years, 3 seeds):
 * - time from slider release to the first chart update with a new seed (the page marks
 *   `tokensim:lever-commit` in the slider's change handler and `tokensim:chart-update` in
 *   the first animation frame after the new seed is drawn), for several slider drags;
 * - time from release until all seeds of the changed scenario are drawn;
 * - every main-thread task over 50 ms (PerformanceObserver "longtask"), during the first
 *   load and during the slider trials.
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

/** Drags the σ slider's thumb with the mouse to a fraction of the track and releases it. */
async function dragSigma(page: Page, to: number): Promise<void> {
  const range = page.locator('#lever-sigma');
  await range.scrollIntoViewIfNeeded();
  const box = (await range.boundingBox())!;
  const value = Number(await range.inputValue());
  const max = Number(await range.getAttribute('max'));
  const y = box.y + box.height / 2;
  const thumb = 8; // half the thumb width: the track runs from box.x + thumb to box.x + width − thumb
  const xAt = (f: number) => box.x + thumb + f * (box.width - 2 * thumb);
  await page.mouse.move(xAt(value / max), y);
  await page.mouse.down();
  await page.mouse.move(xAt((value / max + to) / 2), y, { steps: 4 });
  await page.mouse.move(xAt(to), y, { steps: 4 });
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

  // Slider trials: σ to positions not run before, each waiting until all seeds are drawn.
  const targets = [0.75, 0.35, 0.9, 0.55, 0.2, 0.65].slice(0, trials);
  const rows: { sigma: string; first: number; all: number }[] = [];
  let tasksBefore = loadTasks.length;
  const trialTasks: LongTask[] = [];
  for (const to of targets) {
    await page.evaluate(() => performance.clearMarks());
    const start = await page.evaluate('performance.now()');
    await dragSigma(page, to);
    await page.waitForFunction(() => performance.getEntriesByName('tokensim:chart-update').length > 0, undefined, { timeout: 180_000 });
    await waitDone(page);
    const end = (await page.evaluate('performance.now()')) as number;
    const [commit] = (await page.evaluate(() => performance.getEntriesByName('tokensim:lever-commit').map((e) => e.startTime))) as number[];
    const [update] = (await page.evaluate(() => performance.getEntriesByName('tokensim:chart-update').map((e) => e.startTime))) as number[];
    const sigma = await page.locator('[data-lever=sigma] input.box').inputValue();
    rows.push({ sigma, first: update - commit, all: end - commit });
    const tasks = await longTasks(page);
    trialTasks.push(...tasks.slice(tasksBefore).filter((t) => t.start >= (start as number)));
    tasksBefore = tasks.length;
  }

  const worst = (t: LongTask[]) => (t.length ? Math.max(...t.map((x) => x.duration)) : 0);
  const lines = [
    `## Browser: slider release → first chart update (bench/web-latency.ts)`,
    '',
    `${new Date().toISOString().slice(0, 10)} · ${os.cpus()[0]?.model ?? 'cpu'} · ${os.cpus().length} cores (page sees ${cores}) · ` +
      `load average at start ${loadAtStart.toFixed(1)} · Chromium via playwright-core · ` +
      `\`npx tsx bench/web-latency.ts --trials ${trials}\``,
    '',
    'Default view: baseline vs tunguz-100k, 10,000 engineers × 10 years, 3 seeds each; the page runs one engine worker per core but one (at least 1, at most 4).',
    '',
    `- First load: first chart drawn after ${ms(firstAnswer)}, all 6 runs after ${ms(loadDone)}; ` +
      `main-thread tasks over 50 ms: ${loadTasks.length}${loadTasks.length ? ` (longest ${ms(worst(loadTasks))})` : ''}.`,
    `- Slider trials (σ dragged with the mouse, released): first chart update with the new value after ` +
      `median ${ms(median(rows.map((r) => r.first)))} (${rows.map((r) => ms(r.first)).join(', ')}); all 3 seeds after median ${ms(median(rows.map((r) => r.all)))}.`,
    `- Main-thread tasks over 50 ms during the trials: ${trialTasks.length}${trialTasks.length ? ` (longest ${ms(worst(trialTasks))}; ${trialTasks.map((t) => ms(t.duration)).join(', ')})` : ''}.`,
    '',
    '| σ released at | first chart update | all seeds drawn |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.sigma} | ${ms(r.first)} | ${ms(r.all)} |`),
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
