/**
 * `tokensim sweep` and `tokensim merge` end to end on tiny sweeps (300 engineers, 1 year) with
 * the real worker pool: worker counts and shards change nothing in the files, merge refuses
 * mixed or incomplete inputs, --resume keeps finished runs, and the batch schedulers'
 * environment variables pick the shard.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../sim/cli/commands/command.ts';
import { main, readPackageInfo } from '../../sim/cli/main.ts';
import { createPool, type Pool } from '../../sim/cli/parallel/pool.ts';
import { resolveShard } from '../../sim/cli/args/shard.ts';
import { runSweep, type SweepDeps } from '../../sim/cli/commands/sweepCommand.ts';
import { COMBINED_FILES } from '../../sim/cli/output/sweepOutputs.ts';
import { formatSweepProgress } from '../../sim/cli/output/sweepProgress.ts';
import { parseSweep } from '../../sim/research/sweep/sweep.ts';
import { planSweep, selectShard } from '../../sim/research/sweep/sweepPlan.ts';
import { packResult } from '../../sim/run/result.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { simulate } from '../../sim/run/simulate.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'sim', 'cli', 'bin.mjs');
const TUNGUZ = path.join(ROOT, 'scenarios', 'tunguz-100k.json');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-sweep-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const PKG = readPackageInfo();

let counter = 0;
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

/** A tiny sweep: 6 points × 2 replicates = 12 runs at 300 engineers for 1 year. */
function writeSweep(name = 'tiny', extra: Record<string, unknown> = {}): string {
  const file = path.join(TMP, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name,
      description: 'A tiny sweep for tests.',
      base: TUNGUZ,
      parameters: { 'firmTypes.*.policy.tokenBudgetShareOfBase': [0, 0.27, 0.5], 'production.sigma': [0.5, 3] },
      replicates: 2,
      engineers: 300,
      years: 1,
      metrics: ['cash_base_median', 'headcount', 'quit_rate_annual', 'mover_output_drop', 'token_price_retail'],
      groups: ['all', 'startup'],
      ...extra,
    }),
  );
  return file;
}
const SWEEP = writeSweep();
const planOf = (file: string) => {
  const s = parseSweep(readFileSync(file, 'utf8'), file);
  return planSweep(s, parseScenario(readFileSync(TUNGUZ, 'utf8')));
};

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function captureIO(tty: boolean): { io: CliIO; out: () => Outcome['stdout']; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTTY: tty }, out: () => out, err: () => err };
}

/** The CLI in-process (exit code, stdout, stderr), exactly as the executable dispatches it. */
async function cli(args: string[], tty = false): Promise<Outcome> {
  const c = captureIO(tty);
  const code = await main(args, c.io, PKG);
  return { code, stdout: c.out(), stderr: c.err() };
}

/**
 * The engine behind the pool interface, in this thread: a worker thread's start-up (loading
 * the engine through tsx) costs more than a whole tiny sweep, so only the tests about workers
 * use the real pool.
 */
function inProcessPool(workers: number): Pool {
  return {
    size: workers,
    async run(params, seed) {
      await new Promise((resolve) => setImmediate(resolve));
      return packResult(simulate(params, seed));
    },
    async close() {},
  };
}

interface SweepOptions {
  tty?: boolean;
  env?: Record<string, string>;
  /** Use the worker-thread pool (sim/cli/parallel/pool.ts) instead of the in-process one. */
  workerThreads?: boolean;
}

/** `tokensim sweep` in-process with its environment and pool injected. */
async function sweep(args: string[], options: SweepOptions = {}): Promise<Outcome> {
  const c = captureIO(options.tty ?? false);
  const deps: SweepDeps = {
    env: options.env ?? {},
    createPool: options.workerThreads ? createPool : inProcessPool,
    defaultWorkers: () => 2,
    now: () => performance.now(),
  };
  const code = await runSweep(args, { io: c.io, pkg: PKG, argv: ['sweep', ...args] }, deps);
  return { code, stdout: c.out(), stderr: c.err() };
}

