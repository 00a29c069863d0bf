/**
 * The calibrated estimates on the page's slider tracks, in real headless Chromium (as
 * browser.test.ts): the site is built with test/fixtures/calibration.json in place of
 * docs/calibration.json (a build plugin points the bundling glob at the fixture), so the marks
 * are checked without a calibration run. Fails — never skips — when chromium is missing.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { NNBSP } from '../../web/lib/format.ts';
import { ARTIFACTS, builtSite } from '../support/builtSite.ts';

const SMALL = '?s=baseline-static~engineers:1000~years:2&focus=0&seeds=1&seed=1';
const fixture = JSON.parse(readFileSync('test/fixtures/calibration.json', 'utf8')) as { estimates: { path: string }[] };

/** Bundles the fixture where the page looks for docs/calibration.json. */
const fixtureCalibration: Plugin = {
  name: 'fixture-calibration',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith('/web/lib/bundledCalibration.ts')) return undefined;
    const out = code.replaceAll('../../docs/calibration.json', '../../test/fixtures/calibration.json');
    if (out === code) throw new Error('bundledCalibration.ts no longer names ../../docs/calibration.json');
    return out;
  },
};

const site = builtSite('calibration', '/cal/', [fixtureCalibration]);
const { problems, open } = site;

describe('calibrated estimates on the slider tracks', () => {
  it('marks each calibrated lever with its estimate and interval, says so in words, and says when one is not identified', async () => {
    const page = await open(SMALL, 1280, 800);
    expect(await page.getByRole('heading', { name: 'Labour market (calibrated)' }).count()).toBe(1);
    expect(await page.getByTestId('calibration-note').textContent()).toMatch(/estimated by simulated moments on baseline-static/);
    expect(await page.getByTestId('calibration-marks').count()).toBe(fixture.estimates.length);
    const search = page.locator('[data-lever=search]');
    const caption = `calibrated 0.081 (95${NNBSP}% interval 0.070–0.093)`;
    expect((await search.getByTestId('lever-calibration').textContent())!.trim()).toBe(caption);
    // Screen readers hear the caption with the slider: it is part of the slider's description.
    const description = await page.evaluate(() => {
      const ids = document.getElementById('lever-search')!.getAttribute('aria-describedby')!.split(' ');
      return ids.map((id) => document.getElementById(id)!.textContent).join(' ');
    });
    expect(description.replace(/[ \n\t]+/g, ' ')).toContain(caption);
    // The tick lies inside the band.
    const band = (await search.locator('.band').boundingBox())!;
    const tick = (await search.locator('.tick').boundingBox())!;
    expect(tick.x + tick.width / 2).toBeGreaterThan(band.x);
    expect(tick.x + tick.width / 2).toBeLessThan(band.x + band.width);
    const offerCut = page.locator('[data-lever=offerCut]');
    expect(await offerCut.locator('.band.unidentified').count()).toBe(1);
    expect(await offerCut.getByTestId('lever-calibration').textContent()).toMatch(/not identified: the data do not pin it down/);
    // Marks do not take clicks: the slider under them still moves, and the URL keeps the lever.
    await page.locator('#lever-search').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(/baseline-static~engineers:1000~years:2~search:0\.085&/);
    await page.locator('[data-lever=search]').screenshot({ path: `${ARTIFACTS}/calibrated-lever.png` });
    await page.close();
    expect(problems).toEqual([]);
  });

  it("passes axe-core's automated accessibility check with the marks drawn", async () => {
    const page = await open(SMALL, 390, 844);
    await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
    const violations = await page.evaluate(async () => {
      type Rule = { id: string; impact: string; nodes: { target: string[] }[] };
      const axe = (window as unknown as { axe: { run: (ctx: Element) => Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
      const result = await axe.run(document.querySelector('section.levers')!);
      return { passed: result.passes.length, list: result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })) };
    });
    expect(violations.passed).toBeGreaterThan(5);
    expect(violations.list.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.close();
    expect(problems).toEqual([]);
  });
});
