/**
 * Each chart's one-line takeaway, written from the numbers it shows: the key series at the
 * horizon for every compared scenario, with its 95 % interval, and how far each differs from
 * the first scenario compared ("At year 10, median cash base is $284k ($275k – $293k) with
 * tunguz-100k, $14.8k lower than $298k ($289k – $306k) with baseline."). Scenarios still
 * running their first seed are left out. Pure, so the sentences are tested.
 */
import type { SummarySeries } from '../../sim/research/ensemble.ts';
import { seriesKey, unitOf, type SeriesRef } from './chartSpecs.ts';
import type { DisplaySlot } from './display.ts';
import { formatValue, kindOfUnit, significant } from './format.ts';
import { atHorizon } from './summaries.ts';

/** The series a chart's takeaway reads, and what to call it. */
export interface TakeawaySpec extends SeriesRef {
  /** "median cash base" */
  what: string;
}

/** A value with its interval: "$284k ($275k – $293k)", or the value alone for one seed. */
function withInterval(unit: string, h: { mean: number; lo: number; hi: number }, n: number): string {
  const v = formatValue(unit, h.mean);
  return n > 1 && Number.isFinite(h.lo) && Number.isFinite(h.hi) ? `${v} (${formatValue(unit, h.lo)} – ${formatValue(unit, h.hi)})` : v;
}

/** How far `a` is from `b`: "$14.8k lower", "1.9 points higher", "the same". */
export function differenceWords(unit: string, a: number, b: number): string {
  const d = a - b;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  if (d === 0 || Math.abs(d) < 1e-9 * scale) return 'the same';
  const dir = d > 0 ? 'higher' : 'lower';
  if (kindOfUnit(unit) === 'share') {
    const points = significant(Math.abs(d) * 100, 2);
    return `${points} point${points === '1' ? '' : 's'} ${dir}`;
  }
  return `${formatValue(unit, Math.abs(d))} ${dir}`;
}

/** "year 10", or "the horizon" when the scenarios' horizons differ. */
function when(months: number[]): string {
  const m = months[0];
  return months.every((x) => x === m) && m % 12 === 0 ? `year ${m / 12}` : 'the horizon';
}

/** The takeaway sentence for `spec` over the slots shown ('' while no scenario has a complete seed). */
export function takeaway(spec: TakeawaySpec, slots: readonly DisplaySlot[]): string {
  const unit = unitOf(spec.metric);
  const rows = slots.flatMap((slot) => {
    const s: SummarySeries | undefined = slot.partial ? undefined : slot.summary?.series.get(seriesKey(spec));
    if (!s || !slot.summary || s.mean.length === 0) return [];
    const h = atHorizon(s);
    return Number.isFinite(h.mean) ? [{ slot, h, n: slot.summary.n, months: s.mean.length }] : [];
  });
  if (rows.length === 0) return '';
  const at = when(rows.map((r) => r.months));
  const [first, ...rest] = rows;
  const firstText = `${withInterval(unit, first.h, first.n)} with ${first.slot.label}`;
  if (rest.length === 0) return `At ${at}, ${spec.what} is ${firstText}.`;
  if (rest.length === 1) {
    const r = rest[0];
    const diff = differenceWords(unit, r.h.mean, first.h.mean);
    return `At ${at}, ${spec.what} is ${withInterval(unit, r.h, r.n)} with ${r.slot.label}, ${diff === 'the same' ? 'the same as' : `${diff} than`} ${firstText}.`;
  }
  const others = rest.map((r) => `${withInterval(unit, r.h, r.n)} with ${r.slot.label} (${differenceWords(unit, r.h.mean, first.h.mean)})`);
  return `At ${at}, ${spec.what} is ${firstText}; ${others.join(' and ')}.`;
}

/** The value at the horizon of a series of a slot with a complete seed, or undefined. */
function horizonOf(slot: DisplaySlot, ref: SeriesRef): number | undefined {
  const s = slot.partial ? undefined : slot.summary?.series.get(seriesKey(ref));
  const v = s && s.mean.length > 0 ? s.mean[s.mean.length - 1] : undefined;
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

const TOTAL: SeriesRef = { metric: 'total_comp_mean', group: 'all' };
const CASH: SeriesRef = { metric: 'cash_base_median', group: 'all' };

/**
 * The page's answer in one sentence, from the headline chart's numbers: the last compared
 * scenario's total and cash pay at the horizon against the first's ("With tunguz-100k, by
 * year 10 engineers are told they earn $509k, $114k more than with baseline, while their
 * cash pay is $284k, $14k less."). '' until both have a complete seed.
 */
export function headlineAnswer(slots: readonly DisplaySlot[], name: (slot: DisplaySlot) => string = (slot) => slot.label): string {
  const money = (v: number) => formatValue('$ per year', v);
  const years = (slot: DisplaySlot) => (slot.summary ? slot.summary.months / 12 : 0);
  const last = slots[slots.length - 1];
  if (!last) return '';
  const total = horizonOf(last, TOTAL);
  const cash = horizonOf(last, CASH);
  if (total === undefined || cash === undefined) return '';
  const by = `by year ${significant(years(last), 3)}`;
  if (slots.length === 1) return `With ${name(last)}, ${by} engineers are told they earn ${money(total)} a year in total; their cash pay is ${money(cash)}.`;
  const first = slots[0];
  const total0 = horizonOf(first, TOTAL);
  const cash0 = horizonOf(first, CASH);
  if (total0 === undefined || cash0 === undefined) return '';
  const diff = (a: number, b: number) => (a === b ? 'the same' : `${money(Math.abs(a - b))} ${a > b ? 'more' : 'less'}`);
  return (
    `With ${name(last)}, ${by} engineers are told they earn ${money(total)} a year, ${diff(total, total0)} than with ${name(first)}, ` +
    `while their cash pay is ${money(cash)}, ${diff(cash, cash0)}.`
  );
}
