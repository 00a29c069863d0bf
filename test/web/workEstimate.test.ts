/** How long a link's runs would take, and the gate that asks before long ones (web/lib/workEstimate.ts). */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSlot, makeCatalogue } from '../../web/lib/catalogue.ts';
import { wantedJobs } from '../../web/lib/jobs.ts';
import { decodeState, defaultState, seedList, type ViewState } from '../../web/lib/urlState.ts';
import {
  ASK_ABOVE_SECONDS,
  ENGINEER_MONTHS_PER_SECOND,
  estimateWork,
  formatDuration,
  WorkGate,
  workQuestion,
  type WorkEstimate,
} from '../../web/lib/workEstimate.ts';

const files = Object.fromEntries(
  readdirSync('scenarios')
    .filter((f) => f.endsWith('.json'))
    .map((f) => [`../../scenarios/${f}`, JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as unknown]),
);
const { catalogue } = makeCatalogue(files);
const names = [...catalogue.keys()];

/** The runs and jobs of a view, as the page controller makes them. */
function work(view: ViewState) {
  const runs = view.slots.map((s) => buildSlot(catalogue.get(s.scenario)!, s.overrides));
  return { runs, jobs: wantedJobs(runs.map((r) => r.text), seedList(view)) };
}

const heavy = (n = 2_000_000, years = 50, seeds = 30) =>
  `?s=${['baseline', 'tunguz-100k', 'price-crash'].map((s) => `${s}~engineers:${n}~years:${years}`).join(',')}&seeds=${seeds}`;

function viewOf(search: string): ViewState {
  const decoded = decodeState(search, names);
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.state;
}

describe('estimating a view’s work', () => {
  it('the link of three scenarios × 2,000,000 engineers × 50 years × 30 seeds is about 15 hours of one worker', () => {
    const { runs, jobs } = work(viewOf(heavy()));
    const one = estimateWork(jobs, runs, 1);
    expect(one.runs).toBe(90);
    expect(one.engineerMonths).toBe(3 * 2_000_000 * 600 * 30);
    expect(one.seconds).toBe(one.engineerMonths / ENGINEER_MONTHS_PER_SECOND);
    expect(formatDuration(one.seconds)).toBe('about 15 hours');
    expect(estimateWork(jobs, runs, 8).seconds).toBeCloseTo(one.seconds / 8);
    expect(workQuestion(one)).toBe('its 90 runs (108 billion engineer-months) would take about 15 hours on this device');
  });

  it('never counts less than the longest run, however many workers, and skips runs already done', () => {
    const { runs, jobs } = work(viewOf(heavy(2_000_000, 50, 1)));
    expect(estimateWork(jobs, runs, 64).seconds).toBe((2_000_000 * 600) / ENGINEER_MONTHS_PER_SECOND);
    expect(estimateWork(jobs, runs, 1, new Set(jobs.slice(1).map((j) => j.key))).runs).toBe(1);
    expect(estimateWork([], runs, 4)).toEqual({ runs: 0, engineerMonths: 0, seconds: 0 });
  });

  it('the default view and a modest link are well under the limit even on one worker', () => {
    const { runs, jobs } = work(defaultState(names));
    expect(estimateWork(jobs, runs, 1).seconds).toBeLessThan(ASK_ABOVE_SECONDS / 10);
    const modest = work(viewOf(heavy(100_000, 10, 3)));
    expect(estimateWork(modest.jobs, modest.runs, 1).seconds).toBeLessThan(ASK_ABOVE_SECONDS);
  });

  it('says durations in the unit a reader thinks in', () => {
    expect(formatDuration(0.2)).toBe('about 1 second');
    expect(formatDuration(45)).toBe('about 45 seconds');
    expect(formatDuration(180)).toBe('about 3 minutes');
    expect(formatDuration(54_000)).toBe('about 15 hours');
    expect(formatDuration(3 * 86_400)).toBe('about 3 days');
    expect(workQuestion({ runs: 6, engineerMonths: 36e6, seconds: 18 })).toBe('its 6 runs (36 million engineer-months) would take about 18 seconds on this device');
  });
});

describe('the gate', () => {
  const estimate = (seconds: number): WorkEstimate => ({ runs: 1, engineerMonths: seconds * ENGINEER_MONTHS_PER_SECOND, seconds });

  it('holds back work over the limit until answered, then never asks again', () => {
    const gate = new WorkGate();
    gate.review(estimate(ASK_ABOVE_SECONDS + 1));
    expect(gate.held).toBe(true);
    gate.review(estimate(10 * ASK_ABOVE_SECONDS));
    expect(gate.question?.seconds).toBe(10 * ASK_ABOVE_SECONDS);
    gate.answer();
    expect(gate.held).toBe(false);
    gate.review(estimate(10 * ASK_ABOVE_SECONDS));
    expect(gate.held).toBe(false);
  });

  it('lets light work through, and asks about nothing later (the reader chose it)', () => {
    const gate = new WorkGate();
    gate.review(estimate(ASK_ABOVE_SECONDS));
    expect(gate.held).toBe(false);
    gate.review(estimate(100 * ASK_ABOVE_SECONDS));
    expect(gate.held).toBe(false);
  });

  it('releases held work once the view becomes light', () => {
    const gate = new WorkGate();
    gate.review(estimate(2 * ASK_ABOVE_SECONDS));
    gate.review(estimate(1));
    expect(gate.held).toBe(false);
    gate.review(estimate(2 * ASK_ABOVE_SECONDS));
    expect(gate.held).toBe(false);
  });
});
