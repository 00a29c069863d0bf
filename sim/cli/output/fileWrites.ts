/**
 * The file-writing primitives under atomicOutput.ts: a file that must not exist yet, its text
 * written whole (looping over partial writes), chunk after chunk with the next one made while
 * the last is written, then flushed and closed. Where the file goes and what happens on
 * failure is atomicOutput.ts's concern.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** Opens a file that must not exist yet. */
export const openNew = (file: string): Promise<FileHandle> => open(file, 'wx');

/** Writes the whole of `text`, looping over partial writes. */
export const writeAll = (handle: FileHandle, text: string): Promise<void> => writeBytes(handle, Buffer.from(text, 'utf8'));

/**
 * Writes the chunks in order, making each next chunk while the previous one is being written
 * (a write runs on libuv's threads, so producing and writing overlap); at most one write is in
 * flight, and none is left running when this settles, whether it resolves or rejects.
 */
export async function writeChunks(handle: Pick<FileHandle, 'write'>, chunks: Iterable<string>): Promise<void> {
  let pending: Promise<void> | undefined;
  try {
    for (const chunk of chunks) {
      const bytes = Buffer.from(chunk, 'utf8');
      if (pending) await pending;
      pending = writeBytes(handle, bytes);
    }
  } catch (err) {
    // The write in flight settles first; the error reported is the first one (an abort, a
    // failed chunk or a failed write).
    await pending?.catch(() => undefined);
    throw err;
  }
  if (pending) await pending;
}

/** Writes the whole of `bytes`, looping over partial writes. */
async function writeBytes(handle: Pick<FileHandle, 'write'>, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
    offset += bytesWritten;
  }
}

/** Flushes a file to disk and closes it (closing even when the flush fails). */
export async function flushAndClose(handle: FileHandle): Promise<void> {
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
