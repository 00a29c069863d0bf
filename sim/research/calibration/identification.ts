/**
 * The identification test (ECONOMICS.md §6): can the calibration recover parameters it is
 * known to have? Pseudo-data are the model's own moments at known values θ0, averaged over
 * pseudo-data seeds the estimation never uses; the widths are the sampling error of such an
 * average, Ω = diag(Σ_sim)/S_pseudo with Σ_sim the across-seed covariance at θ0, taken over
 * its own seeds (`varianceSeeds`, many: a variance from three seeds is itself very noisy). Each replication calibrates from the same start, away from θ0, and asks
 * whether θ0 lies in each parameter's 95 % interval; coverage is the share that do.
 */
import type { CalibrationSpec } from './calibrationSpec.ts';
import { covarianceOverSeeds, meanOverSeeds } from './moments.ts';
import { calibrate, perSeedMoments, type CalibrationReport, type Evaluate } from './smm.ts';

export interface IdentificationReplication {
  pseudoSeeds: number[];
  report: CalibrationReport;
  /** Per parameter: θ0 within the 95 % interval. */
  covered: boolean[];
  /** Per parameter: (estimate − θ0) ÷ s.e. */
  zScores: number[];
}

export interface IdentificationResult {
  truth: number[];
  widths: number[];
  replications: IdentificationReplication[];
  /** Per parameter: the share of replications whose interval covers θ0. */
  coverage: number[];
}

/**
 * Runs `replications` pseudo-data sets: set r uses seeds pseudoSeedBase + r·S_p + 1 … + S_p.
 * `spec` supplies the parameters, the moments (their targets and widths are replaced), the
 * estimation seeds and the optimiser.
 */
export async function identificationTest(
  spec: CalibrationSpec,
  evaluate: Evaluate,
  options: { truth: number[]; start: number[]; replications: number; pseudoSeedsPerSet: number; pseudoSeedBase: number; varianceSeeds: number[]; seedStride: number; size: { engineers: number; years: number } },
): Promise<IdentificationResult> {
  const { truth, start, replications, pseudoSeedsPerSet: Sp } = options;
  const sigma = covarianceOverSeeds(await perSeedMoments(evaluate, truth, options.varianceSeeds));
  const widths = sigma.map((row, j) => Math.sqrt(row[j] / Sp));
  const out: IdentificationReplication[] = [];
  for (let r = 0; r < replications; r++) {
    const pseudoSeeds = Array.from({ length: Sp }, (_, k) => options.pseudoSeedBase + r * Sp + k + 1);
    const targets = meanOverSeeds(await perSeedMoments(evaluate, truth, pseudoSeeds));
    const pseudo: CalibrationSpec = { ...spec, seeds: spec.seeds.map((seed) => seed + r * options.seedStride), moments: spec.moments.map((m, j) => ({ ...m, target: targets[j], width: widths[j], widthFrom: 'se' })) };
    const report = await calibrate(pseudo, start, evaluate, options.size);
    out.push({
      pseudoSeeds,
      report,
      covered: report.estimates.map((e, i) => e.identified && e.lo95 <= truth[i] && truth[i] <= e.hi95),
      zScores: report.estimates.map((e, i) => (e.estimate - truth[i]) / e.se),
    });
  }
  const coverage = truth.map((_, i) => out.filter((x) => x.covered[i]).length / out.length);
  return { truth, widths, replications: out, coverage };
}
