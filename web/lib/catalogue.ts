/**
 * The bundled scenario files and what one compared scenario ("slot") runs: the file with
 * the slider values applied, validated with the engine's own `resolveScenario`, so the text
 * the page simulates is exactly the scenario file it offers for download (and `tokensim run`
 * accepts). Pure: the Vite glob that fills the catalogue lives in bundledScenarios.ts.
 */
import { resolveScenario } from '../../sim/input/scenario.ts';
import type { Params } from '../../sim/model/params.ts';
import { forFirmType } from '../../sim/model/paramPaths.ts';
import { LEVERS, applyOverrides, leverScope, leverValue, type LeverDef, type Overrides } from './levers.ts';
import { formatParam } from './format.ts';

type Json = Record<string, unknown>;

export interface CatalogueEntry {
  /** Scenario name (equals the file name without .json). */
  name: string;
  /** The file as parsed JSON. */
  file: Json;
  /** The file's resolved parameters. */
  params: Params;
  /** The firm types each firm-type lever moves (see leverScope); undefined for other levers. */
  scopes: Record<string, string[] | undefined>;
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
      const params = resolveScenario(file, `${base}.json`);
      if (params.name !== base) throw new Error(`${base}.json: name "${params.name}" differs from the file name`);
      const scopes: Record<string, string[] | undefined> = {};
      for (const lever of LEVERS) scopes[lever.id] = leverScope(lever, file, params);
      catalogue.set(base, { name: base, file, params, scopes });
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { catalogue, problems };
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
    scenario = {
      ...file,
      name: `${entry.name}-custom`,
      description: `${String(entry.file.description)} ${describeChanges(entry, overrides)}`,
    };
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
