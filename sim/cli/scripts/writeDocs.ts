/**
 * `npm run docs`: regenerates the parameter table of docs/model.md and docs/metrics.md from
 * the engine's metadata.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withParameterTable } from '../../research/reports/paramTable.ts';
import { metricsMarkdown } from '../../research/reports/metricTable.ts';
import { writeFileAtomic } from '../output/atomicOutput.ts';

const file = fileURLToPath(new URL('../../../docs/model.md', import.meta.url));
await writeFileAtomic(file, withParameterTable(readFileSync(file, 'utf8')));
await writeFileAtomic(fileURLToPath(new URL('../../../docs/metrics.md', import.meta.url)), metricsMarkdown());
process.stdout.write('wrote the parameter table of docs/model.md and docs/metrics.md\n');
