/**
 * Small, pure, platform-independent hashes for provenance (scenario and result hashes).
 * Four murmur3-style lanes with different seeds, each fed every 32-bit word, give a 128-bit
 * digest as 32 hex digits. Not cryptographic: it identifies runs, it does not protect them.
 */

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

/** murmur3's finaliser: every input bit affects every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Incremental hasher over 32-bit words; feed strings or float arrays, then `digest()`. */
export class Hasher {
  private readonly lanes = Int32Array.from([0x9747b28c, 0x2545f491, 0x6a09e667, 0x3c6ef372]);
  private words = 0;
  private readonly view = new DataView(new ArrayBuffer(8));

  word(w: number): this {
    let k = Math.imul(w | 0, 0xcc9e2d51);
    k = rotl(k, 15);
    k = Math.imul(k, 0x1b873593);
    const l = this.lanes;
    for (let j = 0; j < 4; j++) {
      let h = l[j] ^ Math.imul(k, 2 * j + 1);
      h = rotl(h, 13);
      l[j] = (Math.imul(h, 5) + 0xe6546b64) | 0;
    }
    this.words += 1;
    return this;
  }

  string(s: string): this {
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    return this.word(s.length);
  }

  /** Hashes the exact bits of each double, little-endian on any platform (so -0 and NaN payloads count). */
  floats(a: Float64Array): this {
    const v = this.view;
    for (let i = 0; i < a.length; i++) {
      v.setFloat64(0, a[i], true);
      this.word(v.getUint32(0, true));
      this.word(v.getUint32(4, true));
    }
    return this.word(a.length);
  }

  digest(): string {
    let out = '';
    for (let j = 0; j < 4; j++) out += fmix(this.lanes[j] ^ this.words ^ j).toString(16).padStart(8, '0');
    return out;
  }
}

/** Hash of a string (e.g. canonical JSON of resolved parameters). */
export function hashString(s: string): string {
  return new Hasher().string(s).digest();
}

/** JSON with object keys sorted at every level, so equal objects give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
