/** The tokensim executable end to end: spawned from the repository root as a user would run it. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirFor } from '../sim/cli/writeFilesAtomically.ts';
import { METRIC_DEFS } from '../sim/metricDefs.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'sim', 'cli', 'bin.mjs');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-cli-e2e-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** A fresh path under the test's temp dir (not created). */
let counter = 0;
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real executable from the repository root. */
function tokensim(args: readonly string[]): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tokensim executable', () => {
  it('--help exits 0 and lists the run command', async () => {
    const r = await tokensim(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+run\s+/m);
  });

  it('--version prints the package.json version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await tokensim(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`tokensim ${pkg.version}\n`);
  });

  it('a bad flag exits 2 with one line naming the flag', async () => {
    const out = tmpPath('badflag');
    const r = await tokensim(['run', 'scenarios/baseline.json', '--out', out, '--enginers', '500']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tokensim: .*--enginers.*\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('a bad integer exits 2 and names the range', async () => {
    const r = await tokensim(['run', 'scenarios/baseline.json', '--out', tmpPath('badint'), '--years', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tokensim: --years must be an integer from 1 to 50 (got '0')\n");
  });

  it('a missing scenario file exits 2 and creates nothing', async () => {
    const out = tmpPath('missing');
    const r = await tokensim(['run', path.join(TMP, 'no-such.json'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tokensim: cannot read scenario file .*no-such\.json: no such file\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('an invalid scenario exits 2 naming file and field path, and creates nothing', async () => {
    const file = path.join(TMP, 'bad-scenario.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', description: 'unknown field', labour: { bogusField: 1 } }));
    const out = tmpPath('invalid');
    const r = await tokensim(['run', file, '--out', out, '--engineers', '500', '--years', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(r.stderr).toContain('bad-scenario.json');
    expect(r.stderr).toContain('labour.bogusField');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(tempDirFor(out))).toBe(false);
  });

  describe('a real run (needs the engine)', () => {
    const out = tmpPath('baseline');
    const args = (seed: number, dir = out): string[] => ['run', 'scenarios/baseline.json', '--seed', String(seed), '--out', dir, '--engineers', '500', '--years', '1'];
    const read = (dir: string, f: string): string => readFileSync(path.join(dir, f), 'utf8');

    it('writes series.csv and manifest.json and prints the headline table', async () => {
      const r = await tokensim(args(1));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^baseline · seed 1 · 500 engineers · 1 year · result [0-9a-f]+$/m);
      expect(r.stdout).toMatch(/^metric \(all engineers\)\s+year 1$/m);
      expect(r.stdout).toMatch(/^cash_base_median\s+\$[\d,]+$/m);
      expect(r.stdout).toContain(path.join(out, 'series.csv'));
      expect(readdirSync(out).sort()).toEqual(['manifest.json', 'series.csv']);
    });

    it('series.csv is tidy long format with months 1..12', () => {
      const lines = read(out, 'series.csv').trimEnd().split('\n');
      expect(lines[0]).toBe('scenario,seed,month,metric,group,value');
      const rows = lines.slice(1).map((l) => l.split(','));
      expect(rows[0].slice(0, 5)).toEqual(['baseline', '1', '1', METRIC_DEFS[0].name, 'all']);
      expect(Number.isFinite(Number(rows[0][5]))).toBe(true);
      for (const row of rows) expect(row).toHaveLength(6);
      const months = new Set(rows.map((row) => Number(row[2])));
      expect([...months].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, m) => m + 1));
      expect(new Set(rows.map((row) => row[3]))).toEqual(new Set(METRIC_DEFS.map((d) => d.name)));
    });

    it('manifest.json records the run and the metric units', () => {
      const m = JSON.parse(read(out, 'manifest.json')) as Record<string, unknown>;
      expect(m).toMatchObject({ scenario: 'baseline', source: 'scenarios/baseline.json', seed: 1, engineers: 500, years: 1, months: 12 });
      expect(m.command).toBe(['tokensim', ...args(1)].join(' '));
      expect((m.metrics as { name: string }[]).map((d) => d.name)).toEqual(METRIC_DEFS.map((d) => d.name));
    });

    it('the same seed gives byte-identical files', async () => {
      const csv = read(out, 'series.csv');
      const manifest = read(out, 'manifest.json');
      const r = await tokensim(args(1));
      expect(r.code).toBe(0);
      expect(read(out, 'series.csv') === csv).toBe(true);
      expect(read(out, 'manifest.json') === manifest).toBe(true);
    });

    it('a different seed gives a different series.csv', async () => {
      const other = tmpPath('baseline-seed2');
      const r = await tokensim(args(2, other));
      expect(r.code).toBe(0);
      const a = read(out, 'series.csv').replace(/^baseline,1,/gm, '');
      const b = read(other, 'series.csv').replace(/^baseline,2,/gm, '');
      expect(b).not.toBe(a);
    });
  });
});
