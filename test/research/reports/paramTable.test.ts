import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parameterTableMarkdown, TABLE_BEGIN, TABLE_END, withParameterTable } from '../../../sim/research/reports/paramTable.ts';
import { PARAM_SPECS } from '../../../sim/model/paramSpecs.ts';

describe('the parameter table of docs/model.md', () => {
  it('is exactly the one generated from the metadata (run `npm run docs` after changing parameters)', () => {
    const doc = readFileSync('docs/model.md', 'utf8');
    const table = doc.slice(doc.indexOf(TABLE_BEGIN), doc.indexOf(TABLE_END) + TABLE_END.length);
    expect(table).toBe(parameterTableMarkdown());
  });

  it('has one row per parameter, with its default, range and source', () => {
    const rows = parameterTableMarkdown().split('\n').filter((l) => l.startsWith('| `'));
    expect(rows.length).toBe(Object.keys(PARAM_SPECS).length);
    expect(rows.find((r) => r.startsWith('| `production.sigma`'))).toMatch(/\| 0\.8 \| 0\.05 – 20 \|/);
    expect(rows.find((r) => r.startsWith('| `firmTypes.*.policy.baseByLevel.{level}`'))).toContain('bigtech 150,000 / 200,000 / 280,000 / 375,000');
  });

  it('replaces a stale table in place and appends one where there is none', () => {
    const stale = `intro\n${TABLE_BEGIN}\nold\n${TABLE_END}\noutro\n`;
    const fresh = withParameterTable(stale);
    expect(fresh.startsWith('intro\n')).toBe(true);
    expect(fresh.endsWith('\noutro\n')).toBe(true);
    expect(fresh).not.toContain('\nold\n');
    expect(withParameterTable('intro\n')).toContain(TABLE_BEGIN);
  });
});
