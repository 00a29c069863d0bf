/**
 * `tokensim sweep` and `tokensim merge` end to end on tiny sweeps (300 engineers, 1 year) with
 * the real worker pool: worker counts and shards change nothing in the files, merge refuses
 * mixed or incomplete inputs, --resume keeps finished runs, and the batch schedulers'
 * environment variables pick the shard.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatSweepProgress } from '../../sim/cli/output/sweepProgress.ts';
import { COMBINED_FILES } from '../../sim/cli/output/sweepOutputs.ts';
import { BIN, cli, expectSameFiles, planOf, ROOT, runFiles, sweep, SWEEP, tmpPath, tokensim, writeSweep } from './sweepHarness.ts';

const REFERENCE = tmpPath('reference');

describe('tokensim sweep', () => {
  it('runs every run with one worker and writes runs/, shards/ and the combined files', async () => {
    const r = await sweep([SWEEP, '--out', REFERENCE, '--workers', '1'], { workerThreads: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sweep tiny · 6 points × 2 replicates = 12 runs · 1 year$/m);
    expect(r.stdout).toMatch(/^ran 12 on 1 worker in /m);
    expect(runFiles(REFERENCE)).toHaveLength(12);
    expect(readdirSync(path.join(REFERENCE, 'shards'))).toEqual(['shard-1-of-1.json']);
    const shardManifest = JSON.parse(readFileSync(path.join(REFERENCE, 'shards', 'shard-1-of-1.json'), 'utf8')) as Record<string, unknown>;
    expect(shardManifest).toMatchObject({ sweep: 'tiny', shard: { index: 1, count: 1, from: 'default' }, runs: 12, totalRuns: 12 });
    expect(shardManifest.runtime).toMatch(/^Node v\d+\.\d+\.\d+ \(V8 /);
    expect(shardManifest.command).toBe(`tokensim sweep ${SWEEP} --out ${REFERENCE} --workers 1`);
    const plan = planOf(SWEEP);
    expect(runFiles(REFERENCE)).toEqual(plan.runs.map((x) => `${x.runId}.json`).sort());
  });

  it('writes tidy files with the documented columns', () => {
    const plan = planOf(SWEEP);
    const lines = (f: string): string[] => readFileSync(path.join(REFERENCE, f), 'utf8').trimEnd().split('\n');
    expect(lines('points.csv')).toEqual([
      'point,firmTypes.*.policy.tokenBudgetShareOfBase,production.sigma',
      ...plan.points.map((p) => `${p.id},${p.assignments['firmTypes.*.policy.tokenBudgetShareOfBase']},${p.assignments['production.sigma']}`),
    ]);
    expect(lines('runs.csv')[0]).toBe('run,point,replicate,seed,params_hash,result_hash');
    expect(lines('runs.csv').slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(plan.runs.map((r) => `${r.runId},${r.pointId},${r.replicate},${r.seed}`));
    const series = lines('series.csv');
    expect(series[0]).toBe('point,firmTypes.*.policy.tokenBudgetShareOfBase,production.sigma,replicate,scenario,seed,month,metric,group,value');
    const first = plan.runs[0];
    const values = `${plan.points[0].assignments['firmTypes.*.policy.tokenBudgetShareOfBase']},${plan.points[0].assignments['production.sigma']}`;
    expect(series[1]).toMatch(new RegExp(`^${first.pointId},${values},1,tunguz-100k,${first.seed},1,cash_base_median,all,[0-9.e+-]+$`));
    // kept series per run: cash_base_median, headcount, quit_rate_annual × {all, startup};
    // mover_output_drop (by level) and token_price_retail (market-wide) × {all} = 8, × 12 months
    expect(series).toHaveLength(1 + 12 * 8 * 12);
    const summary = lines('summary.csv');
    expect(summary[0]).toBe('point,firmTypes.*.policy.tokenBudgetShareOfBase,production.sigma,metric,group,month,mean,lo95,hi95,n');
    expect(summary[1].startsWith(`${plan.points[0].id},${values},cash_base_median,all,1,`)).toBe(true);
    expect(summary).toHaveLength(1 + 6 * 8 * 12);
    expect(summary.slice(1).every((l) => l.endsWith(',2'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(REFERENCE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ sweep: 'tiny', hashAlgorithm: 'sha256', points: 6, runs: 12, replicates: 2, seed: 1, engineers: 300, years: 1, months: 12, groups: ['all', 'startup'] });
    expect((manifest.files as Record<string, { rows: number }>)['series.csv'].rows).toBe(series.length - 1);
    expect(manifest).not.toHaveProperty('command');
  });

  it('gives byte-identical files with 2 workers as with 1', async () => {
    const out = tmpPath('two-workers');
    const r = await sweep([SWEEP, '--out', out, '--workers', '2', '--exact-workers'], { workerThreads: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ran 12 on 2 workers in /m);
    expectSameFiles(REFERENCE, out);
  });

  it('--workers is a ceiling: short runs that do not repay a second worker get one, and stderr says so', async () => {
    const out = tmpPath('ceiling');
    const r = await sweep([SWEEP, '--out', out, '--workers', '2'], { workerThreads: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^tokensim: starting 1 of the 2 workers asked for: 12 runs of under 0\.1 s of one core's work in all repay no more \(each worker first spends ≈ 0\.7 s compiling the engine\); --exact-workers starts all 2\n$/);
    expect(r.stdout).toMatch(/^ran 12 on 1 worker in /m);
    expectSameFiles(REFERENCE, out);
  });

  it('shards 1..4 in separate directories, merged, equal the unsharded sweep byte for byte', async () => {
    const dirs: string[] = [];
    for (let k = 1; k <= 4; k++) {
      const dir = tmpPath(`shard-${k}`);
      const r = await sweep([SWEEP, '--out', dir, '--shard', `${k}/4`]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^shard ${k}/4: 3 of the runs; ran 3 on `, 'm'));
      expect(r.stdout).toContain('9 of 12 runs of the sweep are not in');
      expect(existsSync(path.join(dir, 'series.csv'))).toBe(false);
      expect(runFiles(dir)).toHaveLength(3);
      dirs.push(dir);
    }
    const merged = tmpPath('merged');
    const m = await cli(['merge', ...dirs, '--out', merged]);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    expectSameFiles(REFERENCE, merged);
    expect(readdirSync(path.join(merged, 'shards'))).toEqual(['shard-1-of-4.json', 'shard-2-of-4.json', 'shard-3-of-4.json', 'shard-4-of-4.json']);
  });

  it('shards writing into one shared directory combine there by themselves', async () => {
    const shared = tmpPath('shared');
    for (const k of [3, 1, 4, 2]) expect((await sweep([SWEEP, '--out', shared, '--shard', `${k}/4`])).code).toBe(0);
    expectSameFiles(REFERENCE, shared);
  });

  it('--resume after deleted runs re-runs only those, leaving finished files untouched', async () => {
    const out = tmpPath('resume-deleted');
    expect((await sweep([SWEEP, '--out', out])).code).toBe(0);
    const files = runFiles(out);
    const removed = [files[1], files[6], files[10]];
    for (const f of removed) unlinkSync(path.join(out, 'runs', f));
    for (const f of COMBINED_FILES) unlinkSync(path.join(out, f));
    const before = new Map(runFiles(out).map((f) => [f, statSync(path.join(out, 'runs', f), { bigint: true })]));
    const r = await sweep([SWEEP, '--out', out, '--resume']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ran 3 on \d workers? in [\d.]+ s; kept 9 finished runs$/m);
    for (const [f, st] of before) {
      const now = statSync(path.join(out, 'runs', f), { bigint: true });
      expect([now.ino, now.mtimeNs]).toEqual([st.ino, st.mtimeNs]);
    }
    expectSameFiles(REFERENCE, out);
  });

  it('--resume after the process is killed mid-sweep finishes it without re-running finished runs', async () => {
    const slow = writeSweep('slow', { engineers: 500, parameters: { 'production.sigma': [0.5, 0.8, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6] } });
    const out = tmpPath('killed');
    // The executable itself, not restarted with a wider V8 pool on a many-core machine: SIGKILL
    // would reach only the first process (that case: test/cli/v8Pool.test.ts).
    const child = spawn(process.execPath, [BIN, 'sweep', slow, '--out', out, '--workers', '1'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, TOKENSIM_V8_POOL_SIZE: '0' } });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    for (let i = 0; i < 3000 && runFiles(out).length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const finished = runFiles(out);
    expect(finished.length).toBeGreaterThanOrEqual(3);
    expect(finished.length).toBeLessThan(20);
    expect(existsSync(path.join(out, 'series.csv'))).toBe(false);
    const before = new Map(finished.map((f) => [f, statSync(path.join(out, 'runs', f), { bigint: true })]));

    const r = await sweep([slow, '--out', out, '--resume']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ran ${20 - finished.length} on `);
    expect(r.stdout).toContain(`kept ${finished.length} finished runs`);
    for (const [f, st] of before) {
      const now = statSync(path.join(out, 'runs', f), { bigint: true });
      expect([now.ino, now.mtimeNs]).toEqual([st.ino, st.mtimeNs]);
    }
    const fresh = tmpPath('slow-reference');
    expect((await sweep([slow, '--out', fresh])).code).toBe(0);
    expectSameFiles(fresh, out);
  });

  it('after the grid grows, --resume runs only the new points', async () => {
    const out = tmpPath('grown');
    const v1 = writeSweep('growing');
    expect((await sweep([v1, '--out', out])).code).toBe(0);
    const v2 = writeSweep('growing', { parameters: { 'firmTypes.*.policy.tokenBudgetShareOfBase': [0, 0.1, 0.27, 0.5], 'production.sigma': [0.5, 3] } });
    const refused = await cli(['sweep', v2, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^tokensim: --out .* holds sweep 'growing' \([0-9a-f]{8}\), an earlier version of this sweep; add --resume to reuse its finished runs, or use another directory\n$/);
    const r = await sweep([v2, '--out', out, '--resume']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ran 4 on \d workers? in [\d.]+ s; kept 12 finished runs$/m);
    const fresh = tmpPath('grown-reference');
    expect((await sweep([v2, '--out', fresh])).code).toBe(0);
    expectSameFiles(fresh, out);
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    const quiet = await sweep([SWEEP, '--out', tmpPath('quiet'), '--shard', '1/6']);
    expect(quiet.stderr).toBe('');
    const tty = await sweep([SWEEP, '--out', tmpPath('tty'), '--shard', '1/6'], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('] 0/2 runs');
    expect(tty.stderr).toMatch(/\[#{24}\] 2\/2 runs · [\d.]+ runs\/s · ETA 0:00/);
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('formats progress with rate and time left', () => {
    expect(formatSweepProgress(0, 40, 0)).toBe('[------------------------] 0/40 runs · -- runs/s · ETA --:--');
    expect(formatSweepProgress(10, 40, 5)).toBe('[######------------------] 10/40 runs · 2.00 runs/s · ETA 0:15');
    expect(formatSweepProgress(3000, 4000, 100)).toBe('[##################------] 3000/4000 runs · 30.0 runs/s · ETA 0:33');
  });
});