/** The real executable. */
function tokensim(args: readonly string[], env: Record<string, string> = {}): Promise<Outcome & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
}

/** Run files in a directory (temporary files of a killed writer are hidden and skipped). */
const runFiles = (dir: string): string[] => (existsSync(path.join(dir, 'runs')) ? readdirSync(path.join(dir, 'runs')).filter((f) => !f.startsWith('.')).sort() : []);

/** The result set: combined files and run files, by name, as text. */
function resultSet(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of COMBINED_FILES) out.set(f, readFileSync(path.join(dir, f), 'utf8'));
  for (const f of runFiles(dir)) out.set(`runs/${f}`, readFileSync(path.join(dir, 'runs', f), 'utf8'));
  return out;
}

/** Asserts two result sets are byte for byte equal (without printing megabytes on failure). */
function expectSameFiles(a: string, b: string): void {
  const x = resultSet(a);
  const y = resultSet(b);
  expect([...y.keys()]).toEqual([...x.keys()]);
  const differing = [...x.keys()].filter((k) => x.get(k) !== y.get(k));
  expect(differing).toEqual([]);
}

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
    expect(series[0]).toBe('point,replicate,scenario,seed,month,metric,group,value');
    const first = plan.runs[0];
    expect(series[1]).toMatch(new RegExp(`^${first.pointId},1,tunguz-100k,${first.seed},1,cash_base_median,all,[0-9.e+-]+$`));
    // kept series per run: cash_base_median, headcount, quit_rate_annual × {all, startup};
    // mover_output_drop (by level) and token_price_retail (market-wide) × {all} = 8, × 12 months
    expect(series).toHaveLength(1 + 12 * 8 * 12);
    const summary = lines('summary.csv');
    expect(summary[0]).toBe('point,metric,group,month,mean,lo95,hi95,n');
    expect(summary).toHaveLength(1 + 6 * 8 * 12);
    expect(summary.slice(1).every((l) => l.endsWith(',2'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(REFERENCE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ sweep: 'tiny', hashAlgorithm: 'sha256', points: 6, runs: 12, replicates: 2, seed: 1, engineers: 300, years: 1, months: 12, groups: ['all', 'startup'] });
    expect((manifest.files as Record<string, { rows: number }>)['series.csv'].rows).toBe(series.length - 1);
    expect(manifest).not.toHaveProperty('command');
  });

  it('gives byte-identical files with 2 workers as with 1', async () => {
    const out = tmpPath('two-workers');
    const r = await sweep([SWEEP, '--out', out, '--workers', '2'], { workerThreads: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ran 12 on 2 workers in /m);
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
    const child = spawn(process.execPath, [BIN, 'sweep', slow, '--out', out, '--workers', '1'], { cwd: ROOT, stdio: 'ignore' });
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

describe('shards from the environment', () => {
  const plan = planOf(SWEEP);
  const idsOf = (k: number, n: number): string[] => selectShard(plan.runs, k, n).map((r) => `${r.runId}.json`).sort();

  it.each([
    ['a Slurm array from 0', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' }, undefined, 3, 4],
    ['a Slurm array from 1', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' }, undefined, 2, 4],
    ['a Slurm array with a step', { SLURM_ARRAY_TASK_ID: '30', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_STEP: '10', SLURM_ARRAY_TASK_COUNT: '3' }, undefined, 3, 3],
    ['a Kubernetes Indexed Job', { JOB_COMPLETION_INDEX: '0' }, 5, 1, 5],
    ['a Kubernetes Indexed Job, last index', { JOB_COMPLETION_INDEX: '4' }, 5, 5, 5],
  ])('%s', (_what, env, shards, index, count) => {
    expect(resolveShard(undefined, shards, env)).toMatchObject({ index, count });
  });

  it('--shard wins over the environment; nothing set means the whole sweep', () => {
    expect(resolveShard('2/3', undefined, { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 2, count: 3, from: '--shard' });
    expect(resolveShard(undefined, undefined, {})).toEqual({ index: 1, count: 1, from: 'default' });
  });

  it.each([
    ['--shard 0/4', () => resolveShard('0/4', undefined, {}), "--shard must be K/N with 1 ≤ K ≤ N ≤ 100000 (got '0/4'; shards are numbered from 1)"],
    ['--shard 5/4', () => resolveShard('5/4', undefined, {}), "--shard must be K/N with 1 ≤ K ≤ N ≤ 100000 (got '5/4'; shards are numbered from 1)"],
    ['--shard and --shards', () => resolveShard('1/2', 2, {}), 'give either --shard K/N or --shards N, not both'],
    ['--shards alone', () => resolveShard(undefined, 4, {}), '--shards N needs JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm) in the environment; or give --shard K/N'],
    ['JOB_COMPLETION_INDEX without --shards', () => resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: '1' }), "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give --shards N, the Job's completions (or --shard K/N)"],
    ['JOB_COMPLETION_INDEX past --shards', () => resolveShard(undefined, 4, { JOB_COMPLETION_INDEX: '4' }), "JOB_COMPLETION_INDEX must be an integer from 0 to 3 (got '4')"],
    ['Slurm without the array minimum', () => resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' }), "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not, so the array's first index is unknown: give --shard K/N"],
    ['Slurm task outside the array', () => resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' }), 'SLURM_ARRAY_TASK_ID=7 is not one of 4 evenly spaced tasks from SLURM_ARRAY_TASK_MIN=0 (step 1); use a range such as --array=0-3, or --shard K/N'],
    ['Slurm count disagreeing with --shards', () => resolveShard(undefined, 3, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '4' }), '--shards 3 disagrees with SLURM_ARRAY_TASK_COUNT=4'],
  ])('rejects %s with a message', (_what, call, message) => {
    expect(call).toThrow(message);
  });

  it('a Kubernetes index runs its shard (in-process, injected environment)', async () => {
    const out = tmpPath('k8s');
    const r = await sweep([SWEEP, '--out', out, '--shards', '4'], { env: { JOB_COMPLETION_INDEX: '3' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^shard 4\/4 \(from JOB_COMPLETION_INDEX\): 3 of the runs; ran 3 on /m);
    expect(runFiles(out)).toEqual(idsOf(4, 4));
    expect(readdirSync(path.join(out, 'shards'))).toEqual(['shard-4-of-4.json']);
  });

  it('the executable takes a Slurm array task (from 0) as its shard', async () => {
    const out = tmpPath('slurm');
    const r = await tokensim(['sweep', SWEEP, '--out', out], { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_COUNT: '3' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^shard 1\/3 \(from SLURM_ARRAY_TASK_ID\): 4 of the runs; ran 4 on /m);
    expect(runFiles(out)).toEqual(idsOf(1, 3));
  });
});

describe('bad input exits 2 with one line naming the problem', () => {
  const notAFile = path.join(TMP, 'plain-file');
  writeFileSync(notAFile, 'x');
  const badJson = path.join(TMP, 'bad-json.json');
  writeFileSync(badJson, '{"name": "x",');
  const badField = writeSweep('bad-field', { parameters: { 'production.sigma': [0.5, 30] } });
  const missingBase = writeSweep('missing-base', { base: 'no-such-base.json' });

  it.each([
    ['a missing sweep file', ['sweep', path.join(TMP, 'nope.json'), '--out', 'X'], /^tokensim: cannot read sweep file .*nope\.json: no such file$/],
    ['no sweep file', ['sweep', '--out', 'X'], /^tokensim: sweep: missing sweep file \(usage: tokensim sweep <sweep\.json> --out <dir>\)$/],
    ['two sweep files', ['sweep', SWEEP, SWEEP, '--out', 'X'], /^tokensim: sweep: unexpected argument '.*tiny\.json' \(one sweep file per call\)$/],
    ['no --out', ['sweep', SWEEP], /^tokensim: missing required option --out <dir>$/],
    ['an unknown flag', ['sweep', SWEEP, '--out', 'X', '--shrad', '1/2'], /^tokensim: unknown option --shrad for 'sweep'; did you mean --shard\? \(see tokensim sweep --help\)$/],
    ['--workers 0', ['sweep', SWEEP, '--out', 'X', '--workers', '0'], /^tokensim: --workers must be an integer from 1 to 1,024 \(got '0'\)$/],
    ['--shard 0/2', ['sweep', SWEEP, '--out', 'X', '--shard', '0/2'], /^tokensim: --shard must be K\/N/],
    ['--shard 1-of-2', ['sweep', SWEEP, '--out', 'X', '--shard', '1-of-2'], /^tokensim: --shard must be K\/N .*got '1-of-2'/],
    ['--shards without a scheduler', ['sweep', SWEEP, '--out', 'X', '--shards', '4'], /^tokensim: --shards N needs JOB_COMPLETION_INDEX/],
    ['bad JSON', ['sweep', badJson, '--out', 'X'], /^tokensim: .*bad-json\.json: \(json\): expected a field name in double quotes, found end of input at line 1, column 14$/],
    ['a value out of range', ['sweep', badField, '--out', 'X'], /^tokensim: .*bad-field\.json: parameters\.production\.sigma\.1: must be at most 20 \(got 30\)$/],
    ['a missing base scenario', ['sweep', missingBase, '--out', 'X'], /^tokensim: .*missing-base\.json: base: cannot read scenario file .*no-such-base\.json: no such file$/],
    ['--out that is a file', ['sweep', SWEEP, '--out', notAFile], /^tokensim: --out .*plain-file exists and is not a directory$/],
    ['merge without directories', ['merge', '--out', 'X'], /^tokensim: merge: name at least one shard directory/],
    ['merge of a missing directory', ['merge', path.join(TMP, 'nope'), '--out', 'X'], /^tokensim: merge: .*nope: no such directory$/],
    ['merge of a non-sweep directory', ['merge', TMP, '--out', 'X'], /^tokensim: merge: .* is not a sweep output directory \(no shards\/shard-K-of-N\.json\)$/],
  ])('%s', async (_what, args, message) => {
    const r = await cli(args.map((a) => (a === 'X' ? tmpPath('never') : a)));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it('merge refuses directories of different sweeps, naming both', async () => {
    const other = writeSweep('other', { replicates: 1 });
    const a = tmpPath('other-a');
    expect((await sweep([other, '--out', a, '--shard', '1/2'])).code).toBe(0);
    const b = tmpPath('tiny-b');
    expect((await sweep([SWEEP, '--out', b, '--shard', '2/2'])).code).toBe(0);
    const out = tmpPath('mixed');
    const r = await cli(['merge', a, b, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tokensim: merge: .*other-a.* and .*tiny-b.* hold different sweeps: 'other' \([0-9a-f]{8}\) and 'tiny' \([0-9a-f]{8}\)\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('merge refuses an incomplete set, naming the missing runs and shard', async () => {
    const dirs = [tmpPath('part-1'), tmpPath('part-2'), tmpPath('part-3')];
    for (const [k, dir] of dirs.entries()) if (k !== 1) expect((await sweep([SWEEP, '--out', dir, '--shard', `${k + 1}/3`])).code).toBe(0);
    const out = tmpPath('partial');
    mkdirSync(dirs[1]);
    const r = await cli(['merge', dirs[0], dirs[2], '--out', out]);
    expect(r.code).toBe(2);
    const missing = selectShard(planOf(SWEEP).runs, 2, 3).map((x) => x.runId);
    expect(r.stderr).toBe(`tokensim: merge: incomplete: 4 of 12 runs of 'tiny' (${r.stderr.match(/\(([0-9a-f]{8})\)/)![1]}) are missing (shard 2/3 missing or unfinished): ${missing.join(', ')}\n`);
    expect(existsSync(out)).toBe(false);
  });
});
