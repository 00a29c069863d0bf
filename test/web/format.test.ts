import { describe, expect, it } from 'vitest';
import {
  axisUnit,
  compact,
  formatMonth,
  formatParam,
  formatTick,
  formatValue,
  integer,
  kindOfUnit,
  money,
  NNBSP,
  percent,
  significant,
} from '../../web/lib/format.ts';
import { escapeXml, fileStem, wrapText } from '../../web/lib/svgText.ts';

describe('number formatting for read-outs and axes', () => {
  it('keeps three significant digits and drops trailing zeros', () => {
    expect(significant(1.5)).toBe('1.5');
    expect(significant(0.012345)).toBe('0.0123');
    expect(significant(123456)).toBe('123000');
    expect(significant(0)).toBe('0');
    expect(significant(Number.NaN)).toBe('–');
  });

  it('writes large numbers with k, M, B, T and rounds across a boundary', () => {
    expect(compact(950)).toBe('950');
    expect(compact(1234)).toBe('1.23k');
    expect(compact(2_500_000)).toBe('2.5M');
    expect(compact(999_950)).toBe('1M');
    expect(compact(3.2e12)).toBe('3.2T');
    expect(compact(-45_000)).toBe('−45k');
  });

  it('formats dollars compactly with a true minus sign', () => {
    expect(money(375_000)).toBe('$375k');
    expect(money(1_250_000)).toBe('$1.25M');
    expect(money(-20_000)).toBe('−$20k');
    expect(money(3.2)).toBe('$3.2');
  });

  it('shows shares as percentages with a narrow no-break space', () => {
    expect(percent(0.2734)).toBe(`27.3${NNBSP}%`);
    expect(percent(0.05)).toBe(`5${NNBSP}%`);
    expect(percent(0.0123)).toBe(`1.2${NNBSP}%`);
    expect(percent(1)).toBe(`100${NNBSP}%`);
    expect(percent(-0.031)).toBe(`−3.1${NNBSP}%`);
  });

  it('groups thousands in whole numbers', () => {
    expect(integer(10_000)).toBe('10,000');
    expect(integer(999.6)).toBe('1,000');
    expect(integer(-1_234_567)).toBe('−1,234,567');
  });

  it('chooses the format from the metric unit', () => {
    expect(kindOfUnit('$ per year')).toBe('money');
    expect(kindOfUnit('$ per million tokens')).toBe('price');
    expect(kindOfUnit('share per year')).toBe('share');
    expect(kindOfUnit('probability per year')).toBe('share');
    expect(kindOfUnit('million tokens per month')).toBe('tokens');
    expect(kindOfUnit('engineers')).toBe('count');
    expect(kindOfUnit('leverage units')).toBe('number');
    expect(formatValue('$ per year', 212_400)).toBe('$212k');
    expect(formatValue('share', 0.1)).toBe(`10${NNBSP}%`);
    expect(formatValue('engineers', 9604.4)).toBe('9,604');
    expect(formatValue('$ per million tokens', 3.4123)).toBe('$3.41');
    expect(formatValue('million tokens per month', 1.2e6)).toBe('1.2T');
  });

  it('writes short axis ticks and axis units', () => {
    expect(formatTick('$ per year', 400_000)).toBe('$400k');
    expect(formatTick('share', 0.15)).toBe(`15${NNBSP}%`);
    expect(formatTick('million tokens per month', 5e7)).toBe('50T');
    expect(axisUnit('share per year')).toBe('% per year');
    expect(axisUnit('probability per year')).toBe('% per year');
    expect(axisUnit('million tokens per month')).toBe('tokens per month');
    expect(axisUnit('$ per year')).toBe('$ per year');
  });

  it('names months with their year', () => {
    expect(formatMonth(36)).toBe('month 36 (year 3)');
    expect(formatMonth(18)).toBe('month 18 (year 1.5)');
    expect(formatMonth(1)).toBe('month 1 (year 0.1)');
  });

  it('writes parameter values exactly, integers grouped', () => {
    expect(formatParam(0.27)).toBe('0.27');
    expect(formatParam(0.1 + 0.2)).toBe('0.3');
    expect(formatParam(10_000)).toBe('10,000');
  });
});

describe('text for exported SVG', () => {
  it('escapes markup characters', () => {
    expect(escapeXml('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
  });

  it('wraps words greedily and gives an over-long word its own line', () => {
    expect(wrapText('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
    expect(wrapText('a supercalifragilistic b', 5)).toEqual(['a', 'supercalifragilistic', 'b']);
    expect(wrapText('   ', 5)).toEqual([]);
  });

  it('makes safe file names', () => {
    expect(fileStem('1. Wages: cash!')).toBe('1-wages-cash');
    expect(fileStem('***')).toBe('chart');
  });
});
