/**
 * `npm run validate`: computes every validation target, writes docs/validation.md, and exits 1
 * when any target is missed (0 when all pass).
 */
import { fileURLToPath } from 'node:url';
import { validationChecks, validationMarkdown } from '../../research/checks/validation.ts';
import { writeFileAtomic } from '../output/atomicOutput.ts';

const checks = validationChecks();
const file = fileURLToPath(new URL('../../../docs/validation.md', import.meta.url));
await writeFileAtomic(file, validationMarkdown(checks, 'npm run validate'));
const failed = checks.filter((c) => !c.pass);
for (const c of checks) process.stdout.write(`${c.pass ? 'pass' : 'FAIL'}  ${c.target}\n`);
process.stdout.write(`${checks.length - failed.length} of ${checks.length} validation targets pass; wrote docs/validation.md\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
