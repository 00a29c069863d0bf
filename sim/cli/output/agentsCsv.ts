/**
 * agents.csv of `tokensim run --agents N`: the sample of engineers, one row per seed, month
 * and place — `seed,month,place,uid,status,firm,firm_type,level,budget` — month 1-based like
 * series.csv; status is employed, unemployed or vacant (the place's person left the
 * occupation and no entrant took it yet); firm is the firm slot (empty when not employed);
 * budget is the token budget in retail $ a year.
 */
import { LEVELS } from '../../model/params.ts';
import type { Result } from '../../run/result.ts';
import { SAMPLE_UNEMPLOYED, SAMPLE_VACANT } from '../../run/agentSample.ts';

export const AGENTS_CSV_HEADER = 'seed,month,place,uid,status,firm,firm_type,level,budget\n';

/** The rows of one result's sample as CSV text chunks (one chunk a month); none without a sample. */
export function agentsCsvChunks(r: Result): string[] {
  const s = r.agents;
  if (!s) return [];
  const chunks: string[] = [];
  for (let m = 0; m < s.months; m++) {
    let text = '';
    for (let k = 0; k < s.count; k++) {
      const c = m * s.count + k;
      const firm = s.firm[c];
      const status = firm === SAMPLE_VACANT ? 'vacant' : firm === SAMPLE_UNEMPLOYED ? 'unemployed' : 'employed';
      const employed = firm >= 0;
      const uid = s.uid[c] >= 0 ? String(s.uid[c]) : '';
      const level = firm === SAMPLE_VACANT ? '' : LEVELS[s.level[c]];
      text += `${r.seed},${m + 1},${k + 1},${uid},${status},${employed ? firm : ''},${employed ? r.firmTypes[s.firmType[c]] : ''},${level},${employed ? Math.round(s.budget[c]) : ''}\n`;
    }
    chunks.push(text);
  }
  return chunks;
}
