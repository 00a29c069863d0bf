/**
 * Streamed, all-or-nothing output for commands whose files grow as runs finish: files are
 * opened in a temporary sibling directory `<dir>.tmp-<pid>` (see tempDirFor), appended to in
 * order, flushed, and only on `commit()` renamed into `<dir>` (created if needed, with any
 * subdirectories). `discard()` — on an error or Ctrl-C — removes the temporary directory and
 * any directory the commit had created, so a failed run leaves no half-written file and no
 * new directory; files of an earlier run in `<dir>` stay untouched until a commit replaces them.
 */
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { tempDirFor } from './writeFilesAtomically.ts';

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

/** Writes the whole of `text`, looping over partial writes. */
async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

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
    const tempDir = tempDirFor(outDir, tag);
    await rm(tempDir, { recursive: true, force: true }); // a stale one from a crashed run with this pid
    const created = await mkdir(tempDir, { recursive: true });
    return new StagedOutput(outDir, tempDir, created ?? tempDir);
  }

  /** Creates `name` (a relative path; subdirectories allowed) in the temporary directory. */
  async open(name: string): Promise<StagedFile> {
    if (this.finished) throw new Error('staged output already committed or discarded');
    const file = path.join(this.tempDir, name);
    await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(file, 'wx');
    const staged: OpenFile = {
      name,
      handle,
      tail: Promise.resolve(),
      append(chunks) {
        const next = staged.tail.then(async () => {
          for (const chunk of chunks) await writeAll(handle, chunk);
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
   */
  async commit(): Promise<string[]> {
    if (this.finished) throw new Error('staged output already committed or discarded');
    const created: string[] = [];
    try {
      for (const f of this.files) {
        await f.tail;
        await f.handle.sync();
        await f.handle.close();
      }
      for (const f of this.files) {
        const target = path.resolve(this.outDir, f.name);
        const first = await mkdir(path.dirname(target), { recursive: true });
        if (first) created.push(first);
        await rename(path.join(this.tempDir, f.name), target);
      }
      this.finished = true;
      await rm(this.tempDir, { recursive: true, force: true });
      return this.files.map((f) => path.join(this.outDir, f.name));
    } catch (err) {
      await this.discard();
      for (const dir of created.reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
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
    await rm(this.createdForTemp, { recursive: true, force: true }).catch(() => undefined);
  }
}
