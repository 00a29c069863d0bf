/**
 * Engine benchmark (issue: performance and scale). One command (`npm run bench`) measures,
 * for each size in a fresh child process:
 * - engine throughput in engineer-months per second: median of several full 10-year runs after
 *   a warm-up run, and the share of run time per mechanism (market, engineers, firms, CFO,
 *   labour market, metrics);
 * - the streaming floor: one pass per month over every engineer array of the engine (a
 *   monomorphic summing kernel per element type, plus tenure += 1), warmed up and repeated for
 *   at least 0.5 s: the cost of touching the state once a month (memory bandwidth once the
 *   arrays outgrow the caches);
 * - the engine's monthly engineer update alone (useTokens + produce + produceLearnSave),
 *   timed in blocks after a warm-up;
 * - bytes of engine state per engineer (the Engineers typed arrays, listed), the scratch
 *   measured from the actual scratch objects, and peak resident memory;
 * then the growth exponent of run time with engineers and the sweep speed-up with 1 vs 2
 * workers (bench/sweep-speedup.ts, a smaller sweep than its own default). Everything is printed
 * and appended to bench/RESULTS.md with date, machine, Node version and the command.
 *
 * Usage: npx tsx bench/engine.ts [--sizes 10000,100000,1000000] [--runs 5] [--sweep-runs 40]
 *          [--no-sweep] [--quick] [--no-append]
 *   --quick: sizes 10000,100000, 3 runs, a 10-run sweep (for trying it out).
 *   --runs applies to sizes below 100,000; 100,000 uses at most 3 runs and 1,000,000 one run.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { median } from 'simple-statistics';
import { DEFAULTS, cloneParams, type Params } from '../sim/model/params.ts';
import { produceLearnSave, useTokens } from '../sim/model/engineers.ts';
import { produce } from '../sim/model/firms.ts';
import { createWorld, simulate } from '../sim/run/simulate.ts';
import type { Phase } from '../sim/run/simulate.ts';
import type { World } from '../sim/model/world.ts';
import { engineerFields, scratchOf, type FieldInfo, type ScratchInfo } from './engineMemory.ts';
import { MIN_TIMED_MS, streamingFloor } from './floor.ts';
import { nodeArgsFor } from './selfRun.ts';

const here = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);
const has = (name: string): boolean => args.includes(`--${name}`);
const quick = has('quick');
const flag = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};

/** Untimed months of the engineer update before it is timed (the warm-up). */
const WARMUP_MONTHS = 24;

/** Default parameters at this many engineers. */
function paramsFor(engineers: number): Params {
  const p = cloneParams(DEFAULTS);
  p.run.engineers = engineers;
  return p;
}

/** The engine's own monthly engineer update, as simulate() runs it. */
function engineMonth(w: World, month: number): void {
  w.month = month;
  useTokens(w);
  produce(w);
  produceLearnSave(w);
}

// ————————————————————————————————————————————————————————————————————————————————
// One size, in a child process
// ————————————————————————————————————————————————————————————————————————————————

interface SizeReport {
  engineers: number;
  months: number;
  runs: number;
  runSeconds: number[];
  /** Engineer-months each run simulated: the labour force at the start of each month, summed (it grows and shrinks with entry and exits). */
  simulatedEngineerMonths: number[];
  /** Median over runs of simulated engineer-months ÷ run time. */
  engineMonthsPerSecond: number;
  /** The starting labour force × months ÷ the median run time (the count before the labour force could change). */
  nominalMonthsPerSecond: number;
  /** Median over runs of run time ÷ simulated engineer-months. */
  engineNsPerEngineerMonth: number;
  floorNsPerEngineerMonth: number;
  floorMonths: number;
  engineerUpdateNsPerEngineerMonth: number;
  kernelMonthsTimed: number;
  fields: FieldInfo[];
  bytesPerEngineer: number;
  scratch: ScratchInfo;
  /** Peak resident memory after the engine runs (before the kernels). */
  peakRssEngineMiB: number;
  phaseShare: Record<Phase, number>;
}

const maxRssMiB = (): number => process.resourceUsage().maxRSS / 1024;

