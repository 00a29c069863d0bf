/**
 * What a slider needs for one lever of the scenario being edited: its metadata, the firm
 * types it moves, the file's value and the value now (the reader's, else the file's).
 */
import type { ParamSpec } from '../../sim/model/paramSpecs.ts';
import type { CatalogueEntry } from './catalogue.ts';
import { LEVERS, leverSpec, leverValue, type LeverDef, type Overrides } from './levers.ts';

export interface LeverRow {
  lever: LeverDef;
  spec: ParamSpec;
  scope: string[] | undefined;
  file: number;
  value: number;
}

/** The rows of the given levers (by id, in the page's lever order), or of all of them. */
export function leverRows(entry: CatalogueEntry, overrides: Overrides, ids?: readonly string[]): LeverRow[] {
  return LEVERS.filter((lever) => !ids || ids.includes(lever.id)).map((lever) => {
    const scope = entry.scopes[lever.id];
    const file = leverValue(lever, entry.params, scope).value;
    return { lever, spec: leverSpec(lever), scope, file, value: overrides[lever.id] ?? file };
  });
}

/** The levers the page's headline puts beside its chart: they move the main answer most directly. */
export const HEADLINE_LEVERS: readonly string[] = ['share', 'raiseTokens'];
