import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildManifest, readGitCommit } from '../../sim/cli/output/manifest.ts';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import type { Result } from '../../sim/run/result.ts';

const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-git-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const A = 'a'.repeat(40);
const B = '0123456789abcdef0123456789abcdef01234567';
let counter = 0;

/** A directory with the given files (paths relative to it), made fresh. */
function tree(files: Record<string, string>): string {
  const root = path.join(TMP, `repo-${++counter}`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

describe('the git commit of a checkout, read without git', () => {
  it('follows HEAD to a loose branch ref', () => {
    expect(readGitCommit(tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n` }))).toBe(A);
  });

  it('finds a branch only in packed-refs, and a detached HEAD', () => {
    const packed = `# pack-refs with: peeled fully-peeled sorted\n${A} refs/heads/other\n${B} refs/heads/main\n`;
    expect(readGitCommit(tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/packed-refs': packed }))).toBe(B);
    expect(readGitCommit(tree({ '.git/HEAD': `${B}\n` }))).toBe(B);
  });

  it('follows a linked worktree’s .git file to its HEAD and the common directory’s refs', () => {
    const main = tree({ '.git/refs/heads/wt': `${B}\n`, '.git/worktrees/wt/HEAD': 'ref: refs/heads/wt\n', '.git/worktrees/wt/commondir': '../..\n' });
    const wt = tree({ '.git': `gitdir: ${path.join(main, '.git/worktrees/wt')}\n` });
    expect(readGitCommit(wt)).toBe(B);
  });

  it('is undefined outside a checkout or when HEAD or its ref is missing or malformed', () => {
    expect(readGitCommit(tree({ 'package.json': '{}' }))).toBeUndefined();
    expect(readGitCommit(tree({ '.git/HEAD': 'ref: refs/heads/gone\n' }))).toBeUndefined();
    expect(readGitCommit(tree({ '.git/HEAD': 'garbage\n' }))).toBeUndefined();
    expect(readGitCommit(tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': 'not a sha\n' }))).toBeUndefined();
    expect(readGitCommit(tree({ '.git': 'not a link\n' }))).toBeUndefined();
  });

  it('reads this repository’s own HEAD as git does', () => {
    let git: string | undefined;
    try {
      git = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: process.cwd(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      git = undefined; // no git, or not a checkout (a source archive): nothing to compare with
    }
    if (git !== undefined) expect(readGitCommit(process.cwd())).toBe(git);
  });
});

describe('the manifest’s gitCommit', () => {
  const result: Result = { scenario: 'fake', seed: 1, months: 1, paramsHash: 'p', resultHash: 'r', firmTypes: [], series: [{ metric: 'headcount', group: 'all', values: Float64Array.of(1) }] };
  const input = { params: { ...cloneParams(DEFAULTS), name: 'fake' }, result, source: 'fake.json', pkg: { name: 'tokensim', version: '0' }, argv: ['run'] };

  it('is recorded after the package when known, and omitted outside a checkout', () => {
    const m = buildManifest({ ...input, gitCommit: A });
    expect(m.gitCommit).toBe(A);
    const keys = Object.keys(m);
    expect(keys.indexOf('gitCommit')).toBe(keys.indexOf('package') + 1);
    expect('gitCommit' in buildManifest({ ...input, gitCommit: null })).toBe(false);
  });

  it('defaults to the package’s own checkout', () => {
    expect(buildManifest(input).gitCommit).toBe(readGitCommit());
  });
});
