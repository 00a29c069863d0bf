/** Calibration spec files: parsing, the errors a researcher sees, the schema beside them, and `tokensim validate`. */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCalibrationSpec, checkCalibrationAgainstBase, firstStart, CalibrationSpecError } from '../../../sim/research/calibration/calibrationSpec.ts';
import { writeCalibrationSchemaText } from '../../../sim/research/calibration/calibrationSchema.ts';
import { parseScenario } from '../../../sim/input/scenario.ts';
import { runCli } from '../../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-calspec-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const good = {
  name: 'two-by-three',
  description: 'Two parameters, three moments.',
  base: path.resolve('scenarios/baseline-static.json'),
  parameters: { 'labour.searchProbEmployed': [0.01, 0.3], 'labour.matchingEfficiency': { bounds: [0.1, 2], start: 0.6 } },
  moments: [
    { name: 'jfr', metric: 'job_finding_rate', window: [2, 5], target: 0.3, range: [0.2, 0.5], source: 'Shimer 2005' },
    { name: 'j2j', metric: 'job_to_job_share_of_hires', window: [2, 5], target: 0.45, se: 0.05, source: 'Fallick & Fleischman 2004' },
    { name: 'quits', metric: 'quit_rate_annual', group: 'bigtech', window: [5, 5], statistic: 'last', target: 0.1, weight: 400, source: 'surveys' },
  ],
  seeds: [1, 2, 3],
};
const text = (patch: Record<string, unknown>) => JSON.stringify({ ...good, ...patch });
const problem = (patch: Record<string, unknown>): string => {
  try {
    parseCalibrationSpec(text(patch), 'spec.json');
  } catch (e) {
    expect(e).toBeInstanceOf(CalibrationSpecError);
    return (e as Error).message;
  }
  throw new Error('expected the spec to be refused');
};

describe('calibration specs', () => {
  it('reads parameters, widths from se, range and weight, and the optimiser defaults', () => {
    const s = parseCalibrationSpec(text({}));
    expect(s.parameters).toEqual([
      { path: 'labour.searchProbEmployed', lower: 0.01, upper: 0.3 },
      { path: 'labour.matchingEfficiency', lower: 0.1, upper: 2, start: 0.6 },
    ]);
    expect(s.moments.map((m) => [m.width, m.widthFrom, m.group, m.statistic])).toEqual([
      [0.075, 'range', 'all', 'mean'],
      [0.05, 'se', 'all', 'mean'],
      [0.05, 'weight', 'bigtech', 'last'],
    ]);
    expect(s.optimizer).toEqual({ method: 'nelder-mead', screening: 20, starts: 3, maxEvaluations: 150, initialStep: 0.5, fTolerance: 1e-3, xTolerance: 1e-3 });
    expect(s.jacobian).toEqual({ step: 0.05 });
    const base = parseScenario(readFileSync('scenarios/baseline-static.json', 'utf8'));
    expect(firstStart(s, base)).toEqual([base.labour.searchProbEmployed, 0.6]);
  });

  it.each([
    [{ parameters: { 'labour.nope': [0, 1] } }, /parameters\.labour\.nope: /],
    [{ parameters: { 'labour.searchProbEmployed': [0.3, 0.01] } }, /parameters\.labour\.searchProbEmployed: the bounds must have lower < upper/],
    [{ parameters: { 'labour.searchProbEmployed': [0.01, 3] } }, /parameters\.labour\.searchProbEmployed\.1: /],
    [{ parameters: { 'labour.applicationsPerSearcher': [1, 5] } }, /whole-number parameter cannot be estimated/],
    [{ parameters: { 'labour.matchingEfficiency': { bounds: [0.1, 2], start: 3 } } }, /\.start: the start must lie strictly inside the bounds/],
    [{ moments: [{ ...good.moments[0], metric: 'jobs' }] }, /moments\.0\.metric: unknown metric "jobs"/],
    [{ moments: [{ ...good.moments[0], se: 0.1 }] }, /moments\.0: give exactly one of se, range or weight \(got se and range\)/],
    [{ moments: [{ ...good.moments[0], window: [5, 2] }] }, /moments\.0\.window: the first year must not be after the last/],
    [{ moments: [good.moments[0], good.moments[0], good.moments[1]] }, /moments\.1\.name: "jfr" names another moment too/],
    [{ moments: [good.moments[0]] }, /moments: 1 moment cannot pin 2 parameters/],
    [{ seeds: [1] }, /seeds: /],
    [{ seeds: [1, 2, 1] }, /seeds\.2: seed 1 is listed twice/],
    [{ optimizer: { screening: 1, starts: 4 } }, /optimizer\.starts: 4 starts need at least 3 screening points/],
    [{ jacobian: { step: 0.01 } }, /jacobian\.step: /],
    [{ extra: 1 }, /\(root\): /],
  ])('refuses %j with its path and reason', (patch, message) => {
    expect(problem(patch)).toMatch(/^spec\.json: /);
    expect(problem(patch)).toMatch(message);
  });

  it('checks groups, windows and bounds against the base scenario', () => {
    const base = parseScenario(readFileSync('scenarios/baseline-static.json', 'utf8'));
    const check = (patch: Record<string, unknown>, years = 5) => () => checkCalibrationAgainstBase(parseCalibrationSpec(text(patch)), base, years, 'spec.json');
    expect(check({})).not.toThrow();
    expect(check({ moments: [good.moments[0], good.moments[1], { ...good.moments[2], group: 'unicorns' }] })).toThrow(/moments\.2\.group: metric quit_rate_annual has no group "unicorns"/);
    expect(check({}, 4)).toThrow(/moments\.0\.window: year 5 is past the 4-year horizon/);
  });

  it('keeps scenarios/calibration/calibration.schema.json in step with the validator', () => {
    expect(readFileSync('scenarios/calibration/calibration.schema.json', 'utf8')).toBe(writeCalibrationSchemaText());
  });

  it('is accepted by tokensim validate, and a bad one is refused with its path and reason (exit 2)', async () => {
    expect(await runCli(['validate', 'scenarios/calibration/default.json', 'scenarios/calibration/labour-five.json', 'scenarios/calibration/labour-flows.json'])).toEqual({
      code: 0,
      stdout: 'ok scenarios/calibration/default.json\nok scenarios/calibration/labour-five.json\nok scenarios/calibration/labour-flows.json\n',
      stderr: '',
    });
    const bad = path.join(TMP, 'bad.json');
    writeFileSync(bad, text({ moments: [good.moments[0], good.moments[1], { ...good.moments[2], metric: 'nope' }] }));
    const r = await runCli(['validate', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tokensim: ${bad}: moments.2.metric: unknown metric "nope"\n`);
  });
});

describe('the README’s calibration example', () => {
  it('is the example spec file, and it is valid', () => {
    const readme = readFileSync('README.md', 'utf8');
    const block = readme.split('## Calibration by simulated moments')[1].split('```json\n')[1].split('```')[0];
    expect(block).toBe(readFileSync('scenarios/calibration/labour-flows.json', 'utf8'));
    const s = parseCalibrationSpec(block, 'README');
    expect(s.moments.map((m) => m.widthFrom)).toEqual(['range', 'se', 'weight']);
  });
});
