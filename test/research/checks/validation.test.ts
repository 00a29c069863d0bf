import { describe, expect, it } from 'vitest';
import { validationMarkdown } from '../../../sim/research/checks/validation.ts';
import type { Check } from '../../../sim/research/checks/validation.ts';

const check = (pass: boolean, value = 0.21): Check => ({ target: 't', value, expected: 'e', pass, how: 'h' });

describe('validation report', () => {
  it('counts passes and marks a missed target', () => {
    const md = validationMarkdown([check(true), check(false)], 'npm run validate');
    expect(md).toContain('**1 of 2 targets pass.**');
    expect(md).toContain('| t | 21.0 % | e | **FAIL** | h |');
    expect(md).toContain('| t | 21.0 % | e | pass | h |');
  });

  it('shows errors in scientific notation and plain numbers as numbers', () => {
    const md = validationMarkdown([{ ...check(true, 4.2e-15), unit: 'error' }, { ...check(true, 0.978), unit: 'number' }], 'x');
    expect(md).toContain('| 4.2e-15 |');
    expect(md).toContain('| 0.978 |');
  });
});
