/** Faint grid lines across a panel's plot, drawn from the ticks of a d3 axis. */
import { select } from 'd3';

/**
 * Clones each tick line of the axis in `g` into a grid line of `length` pixels: `'x2'` for a
 * y axis (lines run right across the plot), `'y2'` for an x axis (a negative length runs them
 * up). Grid lines from an earlier call are replaced.
 */
export function gridLines(g: SVGGElement, along: 'x2' | 'y2', length: number): void {
  select(g).selectAll('.grid').remove();
  select(g).selectAll('.tick line').clone().attr('class', 'grid').attr(along, length).attr('stroke', '#000').attr('stroke-opacity', 0.08);
}
