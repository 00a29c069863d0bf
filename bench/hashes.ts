/**
 * Result hashes of every scenario (1,000 engineers × 3 years, seeds 1–2) and of the default
 * size (10,000 × 10 years, seed 1) for baseline and tunguz-100k: an exact before/after check
 * for optimisations that must not change a result. Usage: npx tsx bench/hashes.ts > before.txt
 *
 * Each run prints its `resultHash` and, after `values`, a checksum of its values alone that
 * does not depend on how sim/lib/hash.ts encodes a result: the SHA-256 (node:crypto) of every
 * value's 8 IEEE-754 bytes, little-endian, series in the engine's order, nothing else — so a
 * change of the hash encoding leaves it as it was, and only a moved value changes it.
 *
 * With --values it prints every value instead: one line per run and series,
 * `<file> <small|full> seed <seed> <metric> <group>` and each value's 16 hex digits (its bits,
 * as a little-endian 64-bit integer), for a diff that shows which values moved.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../sim/input/scenario.ts';
import type { Params } from '../sim/model/params.ts';
import type { Result } from '../sim/run/result.ts';
import { simulate } from '../sim/run/simulate.ts';

const valuesMode = process.argv.includes('--values');
const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
const bits = new DataView(new ArrayBuffer(8));
const hex = (v: number): string => {
  bits.setFloat64(0, v, true);
  return bits.getBigUint64(0, true).toString(16).padStart(16, '0');
};

/** SHA-256 of the values' bytes only (little-endian on any host). */
function valuesChecksum(r: Result): string {
  const h = createHash('sha256');
  const buf = Buffer.alloc(8);
  for (const s of r.series) {
    for (const v of s.values) {
      buf.writeDoubleLE(v);
      h.update(buf);
    }
  }
  return h.digest('hex');
}

function printValues(label: string, r: Result): void {
  for (const s of r.series) console.log(`${label} seed ${r.seed} ${s.metric} ${s.group} ${Array.from(s.values, hex).join(' ')}`);
}

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json').sort()) {
  const p = parseScenario(readFileSync(dir + file, 'utf8'), file);
  const small: Params = { ...p, run: { ...p.run, engineers: 1000, years: 3 } };
  const withFull = file === 'baseline.json' || file === 'tunguz-100k.json';
  if (valuesMode) {
    for (const seed of [1, 2]) printValues(`${file} small`, simulate(small, seed));
    if (withFull) printValues(`${file} full`, simulate(p, 1));
    continue;
  }
  const hs = [1, 2].map((seed) => {
    const r = simulate(small, seed);
    return `${r.resultHash} values ${valuesChecksum(r)}`;
  });
  let full = '';
  if (withFull) {
    const t0 = performance.now();
    const r = simulate(p, 1);
    const s = ((performance.now() - t0) / 1000).toFixed(2);
    full = ` full ${r.resultHash} values ${valuesChecksum(r)} (${s} s)`;
  }
  console.log(`${file}: ${hs.join(' ')}${full}`);
}
