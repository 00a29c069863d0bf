/**
 * Shared pieces of the `tokensim sweep`/`merge` tests: a tiny sweep file (300 engineers,
 * 1 year), the CLI in-process with an injected pool and environment, the real executable,
 * and comparisons of result sets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import type { CliIO } from '../../sim/cli/commands/command.ts';
import { main, readPackageInfo } from '../../sim/cli/main.ts';
import { createPool, type Pool } from '../../sim/cli/parallel/pool.ts';
import { runSweep, type SweepDeps } from '../../sim/cli/commands/sweepCommand.ts';
import { COMBINED_FILES } from '../../sim/cli/output/sweepOutputs.ts';
import { parseSweep } from '../../sim/research/sweep/sweep.ts';
import { planSweep } from '../../sim/research/sweep/sweepPlan.ts';
import { packResult } from '../../sim/run/result.ts';
import { parseScenario } from '../../sim/input/scenario.ts';
import { simulate } from '../../sim/run/simulate.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = path.join(ROOT, 'sim', 'cli', 'bin.mjs');
export const TUNGUZ = path.join(ROOT, 'scenarios', 'tunguz-100k.json');
export const TMP = mkdtempSync(path.join(os.tmpdir(), 'tokensim-sweep-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
export const PKG = readPackageInfo();

let counter = 0;
export const tmpPath = (name: string): string => path.join(TMP, `${name}-${++counter}`);

/** A tiny sweep: 6 points × 2 replicates = 12 runs at 300 engineers for 1 year. */
export function writeSweep(name = 'tiny', extra: Record<string, unknown> = {}): string {
  const file = path.join(TMP, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name,
      description: 'A tiny sweep for tests.',
      base: TUNGUZ,
      parameters: { 'firmTypes.*.policy.tokenBudgetShareOfBase': [0, 0.27, 0.5], 'production.sigma': [0.5, 3] },
      replicates: 2,
      engineers: 300,
      years: 1,
      metrics: ['cash_base_median', 'headcount', 'quit_rate_annual', 'mover_output_drop', 'token_price_retail'],
      groups: ['all', 'startup'],
      ...extra,
    }),
  );
  return file;
}
export const SWEEP = writeSweep();
export const planOf = (file: string) => {
  const s = parseSweep(readFileSync(file, 'utf8'), file);
  return planSweep(s, parseScenario(readFileSync(TUNGUZ, 'utf8')));
};

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function captureIO(tty: boolean): { io: CliIO; out: () => Outcome['stdout']; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: (t) => void (out += t), stderr: (t) => void (err += t), stderrIsTTY: tty }, out: () => out, err: () => err };
}

/** The CLI in-process (exit code, stdout, stderr), exactly as the executable dispatches it. */
export async function cli(args: string[], tty = false): Promise<Outcome> {
  const c = captureIO(tty);
  const code = await main(args, c.io, PKG);
  return { code, stdout: c.out(), stderr: c.err() };
}

/**
 * The engine behind the pool interface, in this thread: a worker thread's start-up (loading
 * the engine through tsx) costs more than a whole tiny sweep, so only the tests about workers
 * use the real pool.
 */
export function inProcessPool(workers: number): Pool {
  return {
    size: workers,
    async run(params, seed) {
      await new Promise((resolve) => setImmediate(resolve));
      return packResult(simulate(params, seed));
    },
    async close() {},
  };
}

export interface SweepOptions {
  tty?: boolean;
  env?: Record<string, string>;
  /** Use the worker-thread pool (sim/cli/parallel/pool.ts) instead of the in-process one. */
  workerThreads?: boolean;
}

/** `tokensim sweep` in-process with its environment and pool injected. */
export async function sweep(args: string[], options: SweepOptions = {}): Promise<Outcome> {
  const c = captureIO(options.tty ?? false);
  const deps: SweepDeps = {
    env: options.env ?? {},
    createPool: options.workerThreads ? createPool : inProcessPool,
    defaultWorkers: () => 2,
    now: () => performance.now(),
  };
  const code = await runSweep(args, { io: c.io, pkg: PKG, argv: ['sweep', ...args] }, deps);
  return { code, stdout: c.out(), stderr: c.err() };
}

/** The real executable, started: the child (for its pid and signals) and its outcome once it has closed. */
export function startTokensim(args: readonly string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Outcome & { signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const done = new Promise<Outcome & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
  });
  return { child, done };
}

/** The real executable. */
export function tokensim(args: readonly string[], env: Record<string, string> = {}): Promise<Outcome & { signal: NodeJS.Signals | null }> {
  return startTokensim(args, env).done;
}

/** Run files in a directory (temporary files of a killed writer are hidden and skipped). */
export const runFiles = (dir: string): string[] => (existsSync(path.join(dir, 'runs')) ? readdirSync(path.join(dir, 'runs')).filter((f) => !f.startsWith('.')).sort() : []);

/** The result set: combined files and run files, by name, as text. */
export function resultSet(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of COMBINED_FILES) out.set(f, readFileSync(path.join(dir, f), 'utf8'));
  for (const f of runFiles(dir)) out.set(`runs/${f}`, readFileSync(path.join(dir, 'runs', f), 'utf8'));
  return out;
}

/** Asserts two result sets are byte for byte equal (without printing megabytes on failure). */
export function expectSameFiles(a: string, b: string): void {
  const x = resultSet(a);
  const y = resultSet(b);
  expect([...y.keys()]).toEqual([...x.keys()]);
  const differing = [...x.keys()].filter((k) => x.get(k) !== y.get(k));
  expect(differing).toEqual([]);
}
