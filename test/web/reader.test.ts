/**
 * The page as a new reader meets it, in real headless Chromium against the built site (as
 * browser.test.ts): the answer first on a laptop and a phone, charts that read at a glance,
 * touch, keyboard and screen readers (with axe-core's automated check). Fails — never skips — when
 * chromium is missing. Screenshots go to test/artifacts/ (git-ignored).
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, builtSite } from '../support/builtSite.ts';

/** The default comparison at a small size, so a view settles in a second or two. */
const SMALL = '?s=baseline~engineers:1000~years:3,tunguz-100k~engineers:1000~years:3&focus=1&seeds=2&seed=1';

const site = builtSite('reader', '/reader/');
const { problems, open } = site;

/** Whether the element lies wholly inside the first screen. */
async function onFirstScreen(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const view = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
}

describe('the page for a new reader', () => {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    it(`shows the question, the answer, its chart and the sliders that move it on the first screen at ${width}×${height}`, async () => {
      const page = await open(SMALL, width, height);
      const headline = page.getByTestId('headline');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('What happens when engineers are paid in AI tokens?');
      await expect(headline.getByTestId('answer').textContent()).resolves.toMatch(/^With \$100k of tokens on a \$375k base \(engineers 1,000, years 3\), by year 3 engineers are told they earn \$\d/);
      for (const el of [
        page.getByRole('heading', { level: 1 }),
        headline.getByTestId('answer'),
        headline.locator('svg[data-plot]'),
        page.locator('#lever-share'),
        page.locator('#lever-raiseTokens'),
      ]) {
        expect(await onFirstScreen(page, el), await el.evaluate((e) => e.outerHTML.slice(0, 80))).toBe(true);
      }
      // Four lines (cash and total for two scenarios), each labelled at its end.
      expect(await headline.locator('path.mean-line').count()).toBe(4);
      expect(await headline.locator('.end-label').count()).toBe(4);
      await page.screenshot({ path: `${ARTIFACTS}/reader-${width}x${height}.png` });
      // Moving a headline slider re-runs the edited scenario and the answer follows.
      const before = await headline.getByTestId('answer').textContent();
      await page.locator('#lever-share').focus();
      await page.keyboard.press('End');
      await page.waitForURL(/tunguz-100k~share:5~/);
      await page.waitForSelector('[data-testid=app][data-status=done]', { timeout: 60_000 });
      expect(await headline.getByTestId('answer').textContent()).not.toBe(before);
      await page.close();
      expect(problems).toEqual([]);
    });
  }

  it('splits crowded panels into small multiples on one axis, labels few lines at their ends, and reads out below the plot', async () => {
    const three = '?s=baseline~engineers:1000~years:3,tunguz-100k~engineers:1000~years:3,cash-freeze~engineers:1000~years:3&focus=1&seeds=2&seed=1';
    const page = await open(three, 1280, 800);
    const pay = page.locator('#chart-wages [data-panel="pay"]');
    expect(await pay.locator('svg[data-plot]').count()).toBe(3);
    // One y axis for the three: the same tick labels in each.
    const ticks = await pay.locator('svg[data-plot]').evaluateAll((svgs) => svgs.map((el) => [...el.querySelectorAll('.tick text')].map((t) => t.textContent).join(' ')));
    expect(new Set(ticks).size).toBe(1);
    expect(await pay.locator('.key').count()).toBe(1);
    const share = page.locator('#chart-wages [data-panel="token-share"]');
    expect(await share.locator('.end-label').count()).toBe(3);
    expect(await share.locator('.key').count()).toBe(0);
    // The read-out sits below the plot, never over it, with a space before each interval.
    const plot = share.locator('svg[data-plot]');
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    const tip = share.locator('.tip');
    expect((await tip.boundingBox())!.y).toBeGreaterThanOrEqual(box.y + box.height - 1);
    expect(await tip.textContent()).toMatch(/\d\s?%? \(/);
    // Only the panel pointed at reads out; the others mark the month.
    expect(await page.locator('#chart-wages .tip').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/reader-three.png` });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('keeps a read-out after a tap, and leaves it when a mouse leaves', async () => {
    const page = await open(SMALL, 390, 844);
    const plot = page.getByTestId('headline').locator('svg[data-plot]');
    const layer = plot.locator('rect[role=presentation]');
    const box = (await layer.boundingBox())!;
    const at = { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true };
    await layer.dispatchEvent('pointerdown', { ...at, pointerType: 'touch' });
    await layer.dispatchEvent('pointerleave', { ...at, pointerType: 'touch' });
    const tip = page.getByTestId('headline').locator('.tip');
    expect(await tip.textContent()).toMatch(/^month \d+/);
    await layer.dispatchEvent('pointerleave', { ...at, pointerType: 'mouse' });
    expect(await tip.count()).toBe(0);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('gives controls unique names, follows the visual order with the keyboard, offers skip links and a table behind each chart', async () => {
    const page = await open(SMALL, 1280, 800);
    // Skip links come first and lead past the headline.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the settings');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('charts');
    // Focus order: the headline (chart, then its sliders), then the settings, then the charts.
    const order = await page.evaluate(() => {
      const want = ['[data-testid=headline] svg[data-plot]', '#lever-share', '#scenario-0', '#lever-sigma', '#chart-wages svg[data-plot]'];
      const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, [tabindex="0"], summary')];
      return want.map((sel) => all.indexOf(document.querySelector<HTMLElement>(sel)!));
    });
    expect(order.every((v, k) => v >= 0 && (k === 0 || v > order[k - 1])), String(order)).toBe(true);
    const names = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, [role=slider]')].map((el) => {
        const label = el.getAttribute('aria-label') ?? (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ?? el.closest('label')?.textContent ?? el.textContent;
        return (label ?? '').replace(/\s+/g, ' ').trim();
      }),
    );
    expect(names.length).toBeGreaterThan(25);
    const repeated = names.filter((n, k) => names.indexOf(n) !== k);
    expect(repeated).toEqual([]);
    // Each chart's numbers, as a table.
    expect(await page.getByTestId('headline').getByTestId('chart-table').count()).toBe(1);
    const tables = page.locator('#chart-handcuffs [data-testid=chart-table]');
    await tables.locator('summary').click();
    // The tables are built when the fold opens (its toggle event comes a task later).
    await tables.locator('table').nth(2).waitFor();
    expect(await tables.locator('table').count()).toBe(3);
    expect(await tables.locator('table').first().locator('tbody tr').count()).toBe(3);
    await page.close();
    expect(problems).toEqual([]);
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    it(`passes axe-core's automated accessibility check with no serious or critical violation at ${width}×${height}`, async () => {
      const page = await open(SMALL, width, height);
      await page.locator('#chart-wealth [data-testid=chart-table] summary').click();
      await page.locator('#chart-wealth [data-testid=chart-table] table').first().waitFor();
      await page.locator('#glossary summary').click();
      await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
      const violations = await page.evaluate(async () => {
        type Rule = { id: string; impact: string; nodes: { target: string[] }[] };
        const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
        const result = await axe.run(document);
        return { passed: result.passes.length, list: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })) };
      });
      expect(violations.passed).toBeGreaterThan(10);
      expect(violations.list.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await page.close();
      expect(problems).toEqual([]);
    });
  }

  it('copies one command that re-runs the whole view, and the link to share it', async () => {
    await site.chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
    const page = await open(SMALL, 1280, 800);
    const view = page.getByTestId('view-command');
    const command = 'npx tokensim run baseline-custom.json tunguz-100k-custom.json --seeds 1..2 --out out/view';
    expect(await view.locator('code').textContent()).toBe(command);
    expect(await view.textContent()).toContain('First download baseline-custom.json and tunguz-100k-custom.json');
    await view.getByRole('button', { name: 'Copy the command that re-runs this view' }).click();
    // The clipboard answers asynchronously: wait for the button to say so.
    await expect.poll(() => view.getByRole('status').textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
    await page.getByRole('button', { name: 'Share this view: copy its link' }).click();
    await page.waitForFunction(async (url) => (await navigator.clipboard.readText()) === url, page.url());
    await page.close();
    expect(problems).toEqual([]);
  });

  it('says plainly that the drivers are for the file as written once sliders moved, with directions, as CSV', async () => {
    const page = await open(SMALL, 1280, 800);
    const drivers = page.getByTestId('drivers');
    expect(await drivers.getByTestId('drivers-scope').textContent()).toMatch(/^\s*For the scenario file as written, not for your slider settings/);
    expect(await drivers.locator('.effect').count()).toBeGreaterThan(3);
    const [csv] = await Promise.all([page.waitForEvent('download'), drivers.getByRole('button', { name: 'Download these drivers as CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('tokensim-drivers-tunguz-100k.csv');
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^scenario,parameter,label,score,outcome,direction,strength\ntunguz-100k,/);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('walks the guided path: each step sets the view and says at its chart what to notice, then opens the sandbox', async () => {
    const page = await open(SMALL, 1280, 800);
    const tour = page.getByTestId('tour');
    await tour.getByRole('button', { name: '2. Can compute replace engineers?' }).click();
    await page.waitForURL(/\?s=complements,substitutes&focus=1&seeds=3&seed=1$/);
    const note = page.locator('#chart-substitution [data-testid=tour-note]');
    expect(await note.textContent()).toMatch(/step 2 of 4: Can compute replace engineers\?/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tour-note');
    expect(await tour.getByRole('button', { name: '2. Can compute replace engineers?' }).getAttribute('aria-current')).toBe('step');
    await note.getByRole('button', { name: 'Next: Golden handcuffs' }).click();
    await page.waitForURL(/\?s=baseline,tunguz-100k,portable-credits&focus=2&/);
    expect(await page.locator('#chart-handcuffs [data-testid=tour-note]').count()).toBe(1);
    expect(await note.count()).toBe(0);
    await page.locator('#chart-handcuffs').getByRole('button', { name: 'End the tour' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('settings');
    expect(await page.locator('[data-testid=tour-note]').count()).toBe(0);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows the engineers month by month — play, step, and the month a chart points at — and the σ × autonomy map marking the reader’s settings', async () => {
    const page = await open(SMALL, 1280, 800);
    const engineers = page.getByTestId('engineers');
    const month = async () => Number(await engineers.getAttribute('data-month'));
    const canvas = engineers.locator('canvas');
    await canvas.waitFor();
    expect(await engineers.getByTestId('engineers-sentence').textContent()).toMatch(/^Month 1: \d+ of 300 employed at \d+ firms/);
    // Marks are drawn: a good part of the canvas is inked.
    const inked = () =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
      });
    expect(await inked()).toBeGreaterThan(2000);
    // Play advances the month; pause stops it; step moves one month.
    await engineers.getByRole('button', { name: 'Play the engineers month by month' }).click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=engineers]')!.getAttribute('data-month')) >= 3);
    await engineers.getByRole('button', { name: 'Pause the engineers' }).click();
    const paused = await month();
    await engineers.getByRole('button', { name: 'Engineers: on one month' }).click();
    expect(await month()).toBe(paused + 1);
    expect(await engineers.getByTestId('engineers-sentence').textContent()).toMatch(new RegExp(`^Month ${paused + 2}: `));
    // Pointing at a month in a chart moves the engineers there.
    const plot = page.locator('#chart-wages svg[data-plot]').first();
    await plot.scrollIntoViewIfNeeded();
    const box = (await plot.locator('rect[role=presentation]').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    const pointed = Number(await plot.getAttribute('aria-valuenow')) - 1;
    expect(pointed).toBeGreaterThan(paused + 5);
    expect(await month()).toBe(pointed);

    // The map: 6 σ × 5 autonomy cells, the edited scenario marked, moving with the σ slider.
    const map = page.getByTestId('headcount-map');
    expect(await map.locator('rect[data-cell]').count()).toBe(30);
    const marker = map.getByTestId('map-marker');
    const x0 = Number(await marker.getAttribute('data-x'));
    await page.locator('#lever-sigma').focus();
    await page.keyboard.press('End');
    await page.waitForURL(/tunguz-100k~[^,&]*sigma:20/);
    await page.waitForFunction((x) => Number(document.querySelector('[data-testid=map-marker]')!.getAttribute('data-x')) !== x, x0);
    expect(Number(await marker.getAttribute('data-x'))).toBe(5);
    expect(await map.getByTestId('map-you').textContent()).toMatch(/σ 20, .*beyond the map’s edge/);
    // Pay instead of headcount, and the table behind the map.
    await map.getByLabel('Pay (cash wage)').check();
    expect(await map.locator('svg[data-measure]').getAttribute('data-measure')).toBe('cash');
    await map.locator('[data-testid=map-table] summary').click();
    // The table is built once the details open (a re-render after the toggle): wait for its rows.
    await map.locator('table tbody tr').nth(4).waitFor();
    expect(await map.locator('table tbody tr').count()).toBe(5);
    await map.screenshot({ path: `${ARTIFACTS}/reader-map.png` });
    await engineers.screenshot({ path: `${ARTIFACTS}/reader-engineers.png` });
    await page.close();
    expect(problems).toEqual([]);
  });
});
