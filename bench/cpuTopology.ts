/**
 * What the cores of this machine are, for benches that run on every core: logical CPUs,
 * physical cores and threads per core (Linux sysfs; null elsewhere), and the mean clock the
 * kernel reports right now (/proc/cpuinfo "cpu MHz"; under a hypervisor often a fixed number).
 * Two threads of one core share its execution units, and a chip clocks down as more cores
 * are busy: both make a run slower when every logical CPU runs one, whatever the program.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuTopology {
  logical: number;
  /** Distinct (package, core) pairs, or null where sysfs does not say. */
  physical: number | null;
  packages: number | null;
}

export function cpuTopology(): CpuTopology {
  const logical = os.availableParallelism();
  const root = '/sys/devices/system/cpu';
  if (!existsSync(root)) return { logical, physical: null, packages: null };
  const cores = new Set<string>();
  const packages = new Set<string>();
  for (const d of readdirSync(root)) {
    if (!/^cpu\d+$/.test(d)) continue;
    const t = `${root}/${d}/topology`;
    if (!existsSync(`${t}/core_id`)) continue;
    const pkg = readFileSync(`${t}/physical_package_id`, 'utf8').trim();
    packages.add(pkg);
    cores.add(`${pkg}:${readFileSync(`${t}/core_id`, 'utf8').trim()}`);
  }
  return cores.size > 0 ? { logical, physical: cores.size, packages: packages.size } : { logical, physical: null, packages: null };
}

/** Mean "cpu MHz" over the logical CPUs now, or null where /proc/cpuinfo does not give it. */
export function meanClockMHz(): number | null {
  if (!existsSync('/proc/cpuinfo')) return null;
  const mhz = [...readFileSync('/proc/cpuinfo', 'utf8').matchAll(/^cpu MHz\s*:\s*([\d.]+)/gm)].map((m) => Number(m[1]));
  return mhz.length > 0 ? mhz.reduce((a, b) => a + b, 0) / mhz.length : null;
}

/** One line for a bench's header. */
export function describeCpus(): string {
  const t = cpuTopology();
  const clock = meanClockMHz();
  const cores = t.physical === null ? 'physical cores unknown' : `${t.physical} physical core${t.physical === 1 ? '' : 's'} in ${t.packages} package${t.packages === 1 ? '' : 's'} (${(t.logical / t.physical).toFixed(t.logical % t.physical === 0 ? 0 : 1)} thread${t.logical === t.physical ? '' : 's'} a core)`;
  return `${os.cpus()[0]?.model ?? 'unknown CPU'}: ${t.logical} logical CPUs, ${cores}${clock === null ? '' : `, clock now ${clock.toFixed(0)} MHz`}`;
}
