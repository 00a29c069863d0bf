/**
 * Every file the CLI writes goes through this module, so a failed or interrupted command never
 * leaves a half-written file behind. Two shapes share the same primitives (open a new file,
 * write it whole, flush it — fileWrites.ts — then rename it into place; on failure remove what was made):
 *
 * - StagedOutput: files are streamed into a temporary directory (tempDirFor) on the
 *   filesystem of `<dir>` — inside it, `<dir>/.tokensim-tmp-<pid>`, when `<dir>` exists (it
 *   may be a mount point, such as a container volume, where a sibling would be on another
 *   filesystem), else the sibling `<dir>.tmp-<pid>` — appended to in order, flushed, and only
 *   on `commit()` renamed into `<dir>` (created if needed, with any subdirectories). Should a
 *   rename still cross filesystems (EXDEV: a subdirectory that is itself a mount point), the
 *   file is copied to a hidden sibling of its target, flushed, and renamed there instead. `discard()` — on an error or Ctrl-C —
 *   removes the temporary directory and any directory the call created (a missing parent
 *   included); files of an earlier run in `<dir>` stay untouched until a commit replaces them.
 *   writeFilesAtomically is the same for files whose text is known up front. A staging
 *   directory left by a killed process (`<dir>.tmp-<pid>` whose process is gone) is removed
 *   by the next StagedOutput for the same `<dir>` (clearStaleTempDirs).
 * - writeFileAtomic: one file, written to a hidden temporary sibling, flushed and renamed, so
 *   a crash or a kill leaves either the whole file or none. Missing directories are created
 *   and kept even on failure: concurrent writers share them (a sweep's runs/), and removing one
 *   between another writer's mkdir and its open would fail that writer too.
 */
import { copyFile, lstat, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { flushAndClose, openNew, writeAll, writeChunks } from './fileWrites.ts';
import path from 'node:path';

/** Thrown when an abort signal stops a write (the CLI maps it to exit code 130). */
export class WriteAbortedError extends Error {
  override name = 'WriteAbortedError';
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WriteAbortedError('interrupted');
}

/** Name of the temporary directory made inside an existing output directory. */
export const INSIDE_TEMP_PREFIX = '.tokensim-tmp-';

/**
 * The temporary directory used for `outDir`: inside it when it already exists (`inside`), else
 * its sibling; `tag` defaults to the process id.
 */
export function tempDirFor(outDir: string, tag: string | number = process.pid, inside = false): string {
  const dir = path.resolve(outDir);
  return inside ? path.join(dir, `${INSIDE_TEMP_PREFIX}${tag}`) : `${dir}.tmp-${tag}`;
}

const isDirectory = async (p: string): Promise<boolean> => (await stat(p).catch(() => undefined))?.isDirectory() ?? false;

/**
 * Fails early, before anything is written, when `outDir` exists and is not a directory.
 * Callers use it to reject a bad `--out` before spending time on a simulation.
 */
export async function assertUsableOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new Error(`--out ${outDir} exists and is not a directory`);
}

// ---------------------------------------------------------------------------------------
// Primitives

/** A directory the output needs cannot be created (a read-only or virtual file system, a file in the way). */
export class OutputDirError extends Error {
  override name = 'OutputDirError';
}

