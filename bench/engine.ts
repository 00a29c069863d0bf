/**
 * Engine benchmark (issue: performance and scale). For each size, in a fresh child process:
 * - engine throughput in engineer-months per second (median of several full runs after a warm-up);
 * - the streaming floor: one pass per month over the same engineer arrays doing trivial
 *   arithmetic (what memory bandwidth allows);
 * - an object-per-engineer version of the same monthly engineer update (token use, firm CES,
 *   Euler output, rating, learning, saving), checked against the engine's first month;
 * - bytes of engine state per engineer, peak resident memory, and time per mechanism.
 * Results are printed and appended to bench/RESULTS.md with date, machine and command.
 *
 * Usage: npx tsx bench/engine.ts [--sizes 10000,100000,1000000] [--runs 5] [--no-append]
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, cloneParams } from '../sim/params.ts';
import type { Params } from '../sim/params.ts';
import { createWorld, simulate } from '../sim/simulate.ts';
import type { Phase } from '../sim/simulate.ts';
import { produceLearnSave, useTokens } from '../sim/engineers.ts';
import { produce } from '../sim/firms.ts';
import { ces, production } from '../sim/production.ts';
import { effectiveBudget } from '../sim/policy.ts';
import type { Engineers, World } from '../sim/world.ts';
import { UNEMPLOYED } from '../sim/world.ts';

const here = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function paramsFor(engineers: number): Params {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  return p;
}

/** Typed arrays of the engineer state, for the floor and the byte count. */
function stateArrays(e: Engineers): ArrayLike<number>[] {
  return Object.values(e).filter((v) => ArrayBuffer.isView(v)) as unknown as ArrayLike<number>[];
}

/** Bytes of engineer state per engineer (struct-of-arrays fields only). */
function bytesPerEngineer(e: Engineers): number {
  return (Object.values(e).filter((v) => ArrayBuffer.isView(v)) as unknown as { byteLength: number }[]).reduce((a, v) => a + v.byteLength, 0) / e.n;
}

/** The floor: stream every engineer array once per month, summing (and bumping tenure). */
function streamingFloor(w: World, months: number): number {
  const arrays = stateArrays(w.eng) as Float64Array[];
  const tenure = w.eng.tenure;
  const n = w.eng.n;
  let acc = 0;
  const t0 = performance.now();
  for (let m = 0; m < months; m++) {
    for (const a of arrays) for (let i = 0; i < n; i++) acc += a[i];
    for (let i = 0; i < n; i++) tenure[i] += 1;
  }
  const ms = performance.now() - t0;
  if (acc === 42) console.log('');
  return ms;
}

interface EngineerObject {
  level: number;
  skill: number;
  employer: number;
  base: number;
  equity: number;
  budget: number;
  tenure: number;
  phiP: number;
  phiF: number;
  wealth: number;
  rating: number;
  used: number;
  compute: number;
  output: number;
}

/**
 * The same monthly engineer update written the way most ABM code is: one object per engineer,
 * firms as objects holding arrays of their engineers.
 */