function child(engineers: number, runs: number): SizeReport {
  const p = paramsFor(engineers);
  const months = p.run.years * 12;
  simulate(paramsFor(Math.min(engineers, 10_000)), 99); // warm-up
  const runSeconds: number[] = [];
  const simulatedEngineerMonths: number[] = [];
  const phaseMs: Record<Phase, number> = { market: 0, engineers: 0, firms: 0, cfo: 0, labour: 0, metrics: 0 };
  for (let r = 0; r < runs; r++) {
    let last = performance.now();
    const t0 = last;
    // Engineers at the start of each month: the run starts with `engineers`, and each month
    // starts with the labour force the previous one ended with (inspect runs at a month's end).
    let atStart = engineers;
    let simulated = 0;
    simulate(p, r + 1, {
      onPhase: (phase) => {
        const now = performance.now();
        phaseMs[phase] += now - last;
        last = now;
      },
      inspect: (w) => {
        simulated += atStart;
        atStart = w.eng.n;
      },
    });
    runSeconds.push((performance.now() - t0) / 1000);
    simulatedEngineerMonths.push(simulated);
  }
  const peakRssEngineMiB = maxRssMiB();
  const totalPhase = Object.values(phaseMs).reduce((a, b) => a + b, 0);
  const phaseShare = Object.fromEntries(Object.entries(phaseMs).map(([k, v]) => [k, v / totalPhase])) as Record<Phase, number>;

  // The engine's engineer update alone, from a fresh world: WARMUP_MONTHS untimed, then timed blocks.
  const w = createWorld(p, 1);
  for (let m = 0; m < WARMUP_MONTHS; m++) engineMonth(w, m);
  let month = WARMUP_MONTHS;
  let t = performance.now();
  engineMonth(w, month);
  const oneMonthMs = performance.now() - t;
  month += 1;
  const block = Math.max(1, Math.ceil(100 / Math.max(oneMonthMs, 1e-3)));
  const engineNs: number[] = [];
  let engineTotal = 0;
  let timed = 0;
  while (engineNs.length < 5 || engineTotal < MIN_TIMED_MS) {
    t = performance.now();
    for (let k = 0; k < block; k++) engineMonth(w, month + k);
    const te = performance.now() - t;
    month += block;
    timed += block;
    engineTotal += te;
    engineNs.push((te * 1e6) / (engineers * block));
  }

  const floor = streamingFloor(w);
  const fields = engineerFields(w);
  const scratch = scratchOf(w);
  const tRun = median(runSeconds);
  return {
    engineers,
    months,
    runs,
    runSeconds,
    simulatedEngineerMonths,
    engineMonthsPerSecond: median(runSeconds.map((t, r) => simulatedEngineerMonths[r] / t)),
    nominalMonthsPerSecond: (engineers * months) / tRun,
    engineNsPerEngineerMonth: median(runSeconds.map((t, r) => (t * 1e9) / simulatedEngineerMonths[r])),
    floorNsPerEngineerMonth: floor.ns,
    floorMonths: floor.months,
    engineerUpdateNsPerEngineerMonth: median(engineNs),
    kernelMonthsTimed: timed,
    fields,
    bytesPerEngineer: fields.reduce((a, f) => a + f.bytes, 0),
    scratch,
    peakRssEngineMiB,
    phaseShare,
  };
}

// ————————————————————————————————————————————————————————————————————————————————
// The report
// ————————————————————————————————————————————————————————————————————————————————

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

const fmtN = (n: number): string => n.toLocaleString('en-US');
const yesNo = (ok: boolean): string => (ok ? '**met**' : '**not met**');

function runSweep(sweepRuns: number): { table: string; seconds: number } | { error: string } {
  const script = fileURLToPath(new URL('./sweep-speedup.ts', import.meta.url));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, '--runs', String(sweepRuns), '--no-append'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) return { error: `bench/sweep-speedup.ts exited ${r.status}` };
  return { table: r.stdout.trim(), seconds: (performance.now() - t0) / 1000 };
}

