/** design.csv and sensitivity.csv of `tokensim sensitivity --out`, from designs and outputs made by hand. */
import { describe, expect, it } from 'vitest';
import { stream } from '../../sim/lib/rng.ts';
import { morrisDesign, saltelliDesign, type Factor } from '../../sim/research/sensitivity/sensitivity.ts';
import { designColumns, designCsv } from '../../sim/cli/output/sensitivityOutput.ts';
import type { EvaluatedDesign } from '../../sim/cli/commands/sensitivityCommand.ts';

const factors: Factor[] = [
  { path: 'run.firms', min: 10, max: 20 },
  { path: 'production.sigma', min: 0.5, max: 3 },
];
const outputs = [{ metric: 'headcount' as const, group: 'all', year: 2 }];
const spec = { factors, outputs };

describe('design.csv', () => {
  it('names factor paths and outputs as columns', () => {
    expect(designColumns(spec)).toEqual(['point', 'replicate', 'seed', 'block', 'row', 'run.firms', 'production.sigma', 'headcount.all.year2']);
  });

  it('writes Sobol blocks A, B and AB<i> with sample rows, and integer factors as the runs had them (rounded)', () => {
    const d = saltelliDesign(factors, 2, stream(1, 't'));
    const e: EvaluatedDesign = { design: { kind: 'sobol', replicate: 1, seed: 7, d }, outputs: [d.points.map((_, k) => k * 10)] };
    const rows = designCsv(spec, [e]).trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(2 * (2 + 2));
    expect(rows.map((r) => r.split(',').slice(0, 5).join(','))).toEqual(['1,1,7,A,1', '2,1,7,A,2', '3,1,7,B,1', '4,1,7,B,2', '5,1,7,AB1,1', '6,1,7,AB1,2', '7,1,7,AB2,1', '8,1,7,AB2,2']);
    for (const [k, row] of rows.entries()) {
      const cells = row.split(',');
      expect(Number.isInteger(Number(cells[5]))).toBe(true);
      expect(Number(cells[6])).toBe(d.points[k][1]);
      expect(cells[7]).toBe(String(k * 10));
    }
  });

  it('numbers Morris points across replicates, with trajectory and step', () => {
    const designs = [1, 2].map((r) => morrisDesign(factors, 2, 4, stream(r, 't')));
    const evaluated: EvaluatedDesign[] = designs.map((d, r) => ({ design: { kind: 'morris', replicate: r + 1, seed: 3 + r, d }, outputs: [d.points.map(() => 1)] }));
    const rows = designCsv(spec, evaluated).trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(2 * 2 * 3);
    expect(rows.map((r) => r.split(',').slice(0, 5).join(',')).slice(0, 7)).toEqual(['1,1,3,1,0', '2,1,3,1,1', '3,1,3,1,2', '4,1,3,2,0', '5,1,3,2,1', '6,1,3,2,2', '7,2,4,1,0']);
  });
});
