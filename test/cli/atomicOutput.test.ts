/** The CLI's one way of writing files (sim/cli/output/atomicOutput.ts): whole or not at all. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clearStaleTempDirs,
  OutputDirError,
  StagedOutput,
  tempDirFor,
  WriteAbortedError,
  writeFileAtomic,
  writeFilesAtomically,
  type OutputFile,
} from '../../sim/cli/output/atomicOutput.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-atomic-test-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let counter = 0;
/** A fresh path under the test's temp dir (not created). */
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

describe('atomic output', () => {
  const files = (text: string): OutputFile[] => [
    { name: 'series.csv', chunks: [text.slice(0, 3), text.slice(3)] },
    { name: 'manifest.json', chunks: ['{}\n'] },
  ];

  it('moves complete files into place and removes the temporary directory', async () => {
    const out = path.join(tmpPath('nested'), 'a', 'run');
    const written = await writeFilesAtomically(out, files('hello'), { tag: 'x' });
    expect(written).toEqual([path.join(out, 'series.csv'), path.join(out, 'manifest.json')]);
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('hello');
    expect(existsSync(tempDirFor(out, 'x'))).toBe(false);
  });

  it('replaces the files of an earlier run and keeps other files', async () => {
    const out = tmpPath('replace');
    await writeFilesAtomically(out, files('first'));
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    await writeFilesAtomically(out, files('second'));
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('second');
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'notes.txt', 'series.csv']);
  });

  it('leaves no directory or file behind when writing fails midway', async () => {
    const parent = tmpPath('fail');
    const out = path.join(parent, 'run');
    function* failing(): Generator<string> {
      yield 'scenario,seed\n';
      throw new Error('disk full');
    }
    await expect(writeFilesAtomically(out, [{ name: 'series.csv', chunks: failing() }])).rejects.toThrow('disk full');
    expect(existsSync(parent)).toBe(false);
  });

  it('leaves no directory or file behind when aborted, and keeps an earlier run intact', async () => {
    const out = tmpPath('abort');
    await writeFilesAtomically(out, files('earlier'));
    const controller = new AbortController();
    function* interrupted(): Generator<string> {
      yield 'partial';
      controller.abort();
      yield 'never written';
    }
    await expect(writeFilesAtomically(out, [{ name: 'series.csv', chunks: interrupted() }], { signal: controller.signal })).rejects.toThrow('interrupted');
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('earlier');
    expect(existsSync(tempDirFor(out))).toBe(false);
  });

  it('writes nothing when the signal has already aborted', async () => {
    const parent = tmpPath('pre-aborted');
    const controller = new AbortController();
    controller.abort();
    await expect(writeFilesAtomically(path.join(parent, 'run'), [{ name: 'a.csv', chunks: ['x'] }], { signal: controller.signal })).rejects.toBeInstanceOf(WriteAbortedError);
    expect(existsSync(parent)).toBe(false);
  });

  it('removes the temporary directory when the move into place fails, leaving what is there', async () => {
    const out = tmpPath('not-a-dir');
    writeFileSync(out, 'a file, not a directory');
    await expect(writeFilesAtomically(out, [{ name: 'a.csv', chunks: ['x'] }], { tag: 'y' })).rejects.toThrow();
    expect(readFileSync(out, 'utf8')).toBe('a file, not a directory');
    expect(existsSync(tempDirFor(out, 'y'))).toBe(false);
  });
});

describe('staged output', () => {
  it('streams appends into a temporary directory and moves every file into place on commit', async () => {
    const out = path.join(tmpPath('staged'), 'run');
    const staged = await StagedOutput.create(out, 't');
    expect(staged.tempDir).toBe(tempDirFor(out, 't'));
    const a = await staged.open('a/series.csv');
    const b = await staged.open('b/series.csv');
    void a.append(['x,', 'y\n']);
    await b.append(['b\n']);
    await a.append(['z\n']);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(path.join(staged.tempDir, 'a', 'series.csv'), 'utf8')).toBe('x,y\nz\n');
    const written = await staged.commit();
    expect(written).toEqual([path.join(out, 'a/series.csv'), path.join(out, 'b/series.csv')]);
    expect(readFileSync(path.join(out, 'a', 'series.csv'), 'utf8')).toBe('x,y\nz\n');
    expect(existsSync(staged.tempDir)).toBe(false);
  });

  it('stages inside an existing output directory, on its filesystem (a mount point has no sibling there)', async () => {
    const out = tmpPath('existing');
    mkdirSync(out);
    writeFileSync(path.join(out, 'series.csv'), 'earlier');
    const staged = await StagedOutput.create(out, 'm');
    expect(staged.tempDir).toBe(tempDirFor(out, 'm', true));
    expect(path.dirname(staged.tempDir)).toBe(path.resolve(out));
    expect(existsSync(tempDirFor(out, 'm'))).toBe(false);
    await (await staged.open('series.csv')).append(['new']);
    await (await staged.open('sub/x.csv')).append(['x']);
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('earlier');
    await staged.commit();
    expect(readdirSync(out).sort()).toEqual(['series.csv', 'sub']);
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('new');
    expect(readFileSync(path.join(out, 'sub', 'x.csv'), 'utf8')).toBe('x');
  });

  it('discard leaves no file and no new directory, and an earlier run untouched', async () => {
    const out = tmpPath('discard');
    mkdirSync(out);
    writeFileSync(path.join(out, 'series.csv'), 'earlier');
    const staged = await StagedOutput.create(out);
    const f = await staged.open('series.csv');
    await f.append(['partial']);
    await staged.discard();
    expect(readdirSync(out)).toEqual(['series.csv']);
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('earlier');
    expect(existsSync(staged.tempDir)).toBe(false);
    await expect(staged.open('more.csv')).rejects.toThrow('already committed or discarded');

    const parent = tmpPath('new-parent');
    const nested = await StagedOutput.create(path.join(parent, 'a', 'run'));
    await (await nested.open('x/series.csv')).append(['partial']);
    expect(existsSync(parent)).toBe(true);
    await nested.discard();
    expect(existsSync(parent)).toBe(false);
  });

  it('a failed commit removes the directories it made and keeps an earlier run', async () => {
    const out = tmpPath('commit-fails');
    mkdirSync(path.join(out, 'b'), { recursive: true });
    writeFileSync(path.join(out, 'b', 'kept.txt'), 'earlier');
    const staged = await StagedOutput.create(out);
    await (await staged.open('a/x.csv')).append(['new']);
    await (await staged.open('b')).append(['a file where a directory is']);
    await expect(staged.commit()).rejects.toThrow();
    expect(readdirSync(out)).toEqual(['b']);
    expect(readFileSync(path.join(out, 'b', 'kept.txt'), 'utf8')).toBe('earlier');
    expect(existsSync(staged.tempDir)).toBe(false);
  });
});

