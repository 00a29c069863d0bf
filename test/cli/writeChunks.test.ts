/**
 * writeChunks (sim/cli/output/fileWrites.ts): a staged file's chunks are written in order,
 * the next one made while the previous one is being written, at most one write in flight, none
 * left running when it settles, and the first error is the one reported.
 */
import { describe, expect, it } from 'vitest';
import { writeChunks } from '../../sim/cli/output/fileWrites.ts';

/** A file handle whose writes take a turn of the event loop, write at most `most` bytes each, and log what happens. */
function fakeHandle(log: string[], most = 3, failAt = -1) {
  const bytes: number[] = [];
  let calls = 0;
  let inFlight = 0;
  return {
    bytes,
    handle: {
      async write(buffer: Uint8Array, offset: number, length: number) {
        const call = calls++;
        inFlight++;
        expect(inFlight).toBe(1);
        log.push(`write ${call} start`);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        log.push(`write ${call} end`);
        if (call === failAt) throw new Error(`write ${call} failed`);
        const n = Math.min(most, length);
        for (let i = 0; i < n; i++) bytes.push(buffer[offset + i]);
        return { bytesWritten: n, buffer };
      },
    },
  };
}

describe('writeChunks', () => {
  it('writes every byte in order through partial writes, making the next chunk while the last is written', async () => {
    const log: string[] = [];
    const { bytes, handle } = fakeHandle(log, 4);
    const parts = ['alpha,', 'β-beta,', '', 'gamma\n'];
    function* chunks(): Generator<string> {
      for (const [k, p] of parts.entries()) {
        log.push(`made ${k}`);
        yield p;
      }
    }
    await writeChunks(handle as never, chunks());
    expect(Buffer.from(bytes).toString('utf8')).toBe(parts.join(''));
    // Chunk 1 is made before chunk 0's first write has ended.
    expect(log.indexOf('made 1')).toBeLessThan(log.indexOf('write 0 end'));
    expect(log.at(-1)).toMatch(/^write \d+ end$/);
  });

  it('reports a failed write, and stops: no later write, no chunk made beyond the next', async () => {
    const log: string[] = [];
    const { handle } = fakeHandle(log, 100, 0);
    let made = 0;
    function* chunks(): Generator<string> {
      for (let k = 0; k < 5; k++) {
        made++;
        yield `chunk ${k}\n`;
      }
    }
    await expect(writeChunks(handle as never, chunks())).rejects.toThrow('write 0 failed');
    expect(log.filter((l) => l.endsWith('start'))).toEqual(['write 0 start']);
    expect(made).toBe(2);
  });

  it('when making a chunk fails, lets the write in flight end first and reports that failure', async () => {
    const log: string[] = [];
    const { bytes, handle } = fakeHandle(log, 100);
    function* chunks(): Generator<string> {
      yield 'first\n';
      log.push('failing');
      throw new Error('disk full');
    }
    await expect(writeChunks(handle as never, chunks())).rejects.toThrow('disk full');
    expect(log).toEqual(['write 0 start', 'failing', 'write 0 end']);
    expect(Buffer.from(bytes).toString('utf8')).toBe('first\n');
  });
});
