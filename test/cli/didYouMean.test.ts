import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../sim/cli/args/didYouMean.ts';
import { likelyFile } from '../../sim/cli/args/loadScenario.ts';
import { parseArgs } from '../../sim/cli/args/parseArgs.ts';
import { runCli } from '../support/cli.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-dym-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(args, { name: 'tokensim', version: '0.0.0-test' });

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    expect(editDistance('sed', 'seed')).toBe(1);
    expect(editDistance('rnu', 'run')).toBe(1);
    expect(editDistance('sweep', 'sleep')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
  });

  it('suggests only a name within a typo’s reach, the closest first', () => {
    expect(closest('sed', ['seeds', 'seed', 'out'])).toBe('seed');
    expect(closest('xyz', ['run', 'sweep'])).toBeUndefined();
    expect(closest('metric', ['metrics', 'params'])).toBe('metrics');
    expect(didYouMean('compre', ['compare'])).toBe("; did you mean 'compare'?");
    expect(didYouMean('zzz', ['compare'])).toBe('');
  });

  it('names the closest flag of the command for a misspelt one', () => {
    const specs = [{ name: 'seed', kind: 'integer' as const, description: '' }, { name: 'out', kind: 'string' as const, description: '' }];
    expect(() => parseArgs(['--sed', '3'], specs, 'run')).toThrow("unknown option --sed for 'run'; did you mean --seed? (see tokensim run --help)");
    expect(() => parseArgs(['--zzzzzz'], specs, 'run')).toThrow("unknown option --zzzzzz for 'run' (see tokensim run --help)");
  });

  it('in the CLI: a misspelt command or flag is one line on stderr, exit 2, with the suggestion', async () => {
    const cmd = await cli(['rnu', 'scenarios/baseline.json']);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toMatch(/^tokensim: unknown command 'rnu'; did you mean 'run'\? \(commands: run, .*\)\n$/);
    const flag = await cli(['run', 'scenarios/baseline.json', '--sed', '3', '--out', path.join(TMP, 'x')]);
    expect([flag.code, flag.stderr]).toEqual([2, "tokensim: unknown option --sed for 'run'; did you mean --seed? (see tokensim run --help)\n"]);
  });

  it('`run baseline` points at scenarios/baseline.json, and writes nothing', async () => {
    const out = path.join(TMP, 'none');
    const r = await cli(['run', 'baseline', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tokensim: cannot read scenario file baseline: no such file; did you mean \S*scenarios\/baseline\.json\?\n$/);
    expect(likelyFile('scenarios/tunguz-100k')).toBe(path.join('scenarios', 'tunguz-100k.json'));
    expect(likelyFile(path.join(TMP, 'nothing-here'))).toBeUndefined();
  });

  it('check --help shows every option in its usage line', async () => {
    const usage = (await cli(['check', '--help'])).stdout.split('\n').find((l) => l.startsWith('Usage:'))!;
    for (const flag of ['--update', '--hashes', '--scenarios <dir>', '--golden <dir>', '--max-rows <n>']) expect(usage).toContain(flag);
  });
});
