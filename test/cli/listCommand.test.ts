import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { METRIC_DEFS } from '../../sim/run/metricDefs.ts';
import { PARAM_SPECS } from '../../sim/model/paramSpecs.ts';

const cli = (args: string[]) => runCli(args, { name: 'tokensim', version: '0.0.0-test' });

describe('tokensim list', () => {
  it('metrics: one line per metric with its unit and groups, in output order', async () => {
    const r = await cli(['list', 'metrics']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^metric\s+unit\s+groups$/);
    expect(lines.slice(1).map((l) => l.split(' ')[0])).toEqual(METRIC_DEFS.map((d) => d.name));
    expect(lines.find((l) => l.startsWith('cash_base_median '))).toMatch(/\$ per year\s+all, firm types, levels$/);
  });

  it('params: one line per parameter with unit, default and range', async () => {
    const r = await cli(['list', 'params']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(Object.keys(PARAM_SPECS).length + 1);
    expect(lines.find((l) => l.startsWith('production.sigma '))).toMatch(/0\.8\s+0\.05 – 20$/);
  });

  it('scenarios: each bundled scenario file with the first sentence of its question', async () => {
    const r = await cli(['list', 'scenarios']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nscenarios\/baseline\.json\s+What do wages, headcount and mobility look like when AI tokens are not pay at all\?\n/);
    expect(r.stdout).not.toContain('schema');
  });

  it('rejects a missing, unknown or extra topic in one line, exit 2, suggesting the closest', async () => {
    const missing = await cli(['list']);
    expect([missing.code, missing.stderr]).toEqual([2, 'tokensim: list: say what to list (metrics, params, scenarios)\n']);
    const typo = await cli(['list', 'metric']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("tokensim: list: unknown topic 'metric'; did you mean 'metrics'? (topics: metrics, params, scenarios)\n");
    expect(typo.stdout).toBe('');
    expect((await cli(['list', 'params', 'x'])).stderr).toBe("tokensim: list: unexpected argument 'x'\n");
  });

  it('is in the command list of tokensim --help', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/\n {2}list {2,}List the metrics/);
  });
});
