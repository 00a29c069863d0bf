/**
 * End to end in real headless Chromium (Debian's chromium via playwright-core) against the
 * built site, served from a sub-path by a tiny static server on 127.0.0.1. Fails — never
 * skips — when chromium is missing. Screenshots go to test/artifacts/ (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../sim/input/scenario.ts';
import { simulate } from '../../sim/run/simulate.ts';
import { buildSlot, makeCatalogue } from '../../web/lib/catalogue.ts';
import { shownSeries } from '../../web/lib/chartSpecs.ts';
import { summariseShown } from '../../web/lib/summaries.ts';
import { grabAndDrag } from '../../web/tools/sliderDrag.ts';
import { ARTIFACTS, builtSite } from '../support/builtSite.ts';

const SUB_PATH = '/some/sub/path/';
/** A small view (1,000 engineers, 3 years, 2 seeds) so interaction tests take a second or two. */
const SMALL = '?s=baseline~engineers:1000~years:3,tunguz-100k~engineers:1000~years:3&focus=1&seeds=2&seed=1';

const files = Object.fromEntries(
  readdirSync('scenarios')
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`../../scenarios/${f}`, JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as unknown]),
);
const { catalogue } = makeCatalogue(files);

const site = builtSite('site', SUB_PATH);
const { problems } = site;
const open = site.load;

const waitDone = (page: Page, timeout = 45_000) => page.waitForSelector('[data-testid=app][data-status=done]', { timeout });

const pageHash = (page: Page, scenario: string, seed: number) =>
  page.locator(`[data-testid=result-hash][data-scenario="${scenario}"][data-seed="${seed}"]`).getAttribute('data-hash');

const linePath = (page: Page, chart: string, slot: number) =>
  page.locator(`#chart-${chart} [data-slot="${slot}"] path.mean-line`).first().getAttribute('d');

/** Parses the page's CSV into rows keyed by scenario|metric|group|month. */
function csvRows(text: string): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const line of text.trim().split('\n').slice(1)) {
    // The label may be quoted and hold commas; the scenario name and the last seven fields never do.
    const name = line.slice(0, line.indexOf(','));
    const parts = line.split(',');
    const [mean, lo, hi] = parts.slice(-3).map(Number);
    const [metric, group, , month] = parts.slice(-7, -3);
    rows.set(`${name}|${metric}|${group}|${month}`, [mean, lo, hi]);
  }
  return rows;
}