/** `ENOENT: no such file or directory, mkdir '/x'` → `no such file or directory`. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '').split('\n')[0];
}

const codeOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** Whether `p` exists (following links); other failures than ENOENT are thrown. */
async function statOrUndefined(p: string): Promise<Awaited<ReturnType<typeof stat>> | undefined> {
  try {
    return await stat(p);
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Creates `dir` and missing parents, one level at a time; returns the outermost directory
 * created, if any. Node's own `mkdir(…, { recursive: true })` never settles where the kernel
 * refuses a directory with ENOENT although its parent exists (under /proc), so it is not used.
 * Another writer creating the same directory meanwhile is fine; a failure is an OutputDirError.
 */
async function makeDir(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  try {
    for (;;) {
      const info = await statOrUndefined(at);
      if (info) {
        if (!info.isDirectory()) throw new OutputDirError(`cannot create directory ${dir}: ${at} is not a directory`);
        break;
      }
      missing.push(at);
      const parent = path.dirname(at);
      if (parent === at) break;
      at = parent;
    }
    let first: string | undefined;
    for (const d of missing.reverse()) {
      try {
        await mkdir(d);
        first ??= d;
      } catch (err) {
        if (codeOf(err) !== 'EEXIST' || !(await statOrUndefined(d))?.isDirectory()) throw err;
      }
    }
    return first;
  } catch (err) {
    if (err instanceof OutputDirError) throw err;
    throw new OutputDirError(`cannot create directory ${dir}: ${reasonOf(err)}`);
  }
}

/** Removes directories made by makeDir, the last made first; errors are ignored. */
async function removeMade(dirs: readonly string[]): Promise<void> {
  for (const dir of [...dirs].reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Renames `from` to `to`; across filesystems (EXDEV), copies it to a hidden sibling of `to`,
 * flushes that and renames it into place, so `to` is still replaced whole or not at all.
 */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
  }
  const tmp = tempFileFor(to);
  try {
    await copyFile(from, tmp);
    await flushAndClose(await open(tmp, 'r+'));
    await rename(tmp, to);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await rm(from, { force: true });
}

/** The chunks, checking the signal before each one. */
function* untilAborted(chunks: Iterable<string>, signal: AbortSignal | undefined): Generator<string> {
  for (const chunk of chunks) {
    checkAborted(signal);
    yield chunk;
  }
}

// ---------------------------------------------------------------------------------------
// A staged directory

/** One file being written; appends are queued, so calls need not await each other. */
export interface StagedFile {
  /** Path relative to the output directory, e.g. `baseline/series.csv`. */
  readonly name: string;
  /** Appends the chunks in order; resolves once they are written (rejects on a write error). */
  append(chunks: Iterable<string>): Promise<void>;
}

interface OpenFile extends StagedFile {
  handle: FileHandle;
  /** The last queued append. */
  tail: Promise<void>;
}

const FINISHED = 'staged output already committed or discarded';

export class StagedOutput {
  readonly outDir: string;
  readonly tempDir: string;
  private readonly files: OpenFile[] = [];
  private finished = false;
  /** The outermost directory created to hold the temporary one (itself, or a missing parent). */
  private readonly createdForTemp: string;

  private constructor(outDir: string, tempDir: string, createdForTemp: string) {
    this.outDir = outDir;
    this.tempDir = tempDir;
    this.createdForTemp = createdForTemp;
  }

  /** Creates the (empty) temporary directory for `outDir`; `tag` defaults to the process id. */
  static async create(outDir: string, tag: string | number = process.pid): Promise<StagedOutput> {
    const tempDir = tempDirFor(outDir, tag, await isDirectory(outDir));
    // A stale one from a crashed run with this pid; a path that cannot exist fails in makeDir.
    await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
    await clearStaleTempDirs(outDir);
    const created = await makeDir(tempDir);
    return new StagedOutput(outDir, tempDir, created ?? tempDir);
  }

  /** Creates `name` (a relative path; subdirectories allowed) in the temporary directory. */
  async open(name: string): Promise<StagedFile> {
    if (this.finished) throw new Error(FINISHED);
    const file = path.join(this.tempDir, name);
    await makeDir(path.dirname(file));
    const handle = await openNew(file);
    const staged: OpenFile = {
      name,
      handle,
      tail: Promise.resolve(),
      append(chunks) {
        const next = staged.tail.then(async () => {
          await writeChunks(handle, chunks);
        });
        // A failed append fails every later one too (the file is no longer whole).
        staged.tail = next;
        return next;
      },
    };
    this.files.push(staged);
    return staged;
  }

  /**
   * Waits for queued appends, flushes and closes every file, then renames each into
   * `outDir` (replacing files of the same name; other files there are kept).
   * Returns the paths written, joined onto `outDir` as given, in the order opened.
   * On failure everything is discarded, directories made for the targets included.
   */
  async commit(): Promise<string[]> {
    if (this.finished) throw new Error(FINISHED);
    const made: string[] = [];
    try {
      for (const f of this.files) {
        await f.tail;
        await flushAndClose(f.handle);
      }
      for (const f of this.files) {
        const target = path.resolve(this.outDir, f.name);
        const first = await makeDir(path.dirname(target));
        if (first) made.push(first);
        await moveFile(path.join(this.tempDir, f.name), target);
      }
      this.finished = true;
      await rm(this.tempDir, { recursive: true, force: true });
      return this.files.map((f) => path.join(this.outDir, f.name));
    } catch (err) {
      await this.discard();
      await removeMade(made);
      throw err;
    }
  }

  /**
   * Closes every file and removes the temporary directory, with any parent directory made
   * for it; safe to call more than once.
   */
  async discard(): Promise<void> {
    this.finished = true;
    await Promise.all(
      this.files.map(async (f) => {
        await f.tail.catch(() => undefined);
        await f.handle.close().catch(() => undefined);
      }),
    );
    await removeMade([this.createdForTemp]);
  }
}

/** Whether process `pid` is gone: signal 0 checks without sending (EPERM means it is alive). */
function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return codeOf(err) === 'ESRCH';
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Removes the staging directories of `outDir` left by processes that are gone (killed with
 * SIGKILL, or a machine that lost power): siblings named exactly `<dir>.tmp-<pid>` or
 * `<dir>.tmp-<pid>-<word>` (tempDirFor's names) that are directories, not links, and whose
 * pid is neither this process nor a live one. Nothing else is touched; errors are ignored.
 * Returns the directories removed.
 */
export async function clearStaleTempDirs(outDir: string): Promise<string[]> {
  const target = path.resolve(outDir);
  const suffix = '([1-9][0-9]{0,9})(?:-[a-z]+)?$';
  const removed: string[] = [];
  // Staging beside the output directory, and inside it when it already existed.
  const places: [string, RegExp][] = [
    [path.dirname(target), new RegExp(`^${escapeRegExp(path.basename(target))}\\.tmp-${suffix}`)],
    [target, new RegExp(`^${escapeRegExp(INSIDE_TEMP_PREFIX)}${suffix}`)],
  ];
  for (const [parent, pattern] of places) {
    const names = await readdir(parent).catch(() => [] as string[]);
    for (const name of names) {
      const pid = Number(pattern.exec(name)?.[1]);
      if (!Number.isSafeInteger(pid) || pid === process.pid || !processGone(pid)) continue;
      const dir = path.join(parent, name);
      const info = await lstat(dir).catch(() => undefined);
      if (!info?.isDirectory()) continue;
      await rm(dir, { recursive: true, force: true }).then(
        () => removed.push(dir),
        () => undefined,
      );
    }
  }
  return removed;
}

/** One file to write: its name inside the directory and its text, in chunks. */
export interface OutputFile {
  name: string;
  chunks: Iterable<string>;
}

export interface AtomicWriteOptions {
  /** Aborting stops the write between chunks and removes everything written so far. */
  signal?: AbortSignal;
  /** Suffix of the temporary directory; the process id by default. */
  tag?: string | number;
}

/**
 * Writes `files` into `outDir` all or nothing, through a StagedOutput (see the module comment).
 * Existing files of the same names are replaced; other files in `outDir` are left alone.
 * Returns the paths written, joined onto `outDir` as given.
 */
export async function writeFilesAtomically(outDir: string, files: readonly OutputFile[], options: AtomicWriteOptions = {}): Promise<string[]> {
  const { signal } = options;
  checkAborted(signal);
  const staged = await StagedOutput.create(outDir, options.tag);
  try {
    for (const f of files) await (await staged.open(f.name)).append(untilAborted(f.chunks, signal));
    checkAborted(signal);
  } catch (err) {
    await staged.discard();
    throw err;
  }
  return staged.commit();
}

// ---------------------------------------------------------------------------------------
// A single file

let tempCounter = 0;

/** The hidden temporary sibling a single file is written to before its rename. */
const tempFileFor = (file: string): string => path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}-${++tempCounter}`);

/** Writes `text` to `file` all or nothing: a hidden temporary sibling, flush, rename. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await makeDir(path.dirname(path.resolve(file)));
  const tmp = tempFileFor(file);
  try {
    const handle = await openNew(tmp);
    try {
      await writeAll(handle, text);
    } catch (err) {
      await handle.close().catch(() => undefined);
      throw err;
    }
    await flushAndClose(handle);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