function objectVersion(w: World, months: number): { ms: number; firstMonthOutput: number } {
  const e = w.eng;
  const m = w.market.state;
  const p = w.p;
  const people: EngineerObject[] = [];
  for (let i = 0; i < e.n; i++) {
    people.push({
      level: e.level[i],
      skill: e.skill[i],
      employer: e.employer[i],
      base: e.base[i],
      equity: e.equity[i],
      budget: e.budget[i],
      tenure: e.tenure[i],
      phiP: e.phiP[i],
      phiF: e.phiF[i],
      wealth: e.wealth[i],
      rating: e.rating[i],
      used: 0,
      compute: 0,
      output: 0,
    });
  }
  const firms = w.firms.map((f) => ({ f, staff: [] as EngineerObject[], L: 0, C: 0, Y: 0, YL: 0, YC: 0 }));
  for (const person of people) if (person.employer !== UNEMPLOYED) firms[person.employer].staff.push(person);
  const out = production();
  let firstMonthOutput = 0;
  const t0 = performance.now();
  for (let month = 0; month < months; month++) {
    for (const firm of firms) {
      firm.L = 0;
      firm.C = 0;
      for (const person of firm.staff) {
        const eb = effectiveBudget(firm.f, person.budget, person.rating);
        const available = ((eb / 12) * firm.f.tp.hostedUsableShare) / m.priceRetail;
        const kappa = person.phiP + person.phiF;
        person.used = Math.min(available, m.orchestrationCap * kappa);
        person.compute = p.production.c0 + (m.capability * kappa * person.used) / p.production.computeUnitMTokens;
        firm.L += person.skill;
        firm.C += person.compute;
      }
      ces(firm.f.A, firm.L, firm.C, p.production.alpha, p.production.sigma, out);
      firm.Y = out.Y;
      firm.YL = out.YL;
      firm.YC = out.YC;
      for (const person of firm.staff) {
        person.output = firm.YL * person.skill + firm.YC * person.compute;
        if (month === 0) firstMonthOutput += person.output;
        const eb = effectiveBudget(firm.f, person.budget, person.rating);
        const budgetTokens = ((eb / 12) * firm.f.tp.hostedUsableShare) / m.priceRetail;
        const expTokens = Math.min(budgetTokens, m.orchestrationCap * firm.f.kappaBar);
        const expected = firm.YL * person.skill + firm.YC * (p.production.c0 + (m.capability * firm.f.kappaBar * expTokens) / p.production.computeUnitMTokens);
        person.rating += (person.output / expected - person.rating) / p.labour.ratingSmoothingMonths;
        const kappa = person.phiP + person.phiF;
        const share = person.used / (m.orchestrationCap * kappa);
        person.phiP += p.engineers.learningRatePortable * share * (p.engineers.portableFluencyMax - person.phiP);
        person.phiF += p.engineers.learningRateFirm * share * (p.engineers.firmLeverageMax - person.phiF);
        person.wealth += (p.engineers.savingsRate * person.base) / 12 + person.equity / 12;
        person.tenure += 1;
      }
    }
  }
  return { ms: performance.now() - t0, firstMonthOutput };
}

/** The engine's own engineer update (token use, firm production, output/learning/saving). */
function engineUpdate(w: World, months: number): { ms: number; firstMonthOutput: number } {
  let firstMonthOutput = 0;
  const t0 = performance.now();
  for (let month = 0; month < months; month++) {
    useTokens(w);
    produce(w);
    produceLearnSave(w);
    if (month === 0) for (const f of w.firms) firstMonthOutput += f.outputSum;
  }
  return { ms: performance.now() - t0, firstMonthOutput };
}

interface SizeReport {
  engineers: number;
  months: number;
  runs: number;
  runSeconds: number[];
  engineMonthsPerSecond: number;
  floorNsPerEngineerMonth: number;
  engineNsPerEngineerMonth: number;
  engineerUpdateNsPerEngineerMonth: number;
  objectNsPerEngineerMonth: number;
  objectCheckRelDiff: number;
  bytesPerEngineer: number;
  scratchBytesPerEngineer: number;
  peakRssMiB: number;
  phaseShare: Record<Phase, number>;
}

function child(engineers: number, runs: number): SizeReport {
  const p = paramsFor(engineers);
  const months = p.run.years * 12;
  if (engineers <= 100_000) simulate(paramsFor(Math.min(engineers, 10_000)), 99);
  const runSeconds: number[] = [];
  const phaseMs: Record<Phase, number> = { market: 0, engineers: 0, firms: 0, cfo: 0, labour: 0, metrics: 0 };
  for (let r = 0; r < runs; r++) {
    let last = performance.now();
    const t0 = last;
    simulate(p, r + 1, {
      onPhase: (phase) => {
        const now = performance.now();
        phaseMs[phase] += now - last;
        last = now;
      },
    });
    runSeconds.push((performance.now() - t0) / 1000);
  }
  const totalPhase = Object.values(phaseMs).reduce((a, b) => a + b, 0);
  const phaseShare = Object.fromEntries(Object.entries(phaseMs).map(([k, v]) => [k, v / totalPhase])) as Record<Phase, number>;
  // Floor, object version and the engine's update on the same month-0 state, over 24 months.
  const kernelMonths = 24;
  const floorMs = streamingFloor(createWorld(p, 1), kernelMonths);
  const objects = objectVersion(createWorld(p, 1), kernelMonths);
  const engine = engineUpdate(createWorld(p, 1), kernelMonths);
  const w = createWorld(p, 1);
  const scratch = 4 * 8 + 8 + 4 + 8 + 4 * 5 + 8 * 3 + 1 + 4; // metrics buckets/budgets/ties/premium, labour and CFO scratch
  const engineerMonths = engineers * months;
  const tRun = median(runSeconds);
  return {
    engineers,
    months,
    runs,
    runSeconds,
    engineMonthsPerSecond: engineerMonths / tRun,
    floorNsPerEngineerMonth: (floorMs * 1e6) / (engineers * kernelMonths),
    engineNsPerEngineerMonth: (tRun * 1e9) / engineerMonths,
    engineerUpdateNsPerEngineerMonth: (engine.ms * 1e6) / (engineers * kernelMonths),
    objectNsPerEngineerMonth: (objects.ms * 1e6) / (engineers * kernelMonths),
    objectCheckRelDiff: Math.abs(objects.firstMonthOutput / engine.firstMonthOutput - 1),
    bytesPerEngineer: bytesPerEngineer(w.eng),
    scratchBytesPerEngineer: scratch,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    phaseShare,
  };
}

