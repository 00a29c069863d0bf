/**
 * Parameter paths: the one place that knows how a dotted path such as
 * `firmTypes.startup.policy.baseByLevel.mid` names a parameter. The types of the valid paths
 * (derived from `Params`, so a misspelt literal fails to compile), reading and writing a
 * path, the firm-type wildcard `firmTypes.*.…`, a path's metadata and the check of a value
 * against it. Sweeps, sensitivity specs, the web levers, the parameter table and scenario
 * validation all go through these.
 */
import { DEFAULTS, LEVELS, type ByLevel, type Level, type Params } from './params.ts';
import { PARAM_SPECS, type ParamSpec } from './paramSpecs.ts';

// ---------------------------------------------------------------------------------------
// Types

/** `path`: firm types by name and events by index; `key`: both as `*`, levels as `{level}`. */
type Shape = 'path' | 'key';
type NameSegment<S extends Shape> = S extends 'key' ? '*' : string;
type IndexSegment<S extends Shape> = S extends 'key' ? '*' : `${number}`;
type LevelSegment<S extends Shape> = S extends 'key' ? '{level}' : Level;

/** The leaf paths below a value of type V reached at `P`. */
type Below<V, S extends Shape, P extends string> = V extends number | boolean
  ? P
  : V extends string
    ? never
    : V extends readonly (infer E)[]
      ? Below<E, S, `${P}.${IndexSegment<S>}`>
      : [V] extends [ByLevel]
        ? `${P}.${LevelSegment<S>}`
        : string extends keyof V
          ? Below<V[string & keyof V], S, `${P}.${NameSegment<S>}`>
          : { [K in keyof V & string]: Below<V[K], S, `${P}.${K}`> }[keyof V & string];

type PathsOf<S extends Shape> = { [K in keyof Params & string]: Below<Params[K], S, K> }[keyof Params & string];

/**
 * A numeric leaf of `Params` as a dotted path: `production.sigma`,
 * `engineers.levelShares.mid`, `firmTypes.startup.policy.tokenBudgetFixed` (or
 * `firmTypes.*.…` for every firm type), `market.events.0.priceFactor`.
 */
export type ParamPath = PathsOf<'path'>;

/**
 * A key of the parameter metadata (PARAM_SPECS): a numeric leaf of `Params` with the firm
 * type and the event index written `*` and a level written `{level}`.
 */
export type ParamSpecKey = PathsOf<'key'>;

/** A metadata key that is also a path a run can set: no `{level}`, no event wildcard (`firmTypes.*.…` is one). */
export type SettableKey = ParamSpecKey & ParamPath;

// ---------------------------------------------------------------------------------------
// Reading and writing

type JsonObject = Record<string, unknown>;

const WILDCARD = '*';
const LEVEL_PLACEHOLDER = '{level}';
const FIRM_TYPE_WILDCARD = 'firmTypes.*.';

/** Walks a dotted path from `root` (own properties only): the value, or the index of the first missing segment. */
function walk(root: unknown, path: string): { value: unknown; missing: number } {
  const keys = path.split('.');
  let node = root;
  for (let k = 0; k < keys.length; k++) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, keys[k])) return { value: undefined, missing: k };
    node = (node as JsonObject)[keys[k]];
  }
  return { value: node, missing: -1 };
}

/** Index of the first segment of `path` that `root` lacks, or -1 when the whole path exists. */
export const missingSegment = (root: unknown, path: string): number => walk(root, path).missing;

/** The value at a dotted path (array elements by index), or undefined where a segment is missing. */
export function getAt(root: Params, path: ParamPath): number | undefined;
export function getAt(root: unknown, path: string): unknown;
export function getAt(root: unknown, path: string): unknown {
  return walk(root, path).value;
}

/** Writes `value` at a dotted path, creating the objects on the way that are missing. */
export function setAt(root: Params, path: ParamPath, value: number): void;
export function setAt(root: object, path: string, value: unknown): void;
export function setAt(root: object, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.includes('__proto__')) throw new Error(`not a parameter path: ${path}`);
  let node = root as JsonObject;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys[keys.length - 1]] = value;
}

// ---------------------------------------------------------------------------------------
// Wildcards

