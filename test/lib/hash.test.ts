import { describe, expect, it } from 'vitest';
import { canonicalJson, Hasher, hashString } from '../../sim/lib/hash.ts';

const floatsDigest = (a: Float64Array) => new Hasher().floats(a).digest();

describe('hash', () => {
  it('equal strings and equal float arrays give equal digests', () => {
    expect(hashString('tokensim scenario')).toBe(hashString('tokensim scenario'));
    const a = Float64Array.from([1, 0.1, -2.5e300, 1e-310, Math.PI]);
    expect(floatsDigest(a)).toBe(floatsDigest(Float64Array.from(a)));
  });

  it('a digest is lowercase hex of the same length for every input (two 64-bit halves: 32 digits)', () => {
    // digest() = mix(a) + mix(b); each mix prints two 32-bit words zero-padded to 8 hex digits.
    const inputs = ['', 'a', 'b', 'ab', 'x'.repeat(10_000), '€ ünïcode ✓', '{"a":1}'];
    const digests = inputs.map(hashString);
    for (const d of digests) expect(d).toMatch(/^[0-9a-f]{32}$/);
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

describe('Hasher resists paired changes (regression)', () => {
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
