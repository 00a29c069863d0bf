/**
 * The identification test's setting, shared by its test and `npm run calibrate` (which reports
 * it in docs/calibration.md): on-the-job search and matching efficiency recovered from the
 * job-finding rate, the job-to-job share of hires and the quit rate of baseline-static, at a
 * small size (400 engineers, 3 years) so that five replications run in well under a minute.
 * Pseudo-data are one seed each (one economy, as real data are); the estimation averages eight
 * seeds (its own eight in each replication), so its simulation noise is an eighth of the data's
 * variance (the sandwich counts it).
 */
import type { Params } from '../../model/params.ts';
import { cloneParams } from '../../model/params.ts';
import { simulate } from '../../run/simulate.ts';
import { setFactor } from '../sensitivity/sensitivitySpec.ts';
import { parseCalibrationSpec, type CalibrationSpec } from './calibrationSpec.ts';
import { identificationTest, type IdentificationResult } from './identification.ts';
import { momentValues } from './moments.ts';

export const IDENTIFICATION = {
  engineers: 400,
  years: 3,
  truth: [0.08, 0.5],
  start: [0.15, 1],
  replications: 5,
  pseudoSeedsPerSet: 1,
  pseudoSeedBase: 1000,
  varianceSeeds: Array.from({ length: 12 }, (_, k) => 500 + k),
  /** Replication r estimates with seeds 1–8 + 100·r. */
  seedStride: 100,
} as const;

export function identificationSpec(): CalibrationSpec {
  const moment = (name: string, metric: string) => ({ name, metric, window: [2, IDENTIFICATION.years], target: 0, se: 1, source: 'pseudo-data at known values' });
  return parseCalibrationSpec(
    JSON.stringify({
      name: 'identification',
      description: 'Recover known values of on-the-job search and matching efficiency from pseudo-data.',
      base: '../baseline-static.json',
      parameters: { 'labour.searchProbEmployed': [0.01, 0.3], 'labour.matchingEfficiency': [0.1, 2] },
      moments: [moment('job-finding rate', 'job_finding_rate'), moment('job-to-job share of hires', 'job_to_job_share_of_hires'), moment('quit rate', 'quit_rate_annual')],
      seeds: [1, 2, 3, 4, 5, 6, 7, 8],
      optimizer: { screening: 12, starts: 2, maxEvaluations: 50 },
      jacobian: { step: 0.1 },
    }),
    'identification',
  );
}

/** Runs the identification test in this process on `baselineStatic` (the parsed scenario). */
export function runIdentification(baselineStatic: Params): Promise<IdentificationResult> {
  const spec = identificationSpec();
  const base = cloneParams(baselineStatic);
  base.run.engineers = IDENTIFICATION.engineers;
  base.run.years = IDENTIFICATION.years;
  return identificationTest(
    spec,
    async (theta, seed) => {
      const p = cloneParams(base);
      spec.parameters.forEach((q, i) => setFactor(p, q.path, theta[i]));
      return momentValues(simulate(p, seed), spec.moments);
    },
    {
      truth: [...IDENTIFICATION.truth],
      start: [...IDENTIFICATION.start],
      replications: IDENTIFICATION.replications,
      pseudoSeedsPerSet: IDENTIFICATION.pseudoSeedsPerSet,
      pseudoSeedBase: IDENTIFICATION.pseudoSeedBase,
      varianceSeeds: [...IDENTIFICATION.varianceSeeds],
      seedStride: IDENTIFICATION.seedStride,
      size: { engineers: IDENTIFICATION.engineers, years: IDENTIFICATION.years },
    },
  );
}