/** Whether `path` sets a field of every firm type (`firmTypes.*.…`). */
export const isFirmTypeWildcard = (path: string): boolean => path.startsWith(FIRM_TYPE_WILDCARD);

/** `firmTypes.*.policy.x` written for one firm type (`firmTypes.startup.policy.x`); other paths as they are. */
export function forFirmType(path: string, type: string): string {
  return isFirmTypeWildcard(path) ? `firmTypes.${type}.${path.slice(FIRM_TYPE_WILDCARD.length)}` : path;
}

/** The concrete paths `path` stands for: `firmTypes.*.…` once per firm type in `types`, any other path itself. */
export function expandWildcard(path: string, types: readonly string[]): string[] {
  return isFirmTypeWildcard(path) ? types.map((t) => forFirmType(path, t)) : [path];
}

/** The four paths of a metadata key written per level (`….{level}`); any other path itself. */
export function expandLevels(path: string): string[] {
  const last = path.lastIndexOf('.');
  return path.slice(last + 1) === LEVEL_PLACEHOLDER ? LEVELS.map((l) => `${path.slice(0, last + 1)}${l}`) : [path];
}

/** The metadata key of a path: the firm type and an event's index become `*`, a level `{level}`. */
export function specKeyOf(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'firmTypes' && parts.length > 2) parts[1] = WILDCARD;
  if ((parts[0] === 'market' || parts[0] === 'demand') && parts[1] === 'events' && parts.length > 3 && /^\d+$/.test(parts[2])) parts[2] = WILDCARD;
  if ((LEVELS as readonly string[]).includes(parts[parts.length - 1])) parts[parts.length - 1] = LEVEL_PLACEHOLDER;
  return parts.join('.');
}

/**
 * Every numeric path of the defaults in declaration order, a firm type's fields once as
 * `firmTypes.*.…`; event fields are left out (the defaults have no events).
 */
export function numericParamPaths(): ParamPath[] {
  const leaves = (value: unknown, path: string, out: string[]): string[] => {
    if (typeof value === 'number') out.push(path);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
    }
    return out;
  };
  const { firmTypes, ...rest } = DEFAULTS;
  return [...leaves(rest, '', []), ...leaves(firmTypes.midmarket, 'firmTypes.*', [])] as ParamPath[];
}

// ---------------------------------------------------------------------------------------
// Metadata and checks

/** The reason a path names no numeric parameter. */
export const UNKNOWN_PARAMETER = 'unknown numeric parameter';

/** The metadata of a path or metadata key (`firmTypes.startup.policy.baseByLevel.mid`, `production.sigma`). */
export function specFor(path: ParamSpecKey): ParamSpec;
export function specFor(path: string): ParamSpec | undefined;
export function specFor(path: string): ParamSpec | undefined {
  const key = specKeyOf(path);
  return Object.hasOwn(PARAM_SPECS, key) ? PARAM_SPECS[key as ParamSpecKey] : undefined;
}

/**
 * The metadata of a path a run can set — a concrete path, or `firmTypes.*.…` for every firm
 * type — or why `path` is not one.
 */
export function settableSpec(path: string): ParamSpec | string {
  const parts = path.split('.');
  if (parts.some((p) => p === '')) return 'not a dotted parameter path';
  if (parts.some((p, k) => p === WILDCARD && !(k === 1 && parts[0] === 'firmTypes')) || path.includes('{')) {
    return 'a wildcard is allowed only as the firm type (firmTypes.*.…)';
  }
  return specFor(path) ?? UNKNOWN_PARAMETER;
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Why `value` cannot be set at `path`, in one line — the path, the type, finiteness, the
 * integer rule or the range — or undefined when it can.
 */
export function problemWith(path: string, value: unknown): string | undefined {
  const spec = settableSpec(path);
  if (typeof spec === 'string') return spec;
  if (typeof value !== 'number') return `expected number, got ${kindOf(value)}`;
  if (!Number.isFinite(value)) return `must be a finite number (got ${value})`;
  if (spec.integer && !Number.isInteger(value)) return `must be an integer (got ${value})`;
  if (value < spec.min) return `must be at least ${spec.min} (got ${value})`;
  if (value > spec.max) return `must be at most ${spec.max} (got ${value})`;
  return undefined;
}
