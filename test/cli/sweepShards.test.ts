/**
 * `tokensim sweep` shards chosen by batch schedulers' environment variables, and the one-line
 * refusals of bad sweep and merge input (exit 2), on tiny sweeps (sweepHarness.ts).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveShard } from '../../sim/cli/args/shard.ts';
import { selectShard } from '../../sim/research/sweep/sweepPlan.ts';
import { cli, planOf, runFiles, sweep, SWEEP, TMP, tmpPath, tokensim, writeSweep } from './sweepHarness.ts';

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
