/**
 * The whole view lives in the URL's query, so a link reproduces it:
 *
 *   ?s=baseline,tunguz-100k~sigma:3~valuation:0.4&focus=1&seeds=3&seed=1
 *
 * `s`: up to three scenario files, each optionally followed by `~lever:value` pairs (lever ids
 * from levers.ts); `focus`: which one the sliders edit (0-based); `seeds`: seeds per scenario;
 * `seed`: the first seed (seeds run seed, seed + 1, …). Every part is validated; any problem
 * gives a one-line reason and the page falls back to the default view.
 */
import { LEVERS, leverById, leverValueProblem, type Overrides } from './levers.ts';

export interface Slot {
  scenario: string;
  overrides: Overrides;
}

export interface ViewState {
  slots: Slot[];
  focus: number;
  seeds: number;
  seed: number;
}

export const MAX_SLOTS = 3;
/** Up to 30 seeds: the ensemble's t-table is exact there, and 30 runs already take a while. */
export const MAX_SEEDS = 30;
export const DEFAULT_SEEDS = 3;
/** The CLI's default seed, so the page's first run equals `tokensim run <file>`. */
export const DEFAULT_SEED = 1;
export const MAX_SEED = 4_294_967_295;
/** The default comparison: no token pay against the $100k-on-$375k package. */
export const DEFAULT_SCENARIOS = ['baseline', 'tunguz-100k'];

export function defaultState(names: readonly string[]): ViewState {
  const wanted = DEFAULT_SCENARIOS.filter((n) => names.includes(n));
  const scenarios = wanted.length > 0 ? wanted : names.slice(0, 1);
  return {
    slots: scenarios.map((scenario) => ({ scenario, overrides: {} })),
    focus: scenarios.length - 1,
    seeds: DEFAULT_SEEDS,
    seed: DEFAULT_SEED,
  };
}

/** The query string (with "?") for a state; overrides in lever order, so equal views give equal URLs. */
export function encodeState(s: ViewState): string {
  const slots = s.slots
    .map((slot) => {
      const pairs = LEVERS.filter((l) => slot.overrides[l.id] !== undefined).map((l) => `~${l.id}:${String(slot.overrides[l.id])}`);
      return `${slot.scenario}${pairs.join('')}`;
    })
    .join(',');
  return `?s=${slots}&focus=${s.focus}&seeds=${s.seeds}&seed=${s.seed}`;
}

export type DecodeResult = { ok: true; state: ViewState; empty: boolean } | { ok: false; error: string };

const KEYS = ['s', 'focus', 'seeds', 'seed'];
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const INTEGER = /^\d+$/;

/** Shows a piece of user input in a message, shortened. */
const quote = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

class UrlError extends Error {}

function wholeNumber(key: string, raw: string, min: number, max: number): number {
  const v = Number(raw);
  if (!INTEGER.test(raw) || v < min || v > max) {
    throw new UrlError(`${key}: must be a whole number from ${min} to ${max} (got ${quote(raw)})`);
  }
  return v;
}

function decodeSlot(text: string, names: readonly string[]): Slot {
  const [scenario, ...pairs] = text.split('~');
  if (!names.includes(scenario)) {
    throw new UrlError(`s: unknown scenario ${quote(scenario)} (known: ${names.join(', ')})`);
  }
  const overrides: Overrides = {};
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    const id = colon < 0 ? pair : pair.slice(0, colon);
    const raw = colon < 0 ? '' : pair.slice(colon + 1);
    const lever = leverById(id);
    if (!lever) throw new UrlError(`s: ${scenario}: unknown setting ${quote(id)} (known: ${LEVERS.map((l) => l.id).join(', ')})`);
    if (id in overrides) throw new UrlError(`s: ${scenario}: ${id} is given twice`);
    if (!NUMBER.test(raw)) throw new UrlError(`s: ${scenario}: ${id} must be a number (got ${quote(raw)})`);
    const v = Number(raw);
    const problem = leverValueProblem(lever, v);
    if (problem) throw new UrlError(`s: ${scenario}: ${id} ${problem}`);
    overrides[id] = v;
  }
  return { scenario, overrides };
}

/**
 * Reads a view from a query string (`location.search`). An empty query gives the default view
 * with `empty: true`; anything unreadable gives `ok: false` and a one-line reason.
 */
export function decodeState(search: string, names: readonly string[]): DecodeResult {
  const fallback = defaultState(names);
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (query === '') return { ok: true, state: fallback, empty: true };
  try {
    const params = new URLSearchParams(query);
    const seen = new Set<string>();
    for (const key of params.keys()) {
      if (!KEYS.includes(key)) throw new UrlError(`unknown part ${quote(key)} (expected ${KEYS.join(', ')})`);
      if (seen.has(key)) throw new UrlError(`${key} is given twice`);
      seen.add(key);
    }
    const s = params.get('s');
    let slots = fallback.slots;
    if (s !== null) {
      const parts = s.split(',');
      if (s === '') throw new UrlError('s: names no scenario');
      if (parts.length > MAX_SLOTS) throw new UrlError(`s: at most ${MAX_SLOTS} scenarios can be compared (got ${parts.length})`);
      slots = parts.map((p) => decodeSlot(p, names));
    }
    const focusRaw = params.get('focus');
    const focus = focusRaw === null ? slots.length - 1 : wholeNumber('focus', focusRaw, 0, slots.length - 1);
    const seedsRaw = params.get('seeds');
    const seeds = seedsRaw === null ? DEFAULT_SEEDS : wholeNumber('seeds', seedsRaw, 1, MAX_SEEDS);
    const seedRaw = params.get('seed');
    const seed = seedRaw === null ? DEFAULT_SEED : wholeNumber('seed', seedRaw, 0, MAX_SEED - seeds + 1);
    return { ok: true, state: { slots, focus, seeds, seed }, empty: false };
  } catch (e) {
    if (e instanceof UrlError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The seeds a view runs: seed, seed + 1, …, seed + seeds − 1. */
export function seedList(s: ViewState): number[] {
  return Array.from({ length: s.seeds }, (_, k) => s.seed + k);
}