describe('single-file atomic write', () => {
  it('creates missing directories, replaces an earlier file, and leaves no temporary file', async () => {
    const dir = path.join(tmpPath('single'), 'runs');
    const file = path.join(dir, 'r1.json');
    await writeFileAtomic(file, 'first\n');
    await writeFileAtomic(file, 'ünïcode ✓\n'.repeat(1000));
    expect(readFileSync(file, 'utf8')).toBe('ünïcode ✓\n'.repeat(1000));
    expect(readdirSync(dir)).toEqual(['r1.json']);
  });

  it('on failure keeps the earlier target and leaves no temporary sibling', async () => {
    const dir = tmpPath('single-fail');
    const target = path.join(dir, 'golden');
    mkdirSync(path.join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'text')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['golden']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  it('a failed write never fails a concurrent one in the same new directory, and leaves no file', async () => {
    // A name too long for the temporary sibling makes the write fail once the directory exists.
    const tooLong = 'x'.repeat(250);
    for (let k = 0; k < 20; k++) {
      const runs = path.join(tmpPath('single-shared'), 'runs');
      const [failed, ok] = await Promise.allSettled([
        writeFileAtomic(path.join(runs, tooLong), 'text'),
        writeFileAtomic(path.join(runs, 'ok.json'), 'kept'),
      ]);
      expect(failed.status).toBe('rejected');
      expect(ok.status).toBe('fulfilled');
      expect(readdirSync(runs)).toEqual(['ok.json']);
    }
  });
});

describe('directories that cannot be made', () => {
  it('fails at once under /proc, where the kernel refuses a new directory with ENOENT', async () => {
    const out = `/proc/self/tokensim-${++counter}`;
    await expect(writeFilesAtomically(out, [{ name: 'a.csv', chunks: ['x'] }])).rejects.toThrow(OutputDirError);
    await expect(writeFileAtomic(path.join(out, 'runs', 'r.json'), 'x')).rejects.toThrow(/cannot create directory/);
  }, 10_000);

  it('names the path when a file stands where a directory must be', async () => {
    const file = tmpPath('a-file');
    writeFileSync(file, 'not a directory');
    const err = await StagedOutput.create(path.join(file, 'out')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputDirError);
    expect((err as Error).message).toMatch(/^cannot create directory .*a-file.* not a directory$/);
  });
});

describe('stale staging directories', () => {
  /** The id of a process that has exited. */
  const deadPid = (): number => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  };

  it('are removed when their process is gone; nothing else beside them is touched', async () => {
    const out = path.join(tmpPath('stale'), 'run');
    const dead = deadPid();
    const live = process.ppid;
    const make = (name: string): string => {
      const dir = path.join(path.dirname(out), name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'series.csv'), 'partial');
      return dir;
    };
    const stale = [make(`run.tmp-${dead}`), make(`run.tmp-${dead}-sweep`)];
    const kept = [make(`run.tmp-${live}`), make(`run.tmp-${dead}.bak`), make(`other.tmp-${dead}`), make(`run.tmp-${dead}-Sweep`), make(`run.tmp-0${dead}`)];
    writeFileSync(`${out}.tmp-${dead + 1}`, 'a file, not a staging directory');
    symlinkSync(kept[0], `${out}.tmp-${dead + 2}`);
    expect(spawnSync('kill', ['-0', String(dead)]).status).not.toBe(0);

    await writeFilesAtomically(out, [{ name: 'a.csv', chunks: ['x'] }], { tag: 'x' });

    for (const dir of stale) expect(existsSync(dir)).toBe(false);
    for (const dir of kept) expect(readFileSync(path.join(dir, 'series.csv'), 'utf8')).toBe('partial');
    expect(readdirSync(path.dirname(out)).sort()).toEqual(
      ['run', `run.tmp-${dead + 1}`, `run.tmp-${dead + 2}`, ...kept.map((d) => path.basename(d))].sort(),
    );
  });

  it('clearing a directory with no parent yet is a no-op', async () => {
    expect(await clearStaleTempDirs(path.join(tmpPath('none'), 'a', 'b'))).toEqual([]);
  });
});
