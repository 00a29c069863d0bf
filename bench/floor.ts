/**
 * The streaming floor of the engine benchmark (bench/engine.ts): one pass a month over every
 * engineer array of the engine, one monomorphic summing kernel per element type, plus
 * tenure += 1 — the cost of touching the state once a month.
 */
import { median } from 'simple-statistics';
import type { World } from '../sim/model/world.ts';

/** Minimum timed milliseconds for the floor and for the kernels. */
export const MIN_TIMED_MS = 500;
function sumF64(a: Float64Array, n: number): number {
  // Eight independent sums, so the loop waits on memory rather than on floating-point add latency.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let i = 0;
  for (; i + 7 < n; i += 8) {
    s0 += a[i];
    s1 += a[i + 1];
    s2 += a[i + 2];
    s3 += a[i + 3];
    s4 += a[i + 4];
    s5 += a[i + 5];
    s6 += a[i + 6];
    s7 += a[i + 7];
  }
  for (; i < n; i++) s0 += a[i];
  return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
}

function sumF32(a: Float32Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    s0 += a[i];
    s1 += a[i + 1];
  }
  for (; i < n; i++) s0 += a[i];
  return s0 + s1;
}

function sumI32(a: Int32Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + a[i]) | 0;
  return s;
}

function sumU16(a: Uint16Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + a[i]) | 0;
  return s;
}

function sumU8(a: Uint8Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s = (s + a[i]) | 0;
  return s;
}

function sumOther(a: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += Number(a[i]);
  return s;
}

function bump(a: { [i: number]: number }, n: number): void {
  for (let i = 0; i < n; i++) a[i] += 1;
}

interface FloorArrays {
  f64: Float64Array[];
  f32: Float32Array[];
  i32: Int32Array[];
  u16: Uint16Array[];
  u8: Uint8Array[];
  other: ArrayLike<number>[];
}

/** Every engineer array except tenure (read and written by bump), grouped by element type. */
function floorArrays(w: World): FloorArrays {
  const g: FloorArrays = { f64: [], f32: [], i32: [], u16: [], u8: [], other: [] };
  for (const [name, v] of Object.entries(w.eng)) {
    if (!ArrayBuffer.isView(v) || name === 'tenure') continue;
    if (v instanceof Float64Array) g.f64.push(v);
    else if (v instanceof Float32Array) g.f32.push(v);
    else if (v instanceof Int32Array) g.i32.push(v);
    else if (v instanceof Uint16Array) g.u16.push(v);
    else if (v instanceof Uint8Array) g.u8.push(v);
    else g.other.push(v as unknown as ArrayLike<number>);
  }
  return g;
}

function floorMonth(g: FloorArrays, tenure: { [i: number]: number }, n: number): number {
  let acc = 0;
  for (let k = 0; k < g.f64.length; k++) acc += sumF64(g.f64[k], n);
  for (let k = 0; k < g.f32.length; k++) acc += sumF32(g.f32[k], n);
  for (let k = 0; k < g.i32.length; k++) acc += sumI32(g.i32[k], n);
  for (let k = 0; k < g.u16.length; k++) acc += sumU16(g.u16[k], n);
  for (let k = 0; k < g.u8.length; k++) acc += sumU8(g.u8[k], n);
  for (let k = 0; k < g.other.length; k++) acc += sumOther(g.other[k], n);
  bump(tenure, n);
  return acc;
}

let sink = 0;

/**
 * ns per engineer-month of the floor: warm-up for ≥ 0.1 s, then timed blocks of ≥ 0.1 s until
 * ≥ 0.5 s and ≥ 5 blocks; the median block.
 */
export function streamingFloor(w: World): { ns: number; months: number } {
  const g = floorArrays(w);
  const n = w.eng.n;
  const tenure = w.eng.tenure;
  const blockUntil = (ms: number): { ms: number; months: number } => {
    const t0 = performance.now();
    let months = 0;
    let t = t0;
    do {
      sink += floorMonth(g, tenure, n);
      months += 1;
      t = performance.now();
    } while (t - t0 < ms);
    return { ms: t - t0, months };
  };
  blockUntil(100);
  const perBlock: number[] = [];
  let total = 0;
  let months = 0;
  while (perBlock.length < 5 || total < MIN_TIMED_MS) {
    const b = blockUntil(100);
    perBlock.push((b.ms * 1e6) / (n * b.months));
    total += b.ms;
    months += b.months;
  }
  if (sink === 42) console.log(''); // keeps the sums observable, so they are not optimised away
  return { ns: median(perBlock), months };
}
