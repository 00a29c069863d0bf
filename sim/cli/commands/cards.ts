/**
 * Each command's name and one-line summary: what `tokensim --help` lists, kept apart from the
 * commands themselves so that the CLI loads only the module of the command that runs (main.ts).
 * Loading all ten made every start initialise the sweep planner, the sensitivity and
 * calibration specs and their schemas: `tokensim --version` 0.12 → 0.09 s, `tokensim run
 * --help` 121 → 104 ms (a `run` itself needs most of that code later, ≈ 3 ms less).
 */
export const CARDS = {
  run: {
    name: 'run',
    summary: 'Simulate scenarios with one or more seeds; write series, summary and manifest files',
  },
  sweep: {
    name: 'sweep',
    summary: 'Run a parameter sweep (grid or Latin hypercube) on all cores, sharded across a cluster if asked',
  },
  merge: {
    name: 'merge',
    summary: 'Combine the directories of a sharded sweep into one result set',
  },
  compare: {
    name: 'compare',
    summary: 'Compare scenarios on the same seeds: means, 95% intervals and paired differences',
  },
  sensitivity: {
    name: 'sensitivity',
    summary: 'Morris screening or Sobol indices of outputs over parameter ranges',
  },
  calibrate: {
    name: 'calibrate',
    summary: 'Estimate parameters by simulated moments, with standard errors, misfit test and identification',
  },
  check: {
    name: 'check',
    summary: 'Seeded regression check: every scenario against its golden file (exit 1 on a difference)',
  },
  validate: {
    name: 'validate',
    summary: 'Check scenario, sweep, sensitivity and calibration files; one line per problem (exit 2 if any is invalid)',
  },
  schema: {
    name: 'schema',
    summary: 'Print the JSON Schema of scenario files (of sweep files with --sweep, sensitivity specs with --sensitivity, calibration specs with --calibration)',
  },
  list: {
    name: 'list',
    summary: 'List the metrics (unit, groups), the parameters (unit, default, range) or the bundled scenarios',
  },
} as const;
