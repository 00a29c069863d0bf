// Loads the CLI bundled to CommonJS (build/cli/main.cjs, see build.mjs) with V8's code cache.
//
// Compiling the 1 MB bundle is a fixed part of every command's start (≈ 20–25 ms of parsing,
// then each function's bytecode as it first runs: most of the engine in a `run`). V8 can save
// the bytecode it has made into a code cache and take it back in a later process instead of
// compiling again; Node 20 offers that for scripts (vm.Script's cachedData), not for ES modules,
// which is why the bundle is CommonJS. The build writes the cache (main.cjs.cache) after a short
// training run of the bundle, so the functions a `run` needs are in it.
//
// V8 checks a cache against its own version and flags and rejects one that does not match (the
// bundle then compiles as without a cache); it does not check the source's text, only its
// length, nor its own data (damaged data crashes the process). So the cache file starts with a
// header naming the SHA-256 of the bundle and of the data (≈ 0.5 ms each), and a cache whose
// header does not match the bundle on disk and the data that follows is not used at all. A copy
// of the folder (new modification times) keeps its cache; a rebuilt bundle does not.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const MAGIC = 'tokensim-code-cache 3';
/** node's CommonJS wrapper (Module.wrap), written out: the cache is made for this exact text. */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
const digestOf = (data) => createHash('sha256').update(data).digest('hex');

/** The header a cache carries (one line, then V8's data): the digests of the bundle's bytes and of the data. */
const cacheHeader = (sourceDigest, dataDigest) => `${MAGIC} ${sourceDigest} ${dataDigest} ${process.version}\n`;

/**
 * The cache file `cacheFile` read: V8's data when its header matches the bundle (`sourceDigest`)
 * and the data that follows; otherwise the state to report, 'none' (no file to read) or 'stale'.
 */
function readCache(cacheFile, sourceDigest) {
  let bytes;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return { state: 'none' };
  }
  const end = bytes.indexOf(10);
  if (end < 0 || end > 256) return { state: 'stale' };
  const data = bytes.subarray(end + 1);
  const header = bytes.toString('latin1', 0, end + 1);
  const dataDigest = header.split(' ')[3];
  if (dataDigest === undefined || header !== cacheHeader(sourceDigest, dataDigest) || digestOf(data) !== dataDigest) return { state: 'stale' };
  return { data };
}

/**
 * Runs the CommonJS bundle `file` as node's require would (same wrapper and arguments) and
 * returns its exports, with `cache`: 'use' (the default) takes the code cache when it matches,
 * 'off' compiles without it. Also returns how the cache went ('none': no cache file, or 'off';
 * 'stale': one that does not match the bundle or is damaged; 'rejected': V8 would not take it,
 * e.g. made by another node or with other V8 flags; 'used') and `saveCache()`, which writes the
 * bytecode made so far into the cache file (atomically: a temporary file, then a rename).
 */
export function loadBundle(file, { cache = 'use' } = {}) {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const sourceDigest = digestOf(bytes);
  const cacheFile = `${file}.cache`;
  const read = cache === 'use' ? readCache(cacheFile, sourceDigest) : { state: 'none' };
  const script = new vm.Script(wrap(source), { filename: file, cachedData: read.data });
  const cacheState = read.data === undefined ? read.state : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  const saveCache = () => {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    const data = script.createCachedData();
    writeFileSync(tmp, Buffer.concat([Buffer.from(cacheHeader(sourceDigest, digestOf(data)), 'latin1'), data]));
    renameSync(tmp, cacheFile);
  };
  return { exports: module.exports, cacheState, saveCache };
}
