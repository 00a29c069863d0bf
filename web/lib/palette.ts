/**
 * Colours and line styles. Scenario colours are from the Okabe–Ito palette, chosen to stay
 * distinct under the common colour-vision deficiencies; line styles (not colour) tell the
 * series of one scenario apart, so nothing depends on colour alone.
 */
import type { LineStyle } from './chartSpecs.ts';

/** Blue, vermillion, bluish green (Okabe & Ito 2008), one per compared scenario. */
export const SCENARIO_COLOURS = ['#0072B2', '#D55E00', '#009E73'] as const;

export function scenarioColour(index: number): string {
  return SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
}

/** SVG stroke-dasharray for a line style. */
export function dashArray(style: LineStyle): string | undefined {
  if (style === 'dashed') return '6 4';
  if (style === 'dotted') return '1.5 3';
  return undefined;
}

/** Marker shapes for dot panels, one per scenario, so dots differ by shape as well as colour. */
export const SCENARIO_SHAPES = ['circle', 'square', 'diamond'] as const;
export type Shape = (typeof SCENARIO_SHAPES)[number];

export function scenarioShape(index: number): Shape {
  return SCENARIO_SHAPES[index % SCENARIO_SHAPES.length];
}
