/**
 * Output onto mount points (container volumes). A rename across filesystems fails with EXDEV:
 * atomicOutput.ts stages inside an existing output directory so its renames stay on one
 * filesystem, and should one still cross (a subdirectory that is itself a mount point), copies
 * the file beside its target and renames it there. Mount points are simulated here: a rename
 * fails as the kernel's would when its two paths lie under different ones.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const crossDevice = vi.hoisted(() => ({ mounts: [] as string[], failCopy: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const exdev = (from: string, to: string) => Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}' -> '${to}'`), { code: 'EXDEV' });
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      /** The innermost simulated mount point holding `p` ('' for the root filesystem). */
      const mountOf = (p: string) => crossDevice.mounts.filter((m) => p.startsWith(m + '/')).sort((a, b) => b.length - a.length)[0] ?? '';
      if (mountOf(from) !== mountOf(to)) throw exdev(from, to);
      return fs.rename(from, to);
    },
    copyFile: async (from: string, to: string) => {
      if (crossDevice.failCopy) {
        await fs.writeFile(to, 'half');
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      return fs.copyFile(from, to);
    },
  };
});

const { StagedOutput, writeFilesAtomically } = await import('../../sim/cli/output/atomicOutput.ts');

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-exdev-test-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
let counter = 0;
const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

beforeEach(() => {
  crossDevice.mounts = [];
  crossDevice.failCopy = false;
});

describe('output onto mount points', () => {
  /** An existing output directory holding an earlier series.csv, mounted with `mounted` subdirectories. */
  function volume(name: string, mounted: string[] = []): string {
    const out = path.resolve(tmpPath(name));
    mkdirSync(out);
    writeFileSync(path.join(out, 'series.csv'), 'earlier');
    for (const sub of mounted) mkdirSync(path.join(out, sub));
    crossDevice.mounts = [out, ...mounted.map((sub) => path.join(out, sub))];
    return out;
  }

  it('writes into a directory that is a mount point (staging inside it, not beside it)', async () => {
    const out = volume('volume');
    const written = await writeFilesAtomically(out, [
      { name: 'series.csv', chunks: ['a,b\n', '1,2\n'] },
      { name: 'sub/manifest.json', chunks: ['{}\n'] },
    ]);
    expect(written).toEqual([path.join(out, 'series.csv'), path.join(out, 'sub/manifest.json')]);
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('a,b\n1,2\n');
    expect(readdirSync(out).sort()).toEqual(['series.csv', 'sub']);
    expect(readdirSync(path.dirname(out)).filter((n) => n.startsWith(path.basename(out)))).toEqual([path.basename(out)]);
  });

  it('copies a file across a mount point inside the output beside its target, leaving no temporary file', async () => {
    const out = volume('nested-volume', ['sub']);
    await writeFilesAtomically(out, [
      { name: 'series.csv', chunks: ['new\n'] },
      { name: 'sub/manifest.json', chunks: ['{}\n'] },
    ]);
    expect(readFileSync(path.join(out, 'series.csv'), 'utf8')).toBe('new\n');
    expect(readFileSync(path.join(out, 'sub', 'manifest.json'), 'utf8')).toBe('{}\n');
    expect(readdirSync(out).sort()).toEqual(['series.csv', 'sub']);
    expect(readdirSync(path.join(out, 'sub'))).toEqual(['manifest.json']);
  });

  it('a copy that fails keeps the earlier file whole and leaves nothing behind', async () => {
    const out = volume('full', ['sub']);
    writeFileSync(path.join(out, 'sub', 'manifest.json'), 'earlier');
    crossDevice.failCopy = true;
    const staged = await StagedOutput.create(out, 'c');
    await (await staged.open('sub/manifest.json')).append(['new']);
    await expect(staged.commit()).rejects.toThrow('ENOSPC');
    expect(readdirSync(out).sort()).toEqual(['series.csv', 'sub']);
    expect(readdirSync(path.join(out, 'sub'))).toEqual(['manifest.json']);
    expect(readFileSync(path.join(out, 'sub', 'manifest.json'), 'utf8')).toBe('earlier');
    expect(existsSync(staged.tempDir)).toBe(false);
  });
});