describe('the browser visualiser', () => {
  let defaultHash: string | null = null;
  it('loads the default view from a sub-path with no console errors, draws every chart at 1280 and 375 px wide', async () => {
    const page = await open('');
    await waitDone(page);
    expect(page.url()).toBe(`${site.url}?s=baseline,tunguz-100k&focus=1&seeds=3&seed=1`);
    for (const chart of ['wages', 'substitution', 'handcuffs', 'market']) {
      for (const slot of [0, 1]) expect(await linePath(page, chart, slot)).toMatch(/^M[\d.]+,[\d.]+L/);
    }
    expect(await page.locator('#chart-wealth [data-slot="1"] path').count()).toBe(7);
    expect(await page.locator('.legend').first().textContent()).toMatch(/tunguz-100k\s*\(3 seeds\)/);
    defaultHash = await pageHash(page, 'tunguz-100k', 1);
    // The focused scenario's precomputed drivers, ranked, with labels from the metadata.
    const drivers = page.locator('[data-testid=drivers]');
    expect(await drivers.getAttribute('data-scenario')).toBe('tunguz-100k');
    const topPath = (JSON.parse(readFileSync('docs/sensitivity/tunguz-100k.json', 'utf8')) as { ranking: { path: string }[] }).ranking[0].path;
    expect(await drivers.locator('li').first().getAttribute('data-path')).toBe(topPath);
    await drivers.screenshot({ path: `${ARTIFACTS}/web-drivers.png` });
    await page.screenshot({ path: `${ARTIFACTS}/web-1280x800.png` });
    await page.screenshot({ path: `${ARTIFACTS}/web-1280-full.png`, fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${ARTIFACTS}/web-375.png` });
    await page.locator('#chart-wages').screenshot({ path: `${ARTIFACTS}/web-375-wages.png` });
    await page.screenshot({ path: `${ARTIFACTS}/web-375-full.png`, fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  let changedUrl = '';
  let changedPath: string | null = null;
  let changedHash: string | null = null;

  it('re-runs when a slider moves, changing the chart and the URL; every number equals the engine’s for the downloaded file', async () => {
    const page = await open(SMALL);
    await waitDone(page);
    const before = await linePath(page, 'wages', 1);
    // Hovering a panel reads out the month and each scenario's value.
    const plot = page.locator('#chart-wages [data-panel="pay"] svg[data-plot]');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await expect(page.locator('#chart-wages [data-panel="pay"] .tip').textContent()).resolves.toMatch(/^month \d+ \(year [\d.]+\)[\s\S]*median cash base\s*\$\d/);
    await page.mouse.move(0, 0);
    await page.locator('#lever-sigma').focus();
    await page.keyboard.press('ArrowRight'); // σ 0.8 → 1, the next stop
    await page.waitForURL(/tunguz-100k~sigma:1~engineers:1000~years:3/);
    await waitDone(page);
    changedPath = await linePath(page, 'wages', 1);
    expect(changedPath).not.toBe(before);
    expect(await linePath(page, 'wages', 0)).not.toBeNull();
    expect(await page.locator('[data-lever=sigma] input.box').inputValue()).toBe('1');
    changedUrl = page.url();

    const slot = buildSlot(catalogue.get('tunguz-100k')!, { sigma: 1, engineers: 1000, years: 3 });
    changedHash = await pageHash(page, 'tunguz-100k-custom', 1);
    expect(changedHash).toMatch(/^[0-9a-f]{64}$/);

    // The settings download is a scenario file the CLI accepts, with the same parameters.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download scenario file' }).click()]);
    expect(download.suggestedFilename()).toBe('tunguz-100k-custom.json');
    const fileText = readFileSync((await download.path())!, 'utf8');
    expect(JSON.stringify(parseScenario(fileText, 'downloaded.json'))).toBe(JSON.stringify(slot.params));

    // The CSV holds the shown series of both scenarios; a chart exports as standalone SVG.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV of the shown series' }).click()]);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.split('\n')[0]).toBe('scenario,label,seeds,metric,group,unit,month,mean,lo95,hi95');
    expect(csvText).toContain('\ntunguz-100k-custom,"tunguz-100k · σ 1, engineers 1,000, years 3",1 2,cash_base_median,all,$ per year,36,');
    expect(csvText).toContain('\nbaseline-custom,"baseline · engineers 1,000, years 3",1 2,wealth_median,staff,$,1,');
    // Every number the page shows for this scenario is the engine's, run here in Node.
    const node = summariseShown([simulate(slot.params, 1), simulate(slot.params, 2)], shownSeries())!;
    const rows = csvRows(csvText);
    let compared = 0;
    for (const [key, s] of node.series) {
      for (let k = 0; k < s.mean.length; k++) {
        const got = rows.get(`tunguz-100k-custom|${key}|${k + 1}`);
        expect(got, `${key} month ${k + 1}`).toBeDefined();
        [s.mean[k], s.lo95[k], s.hi95[k]].forEach((want, j) => {
          // A statistic over an empty group (no movers yet, say) is NaN in both.
          if (Number.isNaN(want)) expect(got![j], `${key} month ${k + 1}`).toBeNaN();
          else expect(Math.abs(got![j] - want), `${key} month ${k + 1}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        });
        compared++;
      }
    }
    expect(compared).toBe(shownSeries().length * 36);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('#chart-wages').getByRole('button', { name: 'Download chart 1. Wages: cash against total compensation as SVG' }).click()]);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('1. Wages: cash against total compensation');
    expect(svgText).toContain('stroke-dasharray="6 4"');
    expect(svgText).toContain('Pay of employed engineers');
    await svg.saveAs(`${ARTIFACTS}/web-export-wages.svg`);
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#chart-wages').getByRole('button', { name: 'Download chart 1. Wages: cash against total compensation as PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('tokensim-wages.png');
    await png.saveAs(`${ARTIFACTS}/web-export-wages.png`);
    expect(readFileSync(`${ARTIFACTS}/web-export-wages.png`).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('restores the same view from that URL after a reload', async () => {
    const page = await open(changedUrl.slice(site.url.length));
    await waitDone(page);
    expect(page.url()).toBe(changedUrl);
    expect(await page.locator('[data-lever=sigma] input.box').inputValue()).toBe('1');
    expect(await linePath(page, 'wages', 1)).toBe(changedPath);
    expect(await pageHash(page, 'tunguz-100k-custom', 1)).toBe(changedHash);
    await page.reload();
    await waitDone(page);
    expect(page.url()).toBe(changedUrl);
    expect(await linePath(page, 'wages', 1)).toBe(changedPath);
    // Reset returns to the file's values.
    await page.getByRole('button', { name: "Reset to the file's values" }).click();
    await page.waitForURL(/\?s=baseline~engineers:1000~years:3,tunguz-100k&focus=1&/);
    expect(await page.locator('[data-lever=sigma] input.box').inputValue()).toBe('0.8');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('offers a compared scenario’s reference and adds it to the comparison with one click', async () => {
    const page = await open('?s=tokenmaxxing~engineers:1000~years:3&focus=0&seeds=1&seed=1');
    const offer = page.getByRole('button', { name: '+ Add its reference, tunguz-100k' });
    await offer.click();
    await page.waitForURL(/\?s=tokenmaxxing~engineers:1000~years:3,tunguz-100k&focus=0&seeds=1&seed=1$/);
    expect(await page.locator('#scenario-1').inputValue()).toBe('tunguz-100k');
    expect(await offer.count()).toBe(0);
    // tunguz-100k offers its own reference in turn.
    expect(await page.getByRole('button', { name: '+ Add its reference, baseline' }).count()).toBe(1);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows a clear message and the default view for a malformed URL, never a blank page', async () => {
    const page = await open('?s=baseline~sigma:banana&seeds=3');
    const alert = page.getByTestId('url-error');
    await expect(alert.textContent()).resolves.toContain('This link could not be read: s: baseline: sigma must be a number (got "banana")');
    expect(await page.locator('#scenario-0').inputValue()).toBe('baseline');
    expect(await page.locator('#scenario-1').inputValue()).toBe('tunguz-100k');
    await page.waitForURL(/\?s=baseline,tunguz-100k&focus=1&seeds=3&seed=1$/);
    await page.waitForSelector('#chart-wages [data-slot="0"] path.mean-line', { timeout: 30_000 });
    await page.screenshot({ path: `${ARTIFACTS}/web-malformed-url.png` });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('asks before starting a link that would take hours, starting nothing meanwhile; “no” shows the default view', async () => {
    const huge = ['baseline', 'tunguz-100k', 'price-crash'].map((s) => `${s}~engineers:2000000~years:50`).join(',');
    const page = await open(`?s=${huge}&focus=0&seeds=30&seed=1`);
    const panel = page.getByTestId('work-confirm');
    await expect(panel.textContent()).resolves.toMatch(/its 90 runs \(108 billion engineer-months\) would take about \d+ (hours|minutes)/);
    expect(await page.locator('[data-testid=run-status] .active').count()).toBe(0); // no run started
    expect(await page.getByTestId('app').getAttribute('data-runs-done')).toBe('0');
    await page.getByRole('button', { name: 'Show the default view instead' }).click();
    await page.waitForURL(/\?s=baseline,tunguz-100k&focus=1&seeds=3&seed=1$/);
    expect(await panel.count()).toBe(0);
    await page.waitForSelector('#chart-wages [data-slot="0"] path.mean-line', { timeout: 30_000 });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('keeps its warm workers when a slider moves mid-run, drawing the months done before the first seed completes', async () => {
    // The edited scenario at the default size, so a run lasts about a second: long enough to move the slider again mid-run.
    const page = await open('?s=baseline~engineers:1000~years:3,tunguz-100k&focus=1&seeds=2&seed=1');
    await waitDone(page, 90_000);
    const app = page.getByTestId('app');
    const workers = await app.getAttribute('data-workers-started');
    expect(Number(workers)).toBeGreaterThanOrEqual(1);
    await page.locator('#lever-sigma').focus();
    await page.keyboard.press('ArrowRight'); // σ 0.8 → 1
    // A partial run of σ 1 is drawn: its first seed is running. Move on to σ 1.2, superseding it.
    await page.waitForSelector('#chart-wages .legend li[data-partial]', { timeout: 30_000 });
    await page.evaluate(() => performance.clearMarks());
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/tunguz-100k~sigma:1\.2&/);
    await page.waitForFunction(() => performance.getEntriesByName('tokensim:chart-update').length > 0, undefined, { timeout: 30_000 });
    // The first answer for σ 1.2 is the months done so far of its first seed, said in plain words.
    // Read at once: the next partial may come at any moment.
    const shown = await page.evaluate(() => {
      const li = document.querySelector('#chart-wages .legend li[data-partial]');
      const months = li?.getAttribute('data-partial');
      return { text: li?.textContent, months, lines: document.querySelectorAll(`#chart-wages g[data-partial="${months}"] path.mean-line`).length };
    });
    expect(shown.text).toMatch(/tunguz-100k · σ 1\.2\s*\(first seed: (month 6 of 120|year \d+ of 10) — updating\)/);
    expect(shown.lines).toBeGreaterThan(0);
    await waitDone(page, 90_000);
    const marks = await page.evaluate(() =>
      ['tokensim:chart-update', 'tokensim:seed-complete'].map((n) => {
        const m = performance.getEntriesByName(n)[0] as PerformanceMark | undefined;
        return m && { at: m.startTime, partial: (m.detail as { partial: boolean }).partial };
      }),
    );
    expect(marks[0]?.partial).toBe(true);
    expect(marks[1]?.partial).toBe(false);
    expect(marks[0]!.at).toBeLessThan(marks[1]!.at);
    // Complete seeds replaced the partial run; no worker was replaced, and the σ 1 run was cancelled.
    expect(await page.locator('#chart-wages [data-partial]').count()).toBe(0);
    expect(await page.locator('#chart-wages .legend li').nth(1).textContent()).toMatch(/\(2 seeds\)/);
    expect(await app.getAttribute('data-workers-started')).toBe(workers);
    expect(Number(await app.getAttribute('data-runs-cancelled'))).toBeGreaterThanOrEqual(1);
    // What the page shows and hashes is the complete run, bit for bit the engine's in Node.
    const custom = buildSlot(catalogue.get('tunguz-100k')!, { sigma: 1.2 });
    expect(await pageHash(page, 'tunguz-100k-custom', 1)).toBe(simulate(custom.params, 1).resultHash);
    await page.close();
    expect(problems).toEqual([]);
  });

  // MODEL.md §1: same scenario + seed ⇒ byte-identical output in Node and in a browser.
  it('starts the runs of a slider held still before release, so they are done at the release; the view waits for it', async () => {
    // Runs of a few hundred milliseconds each: done long before the thumb is let go.
    const page = await open('?s=baseline~engineers:3000~years:5,tunguz-100k~engineers:3000~years:5&focus=1&seeds=2&seed=1');
    await waitDone(page, 90_000);
    const app = page.getByTestId('app');
    await grabAndDrag(page, '#lever-sigma', 0.6);
    const held = await page.locator('[data-lever=sigma] input.box').inputValue();
    // Held still: the runs of the value under the thumb go ahead, nothing shown changes.
    await page.waitForTimeout(3000);
    expect(page.url()).not.toContain('sigma');
    expect(await app.getAttribute('data-runs-done')).toBe(await app.getAttribute('data-runs-total'));
    await page.evaluate(() => performance.clearMarks());
    await page.mouse.up();
    await page.waitForURL((url) => url.search.includes(`sigma:${held}`));
    // At the release every run of the new setting is already done: nothing is left to run.
    const [done, total] = [await app.getAttribute('data-runs-done'), await app.getAttribute('data-runs-total')];
    expect(Number(total)).toBe(4);
    expect(done).toBe(total);
    // Drawn complete at once, with the benchmark's marks.
    await page.waitForFunction(() => performance.getEntriesByName('tokensim:seed-complete').length > 0, undefined, { timeout: 10_000 });
    const first = (await page.evaluate(() => (performance.getEntriesByName('tokensim:chart-update')[0] as PerformanceMark).detail)) as { partial: boolean };
    expect(first.partial).toBe(false);
    await page.close();
  });

  it('gives byte-identical results to the engine in Node (the result hash `tokensim run` writes)', () => {
    site.ready();
    const tunguz = parseScenario(readFileSync('scenarios/tunguz-100k.json', 'utf8'));
    const custom = buildSlot(catalogue.get('tunguz-100k')!, { sigma: 1, engineers: 1000, years: 3 });
    const hint =
      'the browser and Node must give the same bits (MODEL.md §1): a Math function that is not correctly rounded ' +
      '(exp, log, pow, sin, cos) differs between V8 versions; the engine must use its own (sim/lib/dmath.ts)';
    expect({ default: defaultHash, custom: changedHash }, hint).toEqual({
      default: simulate(tunguz, 1).resultHash,
      custom: simulate(custom.params, 1).resultHash,
    });
  });

  it('shows in its provenance panel the SHA-256 hashes that `tokensim run` of its downloaded file writes', async () => {
    const page = await open(SMALL);
    await waitDone(page);
    const row = page.locator('[data-testid=provenance] .row[data-scenario="baseline-custom"]');
    const shown = {
      paramsHash: await row.getAttribute('data-params-hash'),
      runs: [{ seed: 1, resultHash: await pageHash(page, 'baseline-custom', 1) }, { seed: 2, resultHash: await pageHash(page, 'baseline-custom', 2) }],
    };
    const dir = mkdtempSync(join(tmpdir(), 'tokensim-cli-'));
    try {
      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download baseline-custom.json' }).click()]);
      await download.saveAs(join(dir, 'baseline-custom.json'));
      // The command the panel shows, run as written (from the folder holding the downloaded file).
      const command = (await row.locator('.cmd code').textContent())!;
      expect(command).toBe('npx tokensim run baseline-custom.json --seeds 1..2 --out out/baseline-custom');
      const args = command.split(' ').slice(2);
      execFileSync(process.execPath, [join(process.cwd(), 'sim/cli/bin.mjs'), ...args, '--workers', '1'], { stdio: 'ignore', cwd: dir });
      const m = JSON.parse(readFileSync(join(dir, 'out', 'baseline-custom', 'manifest.json'), 'utf8')) as { hashAlgorithm: string; paramsHash: string; runs: unknown[] };
      expect(m.hashAlgorithm).toBe('sha256');
      expect(m.paramsHash).toMatch(/^[0-9a-f]{64}$/);
      expect(shown).toEqual({ paramsHash: m.paramsHash, runs: m.runs });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
    expect(problems).toEqual([]);
  });
});
