/**
 * All-or-nothing output: files are streamed into a temporary sibling directory
 * `<dir>.tmp-<pid>`, flushed to disk, and only then renamed into `<dir>` (created if needed).
 * On any error or abort the temporary directory — and any parent directories this call
 * created — are removed, so a failed or interrupted run leaves no half-written file behind.
 */
import { mkdir, open, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';

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

/** The temporary sibling directory used for `outDir`. */
export function tempDirFor(outDir: string, tag: string | number = process.pid): string {
  return `${path.resolve(outDir)}.tmp-${tag}`;
}

/** Thrown when the signal aborts a write. */
export class WriteAbortedError extends Error {
  override name = 'WriteAbortedError';
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WriteAbortedError('interrupted');
}

async function writeOne(file: string, chunks: Iterable<string>, signal: AbortSignal | undefined): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    for (const chunk of chunks) {
      checkAborted(signal);
      await handle.write(chunk, null, 'utf8');
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Fails early, before anything is written, when `outDir` exists and is not a directory.
 * Callers use it to reject a bad `--out` before spending time on a simulation.
 */
export async function assertUsableOutDir(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new Error(`--out ${outDir} exists and is not a directory`);
}

/**
 * Writes `files` into `outDir` atomically per run (see the module comment). Existing files
 * of the same names are replaced; other files in `outDir` are left alone.
 * Returns the paths written, joined onto `outDir` as given.
 */
export async function writeFilesAtomically(
  outDir: string,
  files: readonly OutputFile[],
  options: AtomicWriteOptions = {},
): Promise<string[]> {
  const { signal } = options;
  const finalDir = path.resolve(outDir);
  const tmp = tempDirFor(outDir, options.tag);
  // Directories this call created, outermost first; removed again on failure.
  const created: string[] = [];
  try {
    checkAborted(signal);
    await rm(tmp, { recursive: true, force: true }); // a stale one from a crashed run with this pid
    const firstTmp = await mkdir(tmp, { recursive: true });
    if (firstTmp) created.push(firstTmp);
    for (const f of files) await writeOne(path.join(tmp, f.name), f.chunks, signal);
    checkAborted(signal);
    const firstOut = await mkdir(finalDir, { recursive: true });
    if (firstOut) created.push(firstOut);
    for (const f of files) await rename(path.join(tmp, f.name), path.join(finalDir, f.name));
    await rmdir(tmp);
    return files.map((f) => path.join(outDir, f.name));
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    for (const dir of created.reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}
