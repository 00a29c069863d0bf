/**
 * Small, pure, platform-independent hashes for provenance (scenario and result hashes).
 * cyrb53-style mixing run twice with different seeds gives a 106-bit digest as 27 hex digits
 * (not cryptographic; it identifies runs, it does not protect them).
 */

function mix(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hi = (h2 >>> 0).toString(16).padStart(8, '0');
  const lo = (h1 >>> 0).toString(16).padStart(8, '0');
  return hi + lo;
}

/** Incremental hasher over 32-bit words; feed strings or float arrays, then `digest()`. */
export class Hasher {
  private a1 = 0xdeadbeef;
  private a2 = 0x41c6ce57;
  private b1 = 0x9e3779b9;
  private b2 = 0x85ebca6b;

  word(w: number): this {
    this.a1 = Math.imul(this.a1 ^ w, 2654435761);
    this.a2 = Math.imul(this.a2 ^ w, 1597334677);
    this.b1 = Math.imul(this.b1 ^ w, 2246822519);
    this.b2 = Math.imul(this.b2 ^ w, 3266489917);
    return this;
  }

  string(s: string): this {
    for (let i = 0; i < s.length; i++) this.word(s.charCodeAt(i));
    return this.word(s.length);
  }

  /** Hashes the exact bits of each double (so -0, NaN payloads and rounding all count). */
  floats(a: Float64Array): this {
    const words = new Uint32Array(a.buffer, a.byteOffset, a.length * 2);
    for (let i = 0; i < words.length; i++) this.word(words[i]);
    return this.word(a.length);
  }

  digest(): string {
    return mix(this.a1, this.a2) + mix(this.b1, this.b2);
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
