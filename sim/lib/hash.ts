/**
 * Provenance hashes: SHA-256 (FIPS 180-4: @noble/hashes, audited and dependency-free, in the
 * browser; the CLI installs Node's native implementation, useSha256), written as 64 lowercase
 * hex digits.
 * Every hash tokensim writes or compares is one of these, over these bytes:
 *
 * - Text (`hashString`): the UTF-8 bytes of the string, nothing added. JSON is first made
 *   canonical (`canonicalJson`: object keys sorted by UTF-16 code units at every level, array
 *   order kept, no whitespace, numbers as JSON.stringify writes them — the shortest text that
 *   reads back to the same double, identical in every JavaScript engine). So `paramsHash` is
 *   `sha256sum` of the canonical JSON of the resolved parameters, and `scenarioHash` that of
 *   the scenario file's JSON.
 * - A stream of fields (`Hasher`): a string is its UTF-8 byte length (unsigned 32-bit,
 *   little-endian) then its UTF-8 bytes; a float array is its element count (unsigned 32-bit,
 *   little-endian) then each element's exact IEEE-754 binary64 bits, 8 bytes little-endian
 *   (so −0 differs from 0, and NaN payloads count). `resultHash` is this over every series in
 *   the engine's declaration order: metric, group, values.
 *
 * Lengths come first so that no two different field sequences give the same bytes. Strings
 * are encoded as TextEncoder does (a lone surrogate becomes U+FFFD).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, isLE, utf8ToBytes } from '@noble/hashes/utils.js';

/** The algorithm of every hash, as manifests and sweep files name it. */
export const HASH_ALGORITHM = 'sha256';

/** One line for manifests: the bytes each kind of hash covers (details above). */
export const HASH_ENCODING =
  'SHA-256, lowercase hex. scenarioHash, paramsHash, sweepHash: UTF-8 of the JSON with object keys sorted, no whitespace. ' +
  'resultHash: per series in engine order, metric and group (u32 LE UTF-8 byte length, then the bytes) and values (u32 LE count, then each IEEE-754 double, 8 bytes LE).';

/** What manifests record about their hashes: the algorithm and the bytes hashed. */
export const HASH_PROVENANCE = { hashAlgorithm: HASH_ALGORITHM, hashEncoding: HASH_ENCODING } as const;

/** An incremental SHA-256: what `sha256.create()` of @noble/hashes and node's `createHash('sha256')` both are. */
export interface Sha256 {
  update(bytes: Uint8Array): unknown;
  digest(): Uint8Array;
}

let createSha256: () => Sha256 = () => sha256.create();

/**
 * Makes every hash here use `create` for its SHA-256: a host's native implementation (the CLI
 * installs node's, sim/cli/nativeHash.ts), which gives the same digests as the JavaScript one
 * by definition, only faster (a result hash at 2,000 engineers took ≈ 5 % of a run). The
 * engine itself stays free of host APIs; the page keeps the JavaScript implementation.
 */
export function useSha256(create: () => Sha256): void {
  createSha256 = create;
}

/** Doubles copied per step on big-endian hosts (little-endian hosts copy nothing). */
const CHUNK_FLOATS = 1024;

/** Incremental SHA-256 over framed fields; feed strings or float arrays, then `digest()` once. */
export class Hasher {
  private readonly h = createSha256();
  private readonly word = new Uint8Array(4);
  private readonly wordView = new DataView(this.word.buffer);
  private chunk: Uint8Array | undefined;

  private length(n: number): void {
    this.wordView.setUint32(0, n, true);
    this.h.update(this.word);
  }

  /** The string's UTF-8 byte length, then its bytes. */
  string(s: string): this {
    const bytes = utf8ToBytes(s);
    this.length(bytes.length);
    this.h.update(bytes);
    return this;
  }

  /** The element count, then the exact bits of each double, little-endian on any platform. */
  floats(a: Float64Array): this {
    if (!isLE) return this.floatsCopied(a);
    this.length(a.length);
    this.h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)); // a view: no copy
    return this;
  }

  /**
   * The same bytes as `floats`, written through a DataView a chunk at a time: the path for
   * big-endian hosts, where the array's memory is not in little-endian order.
   */
  floatsCopied(a: Float64Array): this {
    this.length(a.length);
    this.chunk ??= new Uint8Array(CHUNK_FLOATS * 8);
    const view = new DataView(this.chunk.buffer);
    for (let start = 0; start < a.length; start += CHUNK_FLOATS) {
      const end = Math.min(a.length, start + CHUNK_FLOATS);
      for (let i = start; i < end; i++) view.setFloat64((i - start) * 8, a[i], true);
      this.h.update(this.chunk.subarray(0, (end - start) * 8));
    }
    return this;
  }

  /** The SHA-256 of everything fed, as 64 lowercase hex digits. A Hasher digests once. */
  digest(): string {
    return bytesToHex(this.h.digest());
  }
}

/** SHA-256 of the UTF-8 bytes of a string (e.g. canonical JSON of resolved parameters). */
export function hashString(s: string): string {
  const h = createSha256();
  h.update(utf8ToBytes(s));
  return bytesToHex(h.digest());
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
