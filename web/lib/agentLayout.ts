/**
 * The engineers view's geometry: a sample of engineers (sim/run/agentSample.ts) drawn as marks
 * grouped by firm type, then firm, with the engineers out of work in a group of their own. The
 * groups keep one place for the whole run (each sized for the most people it ever holds), so a
 * mark that moves is a person changing employer, not the layout shifting. Within a group,
 * marks fill a small grid in sample-place order. No random draws: the same sample and width
 * give the same picture. Pure, so it is tested without a browser.
 */
import { SAMPLE_UNEMPLOYED, SAMPLE_VACANT, type AgentSample } from '../../sim/run/agentSample.ts';

/** Engineers the page follows in the edited scenario's first seed. */
export const AGENT_SAMPLE_SIZE = 300;

export const LEVEL_NAMES = ['junior', 'mid', 'senior', 'staff'] as const;

/** One colour per level (Okabe–Ito, told apart with colour-blindness), junior first. */
export const LEVEL_COLOURS = ['#56b4e9', '#009e73', '#e69f00', '#cc79a7'] as const;

/** A firm (or the out-of-work group) and its box on the canvas. */
export interface AgentGroup {
  /** Firm type index, −1 for the out-of-work group. */
  type: number;
  /** Firm slot, −1 for the out-of-work group. */
  firm: number;
  /** The most people of the sample it holds in any month. */
  capacity: number;
  cols: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AgentLayout {
  width: number;
  height: number;
  /** Spacing of marks within a group, px. */
  cell: number;
  groups: AgentGroup[];
  /** A heading per firm type, and one for the out of work. */
  sections: { label: string; x: number; y: number }[];
  /** Group index by group key (see groupKey). */
  index: Map<number, number>;
}

/** The key of an engineer's group: their firm, or −1 when out of work; undefined for a vacant place. */
export function groupKey(firm: number, type: number): number | undefined {
  if (firm === SAMPLE_VACANT) return undefined;
  if (firm === SAMPLE_UNEMPLOYED || type < 0) return -1;
  return type * 65536 + firm;
}

const SECTION_HEAD = 16;
const GAP = 6;

/** The fixed layout of `sample` at `width` px; firm types named by `firmTypes`. */
export function layoutAgents(sample: AgentSample, firmTypes: readonly string[], width: number, cell = 9): AgentLayout {
  const { count, months, firm, firmType } = sample;
  const capacity = new Map<number, number>();
  const now = new Map<number, number>();
  for (let m = 0; m < months; m++) {
    now.clear();
    for (let k = 0, i = m * count; k < count; k++, i++) {
      const key = groupKey(firm[i], firmType[i]);
      if (key !== undefined) now.set(key, (now.get(key) ?? 0) + 1);
    }
    for (const [key, n] of now) if (n > (capacity.get(key) ?? 0)) capacity.set(key, n);
  }
  const keys = [...capacity.keys()].sort((a, b) => (a < 0 ? 1 : b < 0 ? -1 : a - b));
  const groups: AgentGroup[] = [];
  const sections: AgentLayout['sections'] = [];
  const index = new Map<number, number>();
  let y = 0;
  let section: number | undefined;
  let x = 0;
  let rowHeight = 0;
  for (const key of keys) {
    const type = key < 0 ? -1 : Math.floor(key / 65536);
    if (type !== section || groups.length === 0) {
      y += rowHeight + (groups.length > 0 ? GAP : 0);
      sections.push({ label: type < 0 ? 'out of work' : (firmTypes[type] ?? `firm type ${type}`), x: 0, y });
      y += SECTION_HEAD;
      x = 0;
      rowHeight = 0;
      section = type;
    }
    const cap = capacity.get(key)!;
    // The out-of-work group lies wide; a firm is about square.
    const cols = Math.max(1, Math.min(Math.floor((width - 2) / cell), key < 0 ? Math.ceil(Math.sqrt(cap * 4)) : Math.ceil(Math.sqrt(cap))));
    const w = cols * cell + 2;
    const h = Math.ceil(cap / cols) * cell + 2;
    if (x > 0 && x + w > width) {
      y += rowHeight + GAP;
      x = 0;
      rowHeight = 0;
    }
    index.set(key, groups.length);
    groups.push({ type, firm: key < 0 ? -1 : key % 65536, capacity: cap, cols, x, y, width: w, height: h });
    x += w + GAP;
    rowHeight = Math.max(rowHeight, h);
  }
  return { width, height: Math.ceil(y + rowHeight), cell, groups, sections, index };
}

/**
 * Where each place's mark is in month `m`: x, y pairs into `out` (NaN for a vacant place).
 * Members of a group fill its grid in place order.
 */
export function placeMonth(layout: AgentLayout, sample: AgentSample, m: number, out = new Float32Array(sample.count * 2)): Float32Array {
  const filled = new Int32Array(layout.groups.length);
  const { cell } = layout;
  for (let k = 0, i = m * sample.count; k < sample.count; k++, i++) {
    const key = groupKey(sample.firm[i], sample.firmType[i]);
    const g = key === undefined ? undefined : layout.index.get(key);
    if (g === undefined) {
      out[2 * k] = out[2 * k + 1] = NaN;
      continue;
    }
    const group = layout.groups[g];
    const n = filled[g]++;
    out[2 * k] = group.x + 1 + ((n % group.cols) + 0.5) * cell;
    out[2 * k + 1] = group.y + 1 + (Math.floor(n / group.cols) + 0.5) * cell;
  }
  return out;
}

/** A mark's radius: its area grows with the token budget, from `min` (no budget) to half a cell (the sample's largest). */
export function markRadius(budget: number, maxBudget: number, cell: number, min = 1.5): number {
  const max = cell * 0.5;
  if (!(maxBudget > 0) || !(budget > 0)) return min;
  return min + (max - min) * Math.sqrt(Math.min(1, budget / maxBudget));
}

/** The largest token budget anyone in the sample has in any month. */
export function maxBudget(sample: AgentSample): number {
  let max = 0;
  for (const b of sample.budget) if (b > max) max = b;
  return max;
}

/** What happened in the sample in month `m` (against month m − 1; only counts in month 0). */
export interface MonthStats {
  employed: number;
  unemployed: number;
  /** Firms employing someone of the sample. */
  firms: number;
  /** Went from one firm to another. */
  moved: number;
  /** Found work: out of work before, or newly entered the occupation, and employed now. */
  hired: number;
  /** Lost work: employed before, out of work now. */
  laidOff: number;
  /** Left the occupation (their place went to an entrant, or is vacant). */
  left: number;
}

export function monthStats(sample: AgentSample, m: number): MonthStats {
  const { count, uid, firm, firmType } = sample;
  const s: MonthStats = { employed: 0, unemployed: 0, firms: 0, moved: 0, hired: 0, laidOff: 0, left: 0 };
  const firms = new Set<number>();
  for (let k = 0, i = m * count; k < count; k++, i++) {
    const key = groupKey(firm[i], firmType[i]);
    if (key === -1) s.unemployed++;
    else if (key !== undefined) {
      s.employed++;
      firms.add(key);
    }
    if (m === 0) continue;
    const p = i - count;
    const before = groupKey(firm[p], firmType[p]);
    const same = uid[i] === uid[p] && uid[i] >= 0;
    if (before !== undefined && !same) s.left++;
    if (key === undefined || key === -1) {
      if (same && key === -1 && before !== undefined && before !== -1) s.laidOff++;
      continue;
    }
    if (!same || before === -1) s.hired++;
    else if (before !== key) s.moved++;
  }
  s.firms = firms.size;
  return s;
}

/** One line saying what the month shows, for the caption and screen readers. */
export function monthSentence(s: MonthStats, total: number): string {
  const parts = [`${s.employed} of ${total} employed at ${s.firms} firm${s.firms === 1 ? '' : 's'}`, `${s.unemployed} out of work`];
  const events = [
    s.hired > 0 ? `${s.hired} hired` : '',
    s.moved > 0 ? `${s.moved} moved firm` : '',
    s.laidOff > 0 ? `${s.laidOff} lost their job` : '',
    s.left > 0 ? `${s.left} left the occupation` : '',
  ].filter(Boolean);
  return `${parts.join(', ')}${events.length > 0 ? `; this month ${events.join(', ')}` : ''}.`;
}
