/**
 * `tokensim merge` trusts nothing it reads: every run file's recordHash is recomputed from the
 * values it merges and every shard manifest's manifestHash from its fields, so an edited or
 * damaged file is refused (exit 2, naming it), and `sweep --resume` recomputes such a run.
 * Tiny sweeps (300 engineers, 1 year) on the engine in this thread.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep, type SweepDeps } from '../../sim/cli/commands/sweepCommand.ts';
import { main, readPackageInfo } from '../../sim/cli/main.ts';
import { parseRunRecord, recordHashOf, runRecord, runRecordText, shardManifestText, type ShardManifest } from '../../sim/cli/output/sweepFiles.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { parseSweep } from '../../sim/research/sweep/sweep.ts';
import { planSweep } from '../../sim/research/sweep/sweepPlan.ts';
import { packResult } from '../../sim/run/result.ts';
import { simulate } from '../../sim/run/simulate.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TUNGUZ = path.join(ROOT, 'scenarios', 'tunguz-100k.json');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-merge-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const PKG = readPackageInfo();
let counter = 0;
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

/** 3 points × 2 replicates = 6 runs, 4 kept series each. */
const SWEEP = path.join(TMP, 'small.json');
writeFileSync(
  SWEEP,
  JSON.stringify({
    name: 'small',
    description: 'A small sweep for the merge tests.',
    base: TUNGUZ,
    parameters: { 'production.sigma': [0.5, 1, 3] },
    replicates: 2,
    engineers: 300,
    years: 1,
    metrics: ['cash_base_median', 'headcount'],
    groups: ['all', 'startup'],
  }),
);

const capture = () => {
  let out = '';
  let err = '';
  return { io: { stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), stderrIsTTY: false }, out: () => out, err: () => err };
};

async function sweep(args: string[]): Promise<{ code: number; stdout: string }> {
  const c = capture();
  const deps: SweepDeps = {
    env: {},
    createPool: (workers) => ({
      size: workers,
      run: async (params, seed) => packResult(simulate(params, seed)),
      close: async () => {},
    }),
    defaultWorkers: () => 1,
    now: () => performance.now(),
  };
  const code = await runSweep(args, { io: c.io, pkg: PKG, argv: ['sweep', ...args] }, deps);
  return { code, stdout: c.out() };
}

async function merge(dirs: string[], out: string): Promise<{ code: number; stderr: string }> {
  const c = capture();
  const code = await main(['merge', ...dirs, '--out', out], c.io, PKG);
  return { code, stderr: c.err() };
}

/** Shards 1/2 and 2/2 of the sweep, made once; each test edits its own copy. */
const SHARDS = [path.join(TMP, 'shard-1'), path.join(TMP, 'shard-2')];
beforeAll(async () => {
  for (const [k, dir] of SHARDS.entries()) expect((await sweep([SWEEP, '--out', dir, '--shard', `${k + 1}/2`])).code).toBe(0);
});

function copyShards(): string[] {
  return SHARDS.map((dir) => {
    const copy = tmpPath(path.basename(dir));
    cpSync(dir, copy, { recursive: true });
    return copy;
  });
}

const runFiles = (dir: string): string[] => readdirSync(path.join(dir, 'runs')).filter((f) => f.endsWith('.json')).sort();

/** Rewrites line `line` (0 = the identity line) of a run file with `edit`. */
function editLine(file: string, line: number, edit: (text: string) => string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const edited = edit(lines[line]);
  expect(edited).not.toBe(lines[line]);
  lines[line] = edited;
  writeFileSync(file, lines.join('\n'));
}

/** `v` with the lowest bit of its mantissa flipped: the smallest change a double can take. */
function lastBitFlipped(v: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v, true);
  view.setUint8(0, view.getUint8(0) ^ 1);
  return view.getFloat64(0, true);
}

/** Replaces value `month` (0-based) of the series on `line` of a run file. */
function editValue(file: string, line: number, month: number, value: unknown): void {
  editLine(file, line, (text) => {
    const trailing = text.endsWith(',') ? ',' : '';
    const s = JSON.parse(trailing ? text.slice(0, -1) : text) as { values: unknown[] };
    s.values[month] = value;
    return JSON.stringify(s) + trailing;
  });
}

