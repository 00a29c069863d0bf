/**
 * `npm run validate`: computes every validation target, writes docs/validation.md, and exits 1
 * when an identity or an in-sample target is missed (an out-of-sample miss is reported, not
 * fatal: it is a finding about the model, not a broken build).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../input/scenario.ts';
import { blockingFailures, validationChecks, validationMarkdown } from '../../research/checks/validation.ts';
import { writeFileAtomic } from '../output/atomicOutput.ts';

const scenario = (name: string) => {
  const file = fileURLToPath(new URL(`../../../scenarios/${name}.json`, import.meta.url));
  return parseScenario(readFileSync(file, 'utf8'), file);
};
const checks = validationChecks(scenario('baseline-static'), scenario('tunguz-100k'));
const file = fileURLToPath(new URL('../../../docs/validation.md', import.meta.url));
await writeFileAtomic(file, validationMarkdown(checks, 'npm run validate'));
for (const c of checks) process.stdout.write(`${c.pass ? 'pass' : 'FAIL'}  ${c.kind.padEnd(13)} ${c.target}\n`);
const blocking = blockingFailures(checks);
const passed = checks.filter((c) => c.pass).length;
process.stdout.write(`${passed} of ${checks.length} validation targets met (${blocking.length} identity or in-sample misses); wrote docs/validation.md\n`);
process.exitCode = blocking.length > 0 ? 1 : 0;
