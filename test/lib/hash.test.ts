import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, HASH_ALGORITHM, Hasher, hashString, useSha256 } from '../../sim/lib/hash.ts';

const floatsDigest = (a: Float64Array) => new Hasher().floats(a).digest();

/** SHA-256 by Node's OpenSSL binding: an implementation independent of the one under test. */
const openssl = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The documented framing, built by hand: u32 LE length, then the bytes. */
function framedString(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** The documented framing of a float array: u32 LE count, then each double little-endian. */
function framedFloats(values: number[]): Buffer {
  const out = Buffer.alloc(4 + 8 * values.length);
  out.writeUInt32LE(values.length, 0);
  values.forEach((v, k) => out.writeDoubleLE(v, 4 + 8 * k));
  return out;
}

describe('SHA-256 and the canonical encoding', () => {
  it('is standard SHA-256: the FIPS 180-4 examples', () => {
    expect(HASH_ALGORITHM).toBe('sha256');
    expect(hashString('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashString('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashString('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('hashString is SHA-256 of the UTF-8 bytes, as an independent implementation computes it', () => {
    for (const s of ['', 'tokensim', '€ ünïcode ✓ 🙂', 'x'.repeat(100_000), canonicalJson({ b: [1.5, -0.1], a: 'z' })]) {
      expect(hashString(s)).toBe(openssl(Buffer.from(s, 'utf8')));
    }
  });

  it('Hasher feeds exactly the documented bytes: length-prefixed UTF-8, count-prefixed little-endian doubles', () => {
    const values = [1, 0.1, -2.5e300, 1e-310, Math.PI, -0, Infinity, Number.NaN];
    const got = new Hasher().string('wealth_mean').string('bigtech').floats(Float64Array.from(values)).string('€').digest();
    const want = openssl(Buffer.concat([framedString('wealth_mean'), framedString('bigtech'), framedFloats(values), framedString('€')]));
    expect(got).toBe(want);
  });

  it('the copying path (big-endian hosts) feeds the same bytes, across chunk boundaries and for views', () => {
    for (const n of [0, 1, 1023, 1024, 1025, 5000]) {
      const a = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10 ** (i % 40));
      expect(new Hasher().floatsCopied(a).digest(), `n ${n}`).toBe(floatsDigest(a));
    }
    const big = Float64Array.from({ length: 3000 }, (_, i) => i / 7);
    const view = big.subarray(17, 2900);
    expect(new Hasher().floatsCopied(view).digest()).toBe(floatsDigest(Float64Array.from(view)));
  });
});

describe('the SHA-256 implementation in use (useSha256)', () => {
  /** Every kind of input the hashes take: text, framed strings, doubles and views into a larger buffer. */
  const digests = (): string[] => {
    const packed = Float64Array.from({ length: 5000 }, (_, i) => Math.cos(i) * 10 ** (i % 30));
    return [
      hashString(''),
      hashString('€ ünïcode ✓ 🙂'),
      hashString('x'.repeat(70_001)),
      new Hasher().string('cash_base_mean').string('all').floats(packed.subarray(120, 240)).floats(packed.subarray(4999)).digest(),
      new Hasher().floats(new Float64Array(0)).string('').digest(),
      new Hasher().floatsCopied(packed.subarray(3, 4000)).digest(),
    ];
  };

  it("node's native SHA-256 (what the CLI installs) gives the JavaScript implementation's digests", async () => {
    const js = digests();
    try {
      await import('../../sim/cli/nativeHash.ts');
      const native = digests();
      expect(native).toEqual(js);
      // The native one really was in use: the same digests from a counting wrapper of it.
      let calls = 0;
      useSha256(() => {
        calls++;
        return createHash('sha256');
      });
      expect(digests()).toEqual(js);
      expect(calls).toBe(6);
    } finally {
      useSha256(() => sha256.create());
    }
  });
});

describe('hash', () => {
  it('equal strings and equal float arrays give equal digests', () => {
    expect(hashString('tokensim scenario')).toBe(hashString('tokensim scenario'));
    const a = Float64Array.from([1, 0.1, -2.5e300, 1e-310, Math.PI]);
    expect(floatsDigest(a)).toBe(floatsDigest(Float64Array.from(a)));
  });

  it('a digest is 64 lowercase hex digits (256 bits) for every input', () => {
    const inputs = ['', 'a', 'b', 'ab', 'x'.repeat(10_000), '€ ünïcode ✓', '{"a":1}'];
    const digests = inputs.map(hashString);
    for (const d of digests) expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(digests).size).toBe(inputs.length);
  });

  it('flipping any one of the 64 bits of one double changes the digest', () => {
    const base = Float64Array.from([0.5, 123.456, -7]);
    const ref = floatsDigest(base);
    for (let bit = 0; bit < 64; bit++) {
      const a = Float64Array.from(base);
      new Uint8Array(a.buffer)[8 + (bit >> 3)] ^= 1 << (bit & 7); // a bit of the second element
      expect(floatsDigest(a), `bit ${bit}`).not.toBe(ref);
    }
  });

  it('hashes exact bits: −0 and 0 differ, and so do two NaN payloads', () => {
    expect(floatsDigest(Float64Array.from([-0]))).not.toBe(floatsDigest(Float64Array.from([0])));
    const nan1 = new Float64Array(1);
    const nan2 = new Float64Array(1);
    new DataView(nan1.buffer).setUint32(0, 0x7ff80000, true); // little-endian layout set explicitly
    new DataView(nan1.buffer).setUint32(4, 0x7ff80000, true);
    new DataView(nan2.buffer).setUint32(0, 0x7ff80001, true);
    new DataView(nan2.buffer).setUint32(4, 0x7ff80000, true);
    expect(Number.isNaN(nan1[0]) && Number.isNaN(nan2[0])).toBe(true);
    expect(floatsDigest(nan1)).not.toBe(floatsDigest(nan2));
  });

  it('array length is hashed: a trailing zero or a split string changes the digest', () => {
    expect(floatsDigest(Float64Array.from([1, 2]))).not.toBe(floatsDigest(Float64Array.from([1, 2, 0])));
    expect(new Hasher().string('ab').digest()).not.toBe(new Hasher().string('a').string('b').digest());
    expect(new Hasher().floats(new Float64Array(0)).digest()).not.toBe(new Hasher().digest());
  });

  it('hashes a view of a larger buffer by its own elements only', () => {
    const big = Float64Array.from([9, 1, 2, 3, 9]);
    expect(floatsDigest(big.subarray(1, 4))).toBe(floatsDigest(Float64Array.from([1, 2, 3])));
  });

  it('a thousand nearby strings give a thousand distinct digests', () => {
    const ds = new Set(Array.from({ length: 1000 }, (_, i) => hashString(`seed=${i}`)));
    expect(ds.size).toBe(1000);
  });

  it('is order-sensitive in the words fed', () => {
    expect(new Hasher().string('a').string('b').digest()).not.toBe(new Hasher().string('b').string('a').digest());
    expect(hashString('ab')).not.toBe(hashString('ba'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order (worked by hand)', () => {
    const v = { b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } };
    expect(canonicalJson(v)).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
  });

  it('ignores key insertion order, so reordered objects hash the same', () => {
    const x = { market: { listPriceInitial: 8, events: [{ startMonth: 24, months: 12 }] }, name: 'x' };
    const y = { name: 'x', market: { events: [{ months: 12, startMonth: 24 }], listPriceInitial: 8 } };
    expect(canonicalJson(x)).toBe(canonicalJson(y));
    expect(hashString(canonicalJson(x))).toBe(hashString(canonicalJson(y)));
  });

  it('keeps array order significant', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: [{ k: 1 }, { k: 2 }] })).not.toBe(canonicalJson({ a: [{ k: 2 }, { k: 1 }] }));
  });

  it('leaves scalars and null as JSON.stringify writes them', () => {
    for (const v of [0, -1.5, 'text', true, null]) expect(canonicalJson(v)).toBe(JSON.stringify(v));
  });

  it('does not mutate its input', () => {
    const v = { z: 1, a: [3, 2, 1] };
    canonicalJson(v);
    expect(Object.keys(v)).toEqual(['z', 'a']);
    expect(v.a).toEqual([3, 2, 1]);
  });
});

describe('Hasher catches paired changes', () => {
  const digest = (a: number[] | Float64Array) => new Hasher().floats(Float64Array.from(a)).digest();

  it('flipping the signs of two values changes the digest', () => {
    expect(digest([1, 2])).not.toBe(digest([-1, -2]));
    expect(digest([-1, 2])).not.toBe(digest([1, -2]));
    expect(digest([0.25, 3, 7.5, -2])).not.toBe(digest([-0.25, -3, 7.5, -2]));
  });

  it('flipping the same bit in two different words changes the digest', () => {
    for (let bit = 0; bit < 32; bit++) {
      const a = Float64Array.from([1.5, 2.25, 3.125, 4.0625]);
      const b = a.slice();
      const words = new Uint32Array(b.buffer);
      words[1] ^= 1 << bit;
      words[6] ^= 1 << bit;
      expect(digest(b), `bit ${bit}`).not.toBe(digest(a));
    }
  });
});