describe('run files and shard manifests carry their own SHA-256', () => {
  it('names the algorithm and holds a recordHash that covers every field and value', () => {
    const file = path.join(SHARDS[0], 'runs', runFiles(SHARDS[0])[0]);
    const r = parseRunRecord(readFileSync(file, 'utf8'));
    expect(r.format).toBe('tokensim-sweep-run/2');
    expect(r.hashAlgorithm).toBe('sha256');
    expect(r.recordHash).toMatch(/^[0-9a-f]{64}$/);
    expect(recordHashOf(r)).toBe(r.recordHash);
    expect(recordHashOf({ ...r, seed: r.seed + 1 })).not.toBe(r.recordHash);
    const values = Float64Array.from(r.series[1].values);
    values[5] = lastBitFlipped(values[5]);
    expect(recordHashOf({ ...r, series: r.series.map((s, k) => (k === 1 ? { ...s, values } : s)) })).not.toBe(r.recordHash);
    const shard = JSON.parse(readFileSync(path.join(SHARDS[0], 'shards', 'shard-1-of-2.json'), 'utf8')) as Record<string, unknown>;
    expect(shard).toMatchObject({ format: 'tokensim-sweep-shard/2', hashAlgorithm: 'sha256' });
    expect(shard.manifestHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads back a run whose values include −0 and NaN, which JSON stores as 0 and "NaN"', () => {
    const s = parseSweep(readFileSync(SWEEP, 'utf8'), SWEEP);
    const plan = planSweep(s, parseScenario(readFileSync(TUNGUZ, 'utf8')));
    const result = simulate(plan.runs[0].params, plan.runs[0].seed);
    result.series.find((x) => x.metric === 'headcount' && x.group === 'all')!.values[0] = -0;
    // runRecord refuses a run with NaN in a total (finiteResult.ts); the file format still stores it exactly.
    const record = runRecord(plan, plan.runs[0], packResult(result), PKG);
    const kept = record.series.find((x) => x.metric === 'headcount' && x.group === 'all')!;
    kept.values[1] = Number.NaN;
    kept.values[2] = -Infinity;
    record.recordHash = recordHashOf(record);
    const back = parseRunRecord(runRecordText(record));
    expect(back.recordHash).toBe(record.recordHash);
    const values = back.series.find((x) => x.metric === 'headcount' && x.group === 'all')!.values;
    expect([Object.is(values[0], 0), Number.isNaN(values[1]), values[2]]).toEqual([true, true, -Infinity]);
  });
});

describe('tokensim merge checks every file it merges', () => {
  it('merges untouched shards', async () => {
    const out = tmpPath('merged');
    expect(await merge(copyShards(), out)).toEqual({ code: 0, stderr: '' });
    expect(runFiles(out)).toHaveLength(6);
  });

  it('refuses an edited value in any series of a run file of a shard, naming the file', async () => {
    const shards = copyShards();
    const files = runFiles(shards[1]);
    // Each kept series (lines 1–4) of a different run file, at a different month.
    for (let line = 1; line <= 4; line++) {
      const dirs = copyShards();
      const file = path.join(dirs[1], 'runs', files[line % files.length]);
      const month = (line * 5) % 12;
      const r = parseRunRecord(readFileSync(file, 'utf8'));
      editValue(file, line, month, r.series[line - 1].values[month] + 1);
      const out = tmpPath('edited');
      const got = await merge(dirs, out);
      expect(got).toEqual({ code: 2, stderr: `tokensim: merge: ${file}: recordHash does not match its values (edited or damaged)\n` });
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses a value changed by its last bit, or replaced by "NaN"', async () => {
    for (const replace of [lastBitFlipped, () => 'NaN']) {
      const dirs = copyShards();
      const file = path.join(dirs[0], 'runs', runFiles(dirs[0])[2]);
      const r = parseRunRecord(readFileSync(file, 'utf8'));
      editValue(file, 2, 7, replace(r.series[1].values[7]));
      const got = await merge(dirs, tmpPath('bit'));
      expect(got.code).toBe(2);
      expect(got.stderr).toBe(`tokensim: merge: ${file}: recordHash does not match its values (edited or damaged)\n`);
    }
  });

  it('refuses a value that is not a number, saying which', async () => {
    for (const bad of ['garbage', '1e3', null, true]) {
      const dirs = copyShards();
      const file = path.join(dirs[1], 'runs', runFiles(dirs[1])[0]);
      editValue(file, 3, 4, bad);
      const got = await merge(dirs, tmpPath('garbage'));
      expect(got.code).toBe(2);
      expect(got.stderr).toBe(`tokensim: merge: ${file}: series 2 (headcount all) month 5: ${JSON.stringify(bad)} is not a number\n`);
    }
  });

  it('refuses an edited field of a run file: its result hash, its seed', async () => {
    for (const [from, to] of [
      [/"resultHash":"[0-9a-f]/, '"resultHash":"x'],
      [/"seed":(\d)/, '"seed":1$1'],
    ] as const) {
      const dirs = copyShards();
      const file = path.join(dirs[0], 'runs', runFiles(dirs[0])[1]);
      editLine(file, 0, (text) => text.replace(from, to));
      const got = await merge(dirs, tmpPath('field'));
      expect(got).toEqual({ code: 2, stderr: `tokensim: merge: ${file}: recordHash does not match its values (edited or damaged)\n` });
    }
  });

  it('refuses an edited shard manifest, naming it', async () => {
    const dirs = copyShards();
    const file = path.join(dirs[1], 'shards', 'shard-2-of-2.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as { runs: number };
    m.runs += 1;
    writeFileSync(file, JSON.stringify(m, null, 2) + '\n');
    const got = await merge(dirs, tmpPath('manifest'));
    expect(got).toEqual({ code: 2, stderr: `tokensim: merge: ${file}: manifestHash does not match its contents (edited or damaged)\n` });
  });
});

describe('tokensim merge checks the shard numbers of every manifest', () => {
  /** Rewrites shard 2's manifest with `shard` changed and its hash recomputed, under `name`; drops one of its runs. */
  function forgedShard(shard: Record<string, unknown>, name = 'shard-2-of-2.json'): { dirs: string[]; file: string } {
    const dirs = copyShards();
    const old = path.join(dirs[1], 'shards', 'shard-2-of-2.json');
    const m = JSON.parse(readFileSync(old, 'utf8')) as ShardManifest;
    rmSync(old);
    const file = path.join(dirs[1], 'shards', name);
    writeFileSync(file, shardManifestText({ ...m, shard: { ...m.shard, ...shard } }));
    rmSync(path.join(dirs[1], 'runs', runFiles(dirs[1])[0]));
    return { dirs, file };
  }

  it('names the shards holding missing runs', async () => {
    const dirs = copyShards();
    rmSync(path.join(dirs[1], 'runs', runFiles(dirs[1])[0]));
    const got = await merge(dirs, tmpPath('missing'));
    expect(got.code).toBe(2);
    expect(got.stderr).toMatch(/^tokensim: merge: incomplete: 1 of 6 runs of 'small' \(\w{8}\) are missing \(shard 2\/2 missing or unfinished\): p\w+-r\d\n$/);
  });

  it('refuses a shard count of 10^12 at once instead of looping over the shards', async () => {
    const { dirs, file } = forgedShard({ count: 1e12 });
    const got = await merge(dirs, tmpPath('huge'));
    expect(got).toEqual({ code: 2, stderr: `tokensim: merge: ${file}: shard.count: must be a whole number from 1 to 100000 (got 1000000000000)\n` });
    const renamed = forgedShard({ count: 1e12 }, 'shard-2-of-1000000000000.json');
    expect((await merge(renamed.dirs, tmpPath('huge'))).stderr).toBe(
      `tokensim: merge: ${renamed.file}: shard.count: must be a whole number from 1 to 100000 (got 1000000000000)\n`,
    );
  });

  it.each([
    [{ count: 0 }, 'shard.count: must be a whole number from 1 to 100000 (got 0)'],
    [{ count: 2.5 }, 'shard.count: must be a whole number from 1 to 100000 (got 2.5)'],
    [{ count: '2' }, 'shard.count: must be a whole number from 1 to 100000 (got "2")'],
    [{ index: 3 }, 'shard.index: must be a whole number from 1 to shard.count 2 (got 3)'],
    [{ index: 0 }, 'shard.index: must be a whole number from 1 to shard.count 2 (got 0)'],
    [{ index: 1 }, 'shard 1/2 does not match the file name shard-2-of-2.json'],
  ])('refuses shard %j, naming the field', async (shard, message) => {
    const { dirs, file } = forgedShard(shard);
    expect(await merge(dirs, tmpPath('bad-shard'))).toEqual({ code: 2, stderr: `tokensim: merge: ${file}: ${message}\n` });
  });
});

describe('tokensim sweep --resume', () => {
  it('recomputes a run whose file was edited, giving back the original file', async () => {
    const [dir] = copyShards();
    const file = path.join(dir, 'runs', runFiles(dir)[0]);
    const original = readFileSync(file, 'utf8');
    editValue(file, 1, 0, 123);
    const r = await sweep([SWEEP, '--out', dir, '--shard', '1/2', '--resume']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^shard 1\/2: 3 of the runs; ran 1 on 1 worker in [\d.]+ s; kept 2 finished runs$/m);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });
});
