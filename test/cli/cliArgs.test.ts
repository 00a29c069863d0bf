/** Argument parsing of the tokensim command line (shared parser and run flags). */
import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../sim/cli/output/groupThousands.ts';
import { parseArgs, parseIntegerArg, UsageError, wantsHelp, type FlagSpec } from '../../sim/cli/args/parseArgs.ts';
import { applyRunOverrides, chooseWorkers, MAX_SEED, parseRunArgs, workersFor } from '../../sim/cli/args/runArgs.ts';
import { formatSeedList, parseSeedList } from '../../sim/cli/args/seeds.ts';
import { DEFAULTS, cloneParams } from '../../sim/model/params.ts';
import { specFor } from '../../sim/model/paramPaths.ts';

const SPECS: FlagSpec[] = [
  { name: 'seed', kind: 'integer', min: 0, max: 10, defaultValue: 1, description: 'seed' },
  { name: 'out', kind: 'string', placeholder: '<dir>', description: 'out' },
  { name: 'quiet', kind: 'boolean', description: 'quiet' },
];

describe('argument parsing', () => {
  it('reads --name value, --name=value, switches and positionals', () => {
    const p = parseArgs(['a.json', '--seed', '3', '--out=x', '--quiet'], SPECS, 'run');
    expect(p.positionals).toEqual(['a.json']);
    expect(Object.fromEntries(p.flags)).toEqual({ seed: 3, out: 'x', quiet: true });
  });

  it('fills defaults and treats everything after -- as positional', () => {
    const p = parseArgs(['--', '--seed'], SPECS, 'run');
    expect(p.positionals).toEqual(['--seed']);
    expect(p.flags.get('seed')).toBe(1);
  });

  it('rejects an unknown flag, naming it', () => {
    expect(() => parseArgs(['--sead', '3'], SPECS, 'run')).toThrow(/unknown option --sead for 'run'/);
    expect(() => parseArgs(['-x'], SPECS, 'run')).toThrow(/unknown option -x/);
  });

  it('names an unknown option as typed, without its value', () => {
    expect(() => parseArgs(['--sead=3'], SPECS, 'run')).toThrow("unknown option --sead for 'run'; did you mean --seed? (see tokensim run --help)");
    expect(() => parseArgs(['a.json', '-qv'], SPECS, 'run')).toThrow("unknown option -qv for 'run'");
    expect(() => parseArgs(['--=x'], SPECS, 'run')).toThrow("unknown option --=x for 'run'");
  });

  it('takes a value after = as it is, but not a dash word after a space', () => {
    expect(parseArgs(['--out=-x'], SPECS, 'run').flags.get('out')).toBe('-x');
    expect(() => parseArgs(['--out', '-'], SPECS, 'run')).toThrow('--out needs a value');
    expect(() => parseArgs(['--out', '--', 'a.json'], SPECS, 'run')).toThrow('--out needs a value');
  });

  it('rejects a flag without its value, a repeated flag and a value on a switch', () => {
    expect(() => parseArgs(['--out'], SPECS, 'run')).toThrow('--out needs a value (--out <dir>)');
    expect(() => parseArgs(['--out', '--quiet'], SPECS, 'run')).toThrow('--out needs a value');
    expect(() => parseArgs(['--seed', '1', '--seed', '2'], SPECS, 'run')).toThrow('--seed was given more than once');
    expect(() => parseArgs(['--quiet=yes'], SPECS, 'run')).toThrow('--quiet takes no value');
  });

  it('accepts only whole decimal integers within range', () => {
    expect(parseIntegerArg('--n', '0010', 0, 20)).toBe(10);
    for (const bad of ['1.5', '1e3', '0x10', ' 3', '', 'ten', '21', '-1']) {
      expect(() => parseIntegerArg('--n', bad, 0, 20), bad).toThrow(`--n must be an integer from 0 to 20 (got '${bad}')`);
    }
    expect(() => parseArgs(['--seed', '-3'], SPECS, 'run')).toThrow("--seed must be an integer from 0 to 10 (got '-3')");
  });

  it('finds a help request anywhere before --', () => {
    expect(wantsHelp(['a.json', '-h'])).toBe(true);
    expect(wantsHelp(['--help'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
  });

  it('errors are UsageErrors (exit code 2)', () => {
    expect(() => parseArgs(['--nope'], SPECS, 'run')).toThrow(UsageError);
  });
});

describe('run arguments', () => {
  it('defaults to seed 1 and csv, requires --out and at least one scenario file', () => {
    expect(parseRunArgs(['s.json', '--out', 'o'])).toEqual({ scenarioPaths: ['s.json'], seeds: [1], outDir: 'o', format: 'csv' });
    expect(() => parseRunArgs(['s.json'])).toThrow('missing required option --out <dir>');
    expect(() => parseRunArgs(['--out', 'o'])).toThrow('missing scenario file');
    expect(parseRunArgs(['a.json', 'b.json', '--out', 'o']).scenarioPaths).toEqual(['a.json', 'b.json']);
  });

  it('accepts seeds 0 to 2^32 − 1 only', () => {
    expect(parseRunArgs(['s', '--out', 'o', '--seed', '0']).seeds).toEqual([0]);
    expect(parseRunArgs(['s', '--out', 'o', '--seed', String(MAX_SEED)]).seeds).toEqual([4294967295]);
    expect(() => parseRunArgs(['s', '--out', 'o', '--seed', '4294967296'])).toThrow(/--seed must be an integer from 0 to 4,294,967,295/);
    expect(() => parseRunArgs(['s', '--out', 'o', '--seeds', '4294967295..4294967296'])).toThrow(/--seeds seed must be an integer from 0 to 4,294,967,295/);
  });

  it('reads --seeds as ranges and lists, in the order given, and refuses --seed with it', () => {
    expect(parseRunArgs(['s', '--out', 'o', '--seeds', '1..3']).seeds).toEqual([1, 2, 3]);
    expect(parseRunArgs(['s', '--out', 'o', '--seeds', '5,1,2']).seeds).toEqual([5, 1, 2]);
    expect(parseRunArgs(['s', '--out', 'o', '--seeds', '1..3,10']).seeds).toEqual([1, 2, 3, 10]);
    expect(() => parseRunArgs(['s', '--out', 'o', '--seeds', '1..3', '--seed', '4'])).toThrow('give --seeds or --seed, not both');
  });

  it('names what is wrong with a bad --seeds, --format or --workers', () => {
    const bad = (...flags: string[]) => () => parseRunArgs(['s', '--out', 'o', ...flags]);
    expect(bad('--seeds', '3..1')).toThrow('--seeds range 3..1 runs backwards (write 1..3)');
    expect(bad('--seeds', '1,2,1')).toThrow('--seeds lists seed 1 more than once');
    expect(bad('--seeds', '1..3,2')).toThrow('--seeds lists seed 2 more than once');
    expect(bad('--seeds', 'a..b')).toThrow("--seeds takes seeds like 1..30, 1,2,5 or 1..3,10 (got 'a..b')");
    expect(bad('--seeds', '1,,2')).toThrow("(got '1,,2')");
    expect(bad('--seeds', '1.5')).toThrow("(got '1.5')");
    expect(bad('--seeds', '1..20000')).toThrow('--seeds lists more than 10,000 seeds');
    expect(bad('--format', 'xml')).toThrow("--format must be csv or json (got 'xml')");
    expect(bad('--workers', '0')).toThrow("--workers must be an integer from 1 to 256 (got '0')");
    expect(bad('--workers', 'two')).toThrow("--workers must be an integer from 1 to 256 (got 'two')");
    expect(bad('--seeds')).toThrow('--seeds needs a value (--seeds <list>)');
  });

  it('writes seed lists back in their shortest form', () => {
    expect(formatSeedList([1, 2, 3, 5])).toBe('1..3,5');
    expect(formatSeedList([1, 2])).toBe('1,2');
    expect(formatSeedList([7])).toBe('7');
    expect(formatSeedList([3, 2, 1])).toBe('3,2,1');
    for (const text of ['1..30', '5,1,2', '0..2,9..12,4']) expect(formatSeedList(parseSeedList(text))).toBe(text);
  });

  it('uses one worker per core unless told, never more than the runs', () => {
    expect(workersFor(8, {}, 2)).toBe(2);
    expect(workersFor(1, {}, 16)).toBe(1);
    expect(workersFor(3, { workers: 8 }, 2)).toBe(3);
    expect(workersFor(30, { workers: 1 }, 16)).toBe(1);
  });

  it('starts no more workers than the runs’ work repays, up to --workers; --exact-workers starts them all', () => {
    const em = (engineers: number, years = 10) => engineers * 12 * years;
    // 8 runs of 2,000 engineers × 10 years ≈ 1 s of work: one worker, however many cores.
    expect(workersFor(8, {}, 2, em(2000))).toBe(1);
    expect(workersFor(8, {}, 16, em(2000))).toBe(1);
    // 8 runs of 10,000 ≈ 4.8 s: two on 2 cores, six on 16.
    expect(workersFor(8, {}, 2, em(10_000))).toBe(2);
    expect(workersFor(8, {}, 16, em(10_000))).toBe(6);
    // 64 runs of 2,000 ≈ 7.7 s: ten on 16 cores (each with ≥ 0.7 s of work).
    expect(workersFor(64, {}, 16, em(2000))).toBe(10);
    // Tiny runs still get one worker.
    expect(workersFor(100, {}, 8, em(10, 1))).toBe(1);
    // --workers is a ceiling: the same rule under it, whatever the cores.
    expect(workersFor(64, { workers: 16 }, 2, em(2000))).toBe(10);
    expect(workersFor(64, { workers: 8 }, 16, em(2000))).toBe(8);
    expect(workersFor(64, { workers: 16 }, 16, em(10_000))).toBe(16);
    expect(workersFor(8, { workers: 2 }, 16, em(2000))).toBe(1);
    // --exact-workers: as asked (up to the runs), or one per core.
    expect(workersFor(8, { workers: 2, exactWorkers: true }, 16, em(2000))).toBe(2);
    expect(workersFor(64, { workers: 16, exactWorkers: true }, 2, em(2000))).toBe(16);
    expect(workersFor(4, { workers: 16, exactWorkers: true }, 2, em(2000))).toBe(4);
    expect(workersFor(64, { exactWorkers: true }, 16, em(10, 1))).toBe(16);
  });

  it('says when fewer workers start than --workers named, and not otherwise', () => {
    const em2000 = 2000 * 12 * 10;
    const capped = chooseWorkers(64, { workers: 16 }, 16, em2000);
    expect(capped.count).toBe(10);
    expect(capped.note).toBe(
      "tokensim: starting 10 of the 16 workers asked for: 64 runs of ≈ 7.7 s of one core's work in all repay no more (each worker first spends ≈ 0.7 s compiling the engine); --exact-workers starts all 16\n",
    );
    // Capped by the number of runs only, by default, or exactly as asked: no note.
    expect(chooseWorkers(4, { workers: 16 }, 16, 10_000 * 240).count).toBe(4);
    expect(chooseWorkers(4, { workers: 16 }, 16, 10_000 * 240).note).toBeUndefined();
    expect(chooseWorkers(64, {}, 16, em2000).note).toBeUndefined();
    expect(chooseWorkers(64, { workers: 16, exactWorkers: true }, 16, em2000).note).toBeUndefined();
    expect(chooseWorkers(64, { workers: 8 }, 16, em2000).note).toBeUndefined();
  });

  it('takes the --engineers and --years ranges from the parameter specs', () => {
    for (const [flag, specPath] of [
      ['engineers', 'run.engineers'],
      ['years', 'run.years'],
    ] as const) {
      const spec = specFor(specPath);
      if (!spec) throw new Error(`no spec for ${specPath}`);
      const message = `--${flag} must be an integer from ${groupThousands(spec.min)} to ${groupThousands(spec.max)}`;
      expect(() => parseRunArgs(['s', '--out', 'o', `--${flag}`, String(spec.min - 1)])).toThrow(message);
      expect(() => parseRunArgs(['s', '--out', 'o', `--${flag}`, String(spec.max + 1)])).toThrow(message);
      expect(parseRunArgs(['s', '--out', 'o', `--${flag}`, String(spec.max)])[flag]).toBe(spec.max);
    }
  });

  it('applies --engineers and --years to a copy of the parameters', () => {
    const base = cloneParams(DEFAULTS);
    const out = applyRunOverrides(base, { engineers: 500, years: 2 });
    expect(out.run).toEqual({ ...DEFAULTS.run, engineers: 500, years: 2 });
    expect(base.run).toEqual(DEFAULTS.run);
    expect(applyRunOverrides(base, {}).run).toEqual(DEFAULTS.run);
  });
});
