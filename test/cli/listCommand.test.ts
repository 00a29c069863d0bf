import { describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/main.ts';
import type { CliIO } from '../../sim/cli/commands/command.ts';
import { METRIC_DEFS } from '../../sim/run/metricDefs.ts';
import { PARAM_SPECS } from '../../sim/model/paramSpecs.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), stderrIsTTY: false };
  const code = await main(args, io, { name: 'tokensim', version: '0.0.0-test' });
  return { code, out: out.join(''), err: err.join('') };
}

describe('tokensim list', () => {
  it('metrics: one line per metric with its unit and groups, in output order', async () => {
    const r = await cli(['list', 'metrics']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^metric\s+unit\s+groups$/);
    expect(lines.slice(1).map((l) => l.split(' ')[0])).toEqual(METRIC_DEFS.map((d) => d.name));
    expect(lines.find((l) => l.startsWith('cash_base_median '))).toMatch(/\$ per year\s+all, firm types, levels$/);
  });

  it('params: one line per parameter with unit, default and range', async () => {
    const r = await cli(['list', 'params']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.length).toBe(Object.keys(PARAM_SPECS).length + 1);
    expect(lines.find((l) => l.startsWith('production.sigma '))).toMatch(/0\.8\s+0\.05 – 20$/);
  });

  it('scenarios: each bundled scenario file with the first sentence of its question', async () => {
    const r = await cli(['list', 'scenarios']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\nscenarios\/baseline\.json\s+What do wages, headcount and mobility look like when AI tokens are not pay at all\?\n/);
    expect(r.out).not.toContain('schema');
  });

  it('rejects a missing, unknown or extra topic in one line, exit 2, suggesting the closest', async () => {
    const missing = await cli(['list']);
    expect([missing.code, missing.err]).toEqual([2, 'tokensim: list: say what to list (metrics, params, scenarios)\n']);
    const typo = await cli(['list', 'metric']);
    expect(typo.code).toBe(2);
    expect(typo.err).toBe("tokensim: list: unknown topic 'metric'; did you mean 'metrics'? (topics: metrics, params, scenarios)\n");
    expect(typo.out).toBe('');
    expect((await cli(['list', 'params', 'x'])).err).toBe("tokensim: list: unexpected argument 'x'\n");
  });

  it('is in the command list of tokensim --help', async () => {
    expect((await cli(['--help'])).out).toMatch(/\n {2}list {2,}List the metrics/);
  });
});
