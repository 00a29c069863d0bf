/**
 * The bundled scenario files and what one compared scenario ("slot") runs: the file with
 * the slider values applied, validated with the engine's own `resolveScenario`, so the text
 * the page simulates is exactly the scenario file it offers for download (and `tokensim run`
 * accepts). Pure: the Vite glob that fills the catalogue lives in bundledScenarios.ts.
 */
import { resolveScenario, resolveScenarioFile } from '../../sim/input/scenario.ts';
import { DEFAULTS, type Params } from '../../sim/model/params.ts';
import { forFirmType } from '../../sim/model/paramPaths.ts';
import { LEVERS, applyOverrides, leverScope, leverValue, type LeverDef, type Overrides } from './levers.ts';
import { formatParam } from './format.ts';

type Json = Record<string, unknown>;

const DEFAULT_YEARS = DEFAULTS.run.years;

export interface CatalogueEntry {
  /** Scenario name (equals the file name without .json). */
  name: string;
  /** The file as parsed JSON. */
  file: Json;
  /** The file's resolved parameters. */
  params: Params;
  /** The firm types each firm-type lever moves (see leverScope); undefined for other levers. */
  scopes: Record<string, string[] | undefined>;
  /** The scenario it is read against (its file's `reference`, default baseline), when the catalogue holds it. */
  reference: string | undefined;
}

export type Catalogue = ReadonlyMap<string, CatalogueEntry>;

/**
 * Builds the catalogue from files keyed by path (`…/scenarios/baseline.json`). The JSON
 * Schema beside them is skipped; a file that fails validation, or whose name differs from
 * its file name, is left out and reported in `problems`.
 */
export function makeCatalogue(files: Record<string, unknown>): { catalogue: Catalogue; problems: string[] } {
  const catalogue = new Map<string, CatalogueEntry>();
  const problems: string[] = [];
  for (const path of Object.keys(files).sort()) {
    const base = path.split('/').pop()!.replace(/\.json$/, '');
    if (base.endsWith('.schema')) continue;
    const file = files[path] as Json;
    try {
      const { params, reading } = resolveScenarioFile(file, `${base}.json`);
      if (params.name !== base) throw new Error(`${base}.json: name "${params.name}" differs from the file name`);
      const scopes: Record<string, string[] | undefined> = {};
      for (const lever of LEVERS) scopes[lever.id] = leverScope(lever, file, params);
      catalogue.set(base, { name: base, file, params, scopes, reference: reading.reference });
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  // A reference the catalogue lacks offers nothing (tests/input checks the files' references).
  for (const entry of catalogue.values()) if (entry.reference !== undefined && !catalogue.has(entry.reference)) entry.reference = undefined;
  return { catalogue, problems };
}

/**
 * The reference each compared scenario offers to add (one click in the picker): its file's
 * reference, unless that is already compared or no slot is free.
 */
export function referenceOffers(catalogue: Catalogue, compared: readonly string[], maxSlots: number): (string | undefined)[] {
  return compared.map((name) => {
    const ref = catalogue.get(name)?.reference;
    return ref !== undefined && !compared.includes(ref) && compared.length < maxSlots ? ref : undefined;
  });
}

/** A changed scenario keeps only the windows that still end within its run (the years lever may shorten it). */
function windowsWithin(scenario: Json): Json {
  const windows = scenario.windows;
  if (!Array.isArray(windows)) return scenario;
  const run = scenario.run as { years?: unknown } | undefined;
  const years = typeof run?.years === 'number' ? run.years : DEFAULT_YEARS;
  const fit = (windows as { startMonth: number; months: number }[]).filter((w) => w.startMonth + w.months <= 12 * years);
  if (fit.length === windows.length) return scenario;
  const { windows: _dropped, ...rest } = scenario;
  return fit.length > 0 ? { ...rest, windows: fit } : rest;
}

/** One compared scenario as the page runs it. */
export interface SlotRun {
  /** The scenario file it starts from. */
  base: string;
  /** Name inside the scenario it runs: the file's, or `<file>-custom` when sliders moved. */
  name: string;
  /** Legend text: the name plus the changed levers ("tunguz-100k · σ 3, λ 0.4"). */
  label: string;
  /** Lever values that differ from the file (in LEVERS order). */
  overrides: Overrides;
  /** The scenario object to run and to download. */
  scenario: Json;
  /** Its JSON text (what the worker parses). */
  text: string;
  /** Its resolved parameters. */
  params: Params;
}

/** Lever values that equal the file's are dropped, so a slider moved back reads as "unchanged". */
export function effectiveOverrides(entry: CatalogueEntry, overrides: Overrides): Overrides {
  const out: Overrides = {};
  for (const lever of LEVERS) {
    const v = overrides[lever.id];
    if (v === undefined) continue;
    const file = leverValue(lever, entry.params, entry.scopes[lever.id]);
    if (file.mixed || v !== file.value) out[lever.id] = v;
  }
  return out;
}

/** "σ 3, λ 0.4" */
export function overridesSummary(overrides: Overrides): string {
  return LEVERS.filter((l) => overrides[l.id] !== undefined)
    .map((l) => `${l.short} ${formatParam(overrides[l.id])}`)
    .join(', ');
}

function describeChanges(entry: CatalogueEntry, overrides: Overrides): string {
  const parts = LEVERS.filter((l) => overrides[l.id] !== undefined).map((l: LeverDef) => {
    const scope = entry.scopes[l.id];
    const where = scope ? ` (${scope.join(', ')})` : '';
    return `${forFirmType(l.path, '<type>')}${where} = ${overrides[l.id]}`;
  });
  return `Changed in the tokensim browser visualiser: ${parts.join('; ')}.`;
}

/**
 * The scenario a slot runs: the file with its overrides applied, validated by
 * `resolveScenario` (throws ScenarioError with the field path and reason).
 */
export function buildSlot(entry: CatalogueEntry, requested: Overrides): SlotRun {
  const overrides = effectiveOverrides(entry, requested);
  const changed = Object.keys(overrides).length > 0;
  let scenario: Json;
  if (!changed) {
    scenario = entry.file;
  } else {
    const { $schema: _schema, ...file } = applyOverrides(entry.file, overrides, entry.scopes);
    scenario = windowsWithin({
      ...file,
      name: `${entry.name}-custom`,
      description: `${String(entry.file.description)} ${describeChanges(entry, overrides)}`,
    });
  }
  const params = resolveScenario(scenario, `${String(scenario.name)}.json`);
  const summary = overridesSummary(overrides);
  return {
    base: entry.name,
    name: params.name,
    label: changed ? `${entry.name} · ${summary}` : entry.name,
    overrides,
    scenario,
    text: JSON.stringify(scenario),
    params,
  };
}

/** The scenario file text offered for download: validated again, 2-space indented. */
export function scenarioFileText(slot: SlotRun): string {
  const text = `${JSON.stringify(slot.scenario, null, 2)}\n`;
  resolveScenario(JSON.parse(text), `${slot.name}.json`);
  return text;
}
