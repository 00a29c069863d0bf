/**
 * The identification test (issue 17 item 3): pseudo-data from the full model at known values,
 * calibrated with other seeds, recover those values within their reported uncertainty — coverage
 * over five pseudo-data seeds. About 40 s on one core.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { IDENTIFICATION, runIdentification } from '../../../sim/research/calibration/identificationSetup.ts';

describe('identification test', () => {
  it('recovers on-the-job search and matching efficiency planted in pseudo-data', { timeout: 300_000 }, async () => {
    const r = await runIdentification(parseScenario(readFileSync('scenarios/baseline-static.json', 'utf8')));
    expect(r.replications).toHaveLength(5);
    const covered = r.replications.flatMap((x) => x.covered);
    // Nominal 95 % intervals: at least 8 of the 10 (parameter, replication) pairs cover the truth.
    expect(covered.filter(Boolean).length).toBeGreaterThanOrEqual(8);
    for (const x of r.replications) {
      expect(x.report.estimates.every((e) => e.identified)).toBe(true);
      // No estimate is far off: within 3 standard errors and within a quarter of its bounds of the truth.
      x.zScores.forEach((z) => expect(Math.abs(z)).toBeLessThan(3));
      x.report.estimates.forEach((e, i) => expect(Math.abs(e.estimate - IDENTIFICATION.truth[i])).toBeLessThan(0.25 * (e.upper - e.lower)));
    }
    // The intervals are informative: narrower than half the bounds on average.
    const width = (i: number) => r.replications.reduce((s, x) => s + (x.report.estimates[i].hi95 - x.report.estimates[i].lo95) / (x.report.estimates[i].upper - x.report.estimates[i].lower), 0) / 5;
    expect(width(0)).toBeLessThan(0.5);
    expect(width(1)).toBeLessThan(0.5);
  });
});