function main(): void {
  if (args[0] === '--child') {
    process.stdout.write(JSON.stringify(child(Number(args[1]), Number(args[2]))));
    return;
  }
  const sizes = flag('sizes', quick ? '10000,100000' : '10000,100000,1000000')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number);
  const runs = Number(flag('runs', quick ? '3' : '5'));
  const sweepRuns = Number(flag('sweep-runs', quick ? '10' : '40'));
  if (!has('no-sweep') && !(sweepRuns >= 2 && sweepRuns % 2 === 0)) throw new Error('--sweep-runs must be an even number ≥ 2 (σ values × 2 replicates)');
  const runsFor = (n: number): number => (n >= 1_000_000 ? 1 : n >= 100_000 ? Math.min(3, runs) : runs);
  const command =
    process.env.npm_lifecycle_event === 'bench'
      ? `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`
      : `npx tsx bench/engine.ts${args.length ? ` ${args.join(' ')}` : ''}`;

  const reports: SizeReport[] = [];
  for (const n of sizes) {
    process.stderr.write(`engineers ${fmtN(n)}: warm-up + ${runsFor(n)} run(s), kernels, floor…\n`);
    const r = spawnSync(process.execPath, [...nodeArgsFor(here), '--child', String(n), String(runsFor(n))], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`child for ${n} failed: ${r.stderr}`);
    reports.push(JSON.parse(r.stdout) as SizeReport);
  }
  const sweep = has('no-sweep') ? undefined : (process.stderr.write(`sweep speed-up: ${sweepRuns} runs with 1 then 2 workers…\n`), runSweep(sweepRuns));

  const exponent = reports.length > 1 ? slope(reports.map((r) => r.engineers), reports.map((r) => median(r.runSeconds))) : Number.NaN;
  const cpus = os.cpus();
  const L: string[] = [];
  L.push(`## ${new Date().toISOString().slice(0, 10)} — engine benchmark`);
  L.push('');
  L.push(`Machine: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}; Node ${process.version}; load average at end ${os.loadavg()[0].toFixed(2)}.`);
  L.push(`Command: \`${command}\`. Default parameters, 10 years, seeds 1…runs; single thread, each size in a fresh process after a warm-up run.`);
  L.push('');
  L.push('### Throughput and the limits');
  L.push('');
  L.push('| engineers | runs | median run (s) | engineer-months simulated a run | engineer-months/s | starting engineers × months ÷ s | run ns/eng-month | floor ns | run ÷ floor | engineer update ns | update ÷ floor | peak RSS (MiB) |');
  L.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of reports) {
    L.push(
      `| ${fmtN(r.engineers)} | ${r.runs} | ${median(r.runSeconds).toFixed(2)} | ${fmtN(Math.round(median(r.simulatedEngineerMonths)))} | ${(r.engineMonthsPerSecond / 1e6).toFixed(2)} M | ${(r.nominalMonthsPerSecond / 1e6).toFixed(2)} M | ${r.engineNsPerEngineerMonth.toFixed(0)} | ${r.floorNsPerEngineerMonth.toFixed(1)} | ${(r.engineNsPerEngineerMonth / r.floorNsPerEngineerMonth).toFixed(1)}× | ${r.engineerUpdateNsPerEngineerMonth.toFixed(0)} | ${(r.engineerUpdateNsPerEngineerMonth / r.floorNsPerEngineerMonth).toFixed(1)}× | ${r.peakRssEngineMiB.toFixed(0)} |`,
    );
  }
  L.push('');
  L.push(
    '- *run*: a whole simulate() run (every mechanism and the metrics), per engineer-month simulated: the labour force at the start of each month, summed over the months ' +
      '(it changes with entry, exits and retirement: the default scenario ends its ten years ≈ 14 % larger); engineer-months/s is the median over runs. ' +
      '*Starting engineers × months ÷ s* counts the labour force as it starts, the count this bench gave before the labour force could change.',
  );
  L.push(
    '- *floor*: one pass a month over every engineer array of the engine — a summing loop per array, one function per element type (monomorphic), 8 independent sums for Float64 — plus tenure += 1; warmed up for 0.1 s, then the median of ≥ 5 blocks of ≥ 0.1 s (≥ 0.5 s in all) ' +
      `(${reports.map((r) => `${fmtN(r.floorMonths)} months at ${fmtN(r.engineers)}, ≈ ${((r.bytesPerEngineer + 4) / r.floorNsPerEngineerMonth).toFixed(1)} GB/s`).join('; ')}; tenure counted as read and written).`,
  );
  L.push(
    '- *engineer update*: the engine\'s useTokens + produce + produceLearnSave alone, from a fresh world, ' +
      `${WARMUP_MONTHS} months untimed (the warm-up), then in timed blocks (median block; ${reports.map((r) => `${fmtN(r.kernelMonthsTimed)} months at ${fmtN(r.engineers)}`).join(', ')}).`,
  );
  L.push('- *peak RSS*: maximum resident memory of the process after the engine runs (before the kernels).');
  L.push('');
  L.push('### Memory');
  L.push('');
  if (reports.length > 0) {
    const r = reports[reports.length - 1];
    const byType = new Map<string, string[]>();
    for (const f of r.fields) byType.set(`${f.type} (${f.bytes} B)`, [...(byType.get(`${f.type} (${f.bytes} B)`) ?? []), f.name]);
    L.push(
      `Engine state: ${r.bytesPerEngineer} bytes per engineer — the ${r.fields.length} typed arrays of Engineers: ` +
        [...byType.entries()].map(([t, names]) => `${names.length} × ${t}: ${names.join(', ')}`).join('; ') +
        '.',
    );
    const s = r.scratch;
    L.push(
      `Scratch, measured from the objects simulate() creates (typed arrays, one level deep), per engineer at ${fmtN(r.engineers)}: labour market ${s.labour.toFixed(1)} B, CFO ${s.cfo.toFixed(1)} B, metrics ${s.metrics.toFixed(1)} B — ${(s.labour + s.cfo + s.metrics).toFixed(1)} B in all; ` +
        `plus the metric series (the result) ${(s.seriesBytes / 2 ** 20).toFixed(1)} MiB whatever the number of engineers.`,
    );
    L.push(`Peak resident memory: ${reports.map((x) => `${fmtN(x.engineers)} → ${x.peakRssEngineMiB.toFixed(0)} MiB`).join(', ')}.`);
  }
  L.push('');
  L.push('### Scaling and profile');
  L.push('');
  L.push(`Growth of run time with engineers: exponent ${Number.isNaN(exponent) ? 'n/a (one size)' : exponent.toFixed(2)} (1 = linear; log-log slope of median run time over ${reports.map((r) => fmtN(r.engineers)).join(', ')}).`);
  L.push('');
  L.push('Share of run time by mechanism (summed over the timed runs; *firms* = demand and entry, production, accounts):');
  L.push('');
  L.push('| engineers | market | engineers | firms | CFO | labour market | metrics |');
  L.push('|---:|---:|---:|---:|---:|---:|---:|');
  const pc = (x: number): string => `${(100 * x).toFixed(1)} %`;
  for (const r of reports) {
    const s = r.phaseShare;
    L.push(`| ${fmtN(r.engineers)} | ${pc(s.market)} | ${pc(s.engineers)} | ${pc(s.firms)} | ${pc(s.cfo)} | ${pc(s.labour)} | ${pc(s.metrics)} |`);
  }
  L.push('');
  if (sweep) {
    L.push('### Sweep speed-up');
    L.push('');
    if ('error' in sweep) L.push(`Sweep benchmark failed: ${sweep.error}.`);
    else {
      L.push(`\`bench/sweep-speedup.ts --runs ${sweepRuns}\`: ${sweepRuns} runs (${sweepRuns / 2} σ value${sweepRuns === 2 ? "" : "s"} × 2 replicates) of tunguz-100k at 10,000 engineers × 10 years, through \`tokensim sweep\`; files identical across worker counts.`);
      L.push('');
      L.push(sweep.table);
    }
    L.push('');
  }
  L.push('### Targets');
  L.push('');
  const big = reports.find((r) => r.engineers >= 1_000_000);
  const ratios = (f: (r: SizeReport) => number): string => reports.map((r) => `${f(r).toFixed(1)}× at ${fmtN(r.engineers)}`).join(', ');
  const runFloor = (r: SizeReport): number => r.engineNsPerEngineerMonth / r.floorNsPerEngineerMonth;
  if (reports.length > 0) {
    const bytes = reports[0].bytesPerEngineer;
    L.push(`- Whole run ÷ floor ≤ 4×: ${ratios(runFloor)} — ${yesNo(reports.every((r) => runFloor(r) <= 4))} (engineer update alone ÷ floor: ${ratios((r) => r.engineerUpdateNsPerEngineerMonth / r.floorNsPerEngineerMonth)}).`);
    L.push(`- ≤ 150 bytes of state per engineer: ${bytes} — ${yesNo(bytes <= 150)} (with scratch ${(bytes + reports[0].scratch.labour + reports[0].scratch.cfo + reports[0].scratch.metrics).toFixed(0)}).`);
    L.push(`- Run time linear in engineers (exponent near 1, within 0.9–1.1): ${Number.isNaN(exponent) ? 'n/a' : `${exponent.toFixed(2)} — ${yesNo(Math.abs(exponent - 1) <= 0.1)}`}.`);
  }
  L.push(`- 1,000,000 engineers complete: ${big ? `yes, ${median(big.runSeconds).toFixed(1)} s per run, peak RSS ${big.peakRssEngineMiB.toFixed(0)} MiB — **met**` : 'not run in this invocation'}.`);
  L.push('');
  const text = L.join('\n');
  console.log(text);
  if (!has('no-append')) {
    const file = fileURLToPath(new URL('./RESULTS.md', import.meta.url));
    if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n\nAppended by the scripts under bench/; newest last.\n\n');
    appendFileSync(file, text + '\n');
  }
}

main();