function slope(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}

function main(): void {
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(child(Number(args[1]), Number(args[2]))));
    return;
  }
  const sizes = flag('sizes', '10000,100000,1000000').split(',').map(Number);
  const runsFor = (n: number) => (n >= 1_000_000 ? 1 : n >= 100_000 ? 3 : Number(flag('runs', '5')));
  const reports: SizeReport[] = [];
  for (const n of sizes) {
    process.stderr.write(`engineers ${n.toLocaleString('en-US')}: ${runsFor(n)} run(s)…\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', String(n), String(runsFor(n))], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`child for ${n} failed: ${r.stderr}`);
    reports.push(JSON.parse(r.stdout) as SizeReport);
  }
  const exponent = reports.length > 1 ? slope(reports.map((r) => r.engineers), reports.map((r) => median(r.runSeconds))) : Number.NaN;
  const lines: string[] = [];
  lines.push(`## ${new Date().toISOString().slice(0, 10)} — engine benchmark`);
  lines.push('');
  lines.push(`Machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`);
  lines.push(`Command: \`npx tsx bench/engine.ts ${args.join(' ')}\`.`);
  lines.push('');
  lines.push('| engineers | runs | median run (s) | engineer-months/s | engine ns/eng-month | floor ns | engine ÷ floor | engineer update ns | object version ns | objects ÷ update | bytes/engineer (+scratch) | peak RSS (MiB) |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    lines.push(
      `| ${r.engineers.toLocaleString('en-US')} | ${r.runs} | ${median(r.runSeconds).toFixed(2)} | ${(r.engineMonthsPerSecond / 1e6).toFixed(2)} M | ${r.engineNsPerEngineerMonth.toFixed(0)} | ${r.floorNsPerEngineerMonth.toFixed(1)} | ${(r.engineNsPerEngineerMonth / r.floorNsPerEngineerMonth).toFixed(1)}× | ${r.engineerUpdateNsPerEngineerMonth.toFixed(0)} | ${r.objectNsPerEngineerMonth.toFixed(0)} | ${(r.objectNsPerEngineerMonth / r.engineerUpdateNsPerEngineerMonth).toFixed(1)}× | ${r.bytesPerEngineer} (+${r.scratchBytesPerEngineer}) | ${r.peakRssMiB.toFixed(0)} |`,
    );
  }
  lines.push('');
  lines.push(`Growth of run time with engineers: exponent ${exponent.toFixed(2)} (1 = linear).`);
  lines.push('');
  lines.push('Share of run time by mechanism:');
  lines.push('');
  lines.push('| engineers | market | engineers | firms | CFO | labour market | metrics |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const r of reports) {
    const s = r.phaseShare;
    const pc = (x: number) => `${(100 * x).toFixed(1)} %`;
    lines.push(`| ${r.engineers.toLocaleString('en-US')} | ${pc(s.market)} | ${pc(s.engineers)} | ${pc(s.firms)} | ${pc(s.cfo)} | ${pc(s.labour)} | ${pc(s.metrics)} |`);
  }
  lines.push('');
  lines.push(`Object version's first-month total output differs from the engine's by at most ${Math.max(...reports.map((r) => r.objectCheckRelDiff)).toExponential(1)} (same update).`);
  lines.push('');
  const text = lines.join('\n');
  console.log(text);
  if (!args.includes('--no-append')) {
    const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
    if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n\nAppended by the scripts under bench/; newest last.\n\n');
    appendFileSync(file, text + '\n');
  }
}

main();
