import { describe, expect, it } from 'vitest';
import { ScenarioError, resolveScenario } from '../../sim/input/scenario.ts';

const scenario = (extra: Record<string, unknown> = {}) => ({ name: 'test', description: 'A test.', ...extra });

/** The issues resolveScenario raises for `obj` (fails the test if it is accepted). */
function issues(obj: unknown): ScenarioError['issues'] {
  try {
    resolveScenario(obj);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

const priceEvents = (n: number, priceFactor: number, startMonth = 0, months = 120) =>
  Array.from({ length: n }, (_, k) => ({ label: `e${k}`, startMonth, months, priceFactor }));

describe('values each in range that together leave results undefined', () => {
  it('a base of $0 is refused, naming the firm type and level', () => {
    expect(issues(scenario({ firmTypes: { startup: { policy: { baseByLevel: { junior: 0 } } } } }))).toEqual([
      { path: 'firmTypes.startup.policy.baseByLevel.junior', message: 'must be above 0 (got 0): a base of $0 leaves pay ratios undefined' },
    ]);
    expect(() => resolveScenario(scenario({ firmTypes: { startup: { policy: { baseByLevel: { junior: 5000 } } } } }))).not.toThrow();
  });

  it('160 stacked ×100 price events are refused instead of overflowing the price to Infinity', () => {
    expect(issues(scenario({ market: { events: priceEvents(160, 100) } }))).toEqual([
      { path: 'market.events', message: 'the events active in month 0 multiply to a combined price factor of Infinity, above the most one event may have (100)' },
    ]);
    expect(issues(scenario({ market: { events: priceEvents(160, 0.01) } }))[0].message).toMatch(/^the events active in month 0 multiply to a combined price factor of 1e-320, below the least one event may have \(0\.01\)$/);
  });

  it('only events active in the same month multiply; the month of the extreme is named', () => {
    const apart = [...priceEvents(1, 50, 0, 12), ...priceEvents(1, 50, 12, 12)];
    expect(() => resolveScenario(scenario({ market: { events: apart } }))).not.toThrow();
    const overlap = [...priceEvents(1, 50, 0, 13), ...priceEvents(1, 50, 12, 12)];
    expect(issues(scenario({ market: { events: overlap } }))[0]).toEqual({
      path: 'market.events',
      message: 'the events active in month 12 multiply to a combined price factor of 2500, above the most one event may have (100)',
    });
    expect(() => resolveScenario(scenario({ market: { events: [...priceEvents(1, 10), ...priceEvents(1, 10)] } }))).not.toThrow();
  });

  it('demand events are bounded the same way', () => {
    const events = Array.from({ length: 3 }, (_, k) => ({ label: `d${k}`, startMonth: 6, months: 24, factor: 20 }));
    expect(issues(scenario({ demand: { events } }))).toEqual([
      { path: 'demand.events', message: 'the events active in month 6 multiply to a combined factor of 8000, above the most one event may have (20)' },
    ]);
  });
});
