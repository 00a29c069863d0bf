/**
 * Bytes of the engine's state and scratch for bench/engine.ts: the Engineers typed arrays (name,
 * element type, bytes per engineer) and the scratch objects simulate() creates for a world.
 */
import { cfoScratch } from '../sim/model/cfo.ts';
import { labourScratch } from '../sim/model/labour.ts';
import { MetricsCollector } from '../sim/run/metrics.ts';
import type { World } from '../sim/model/world.ts';


export interface FieldInfo {
  name: string;
  type: string;
  bytes: number;
}

/** The Engineers typed arrays: name, element type and bytes per engineer. */
export function engineerFields(w: World): FieldInfo[] {
  return Object.entries(w.eng)
    .filter(([, v]) => ArrayBuffer.isView(v))
    .map(([name, v]) => {
      const a = v as unknown as { constructor: { name: string }; BYTES_PER_ELEMENT: number };
      return { name, type: a.constructor.name.replace('Array', ''), bytes: a.BYTES_PER_ELEMENT };
    });
}

/**
 * Bytes of the typed arrays held by `obj`, looking one level into nested plain objects and class
 * instances (not into arrays or maps); each underlying buffer counted once.
 */
function typedArrayBytes(obj: object, depth = 1, seen = new Set<ArrayBufferLike>()): number {
  let bytes = 0;
  for (const v of Object.values(obj)) {
    if (ArrayBuffer.isView(v)) {
      if (!seen.has(v.buffer)) {
        seen.add(v.buffer);
        bytes += v.buffer.byteLength;
      }
    } else if (depth > 0 && v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Map)) {
      bytes += typedArrayBytes(v as object, depth - 1, seen);
    }
  }
  return bytes;
}

export interface ScratchInfo {
  /** Bytes per engineer of each scratch object (typed arrays, one level deep). */
  labour: number;
  cfo: number;
  metrics: number;
  /** The metric series (the run's result), bytes in total: independent of engineers. */
  seriesBytes: number;
}

/** Scratch measured on the objects simulate() creates for a world (see sim/run/simulate.ts). */
export function scratchOf(w: World): ScratchInfo {
  const n = w.eng.n;
  const metrics = new MetricsCollector(w);
  return {
    labour: typedArrayBytes(labourScratch(n, w.groups.count)) / n,
    cfo: typedArrayBytes(cfoScratch(w.firms.length, n, w.typeNames.length)) / n,
    metrics: typedArrayBytes(metrics) / n,
    seriesBytes: metrics.series.reduce((a, s) => a + s.values.byteLength, 0),
  };
}
