/**
 * Which share of a sweep this process runs: `--shard K/N` (K from 1), or from a batch
 * scheduler's environment — a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (0-based, with
 * `--shards N`), or a Slurm array task (SLURM_ARRAY_TASK_ID normalised by the array's
 * SLURM_ARRAY_TASK_MIN and _STEP, so `--array=0-3` and `--array=1-4` both give shards 1..4;
 * N is SLURM_ARRAY_TASK_COUNT). Nothing set: the whole sweep (shard 1 of 1).
 */
import { parseIntegerArg, UsageError } from './parseArgs.ts';

/** Most shards a sweep may be cut into. */
export const MAX_SHARDS = 100_000;

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
  /** Where the shard came from: `--shard`, `JOB_COMPLETION_INDEX`, `SLURM_ARRAY_TASK_ID` or `default`. */
  from: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** `K/N` → shard K of N; throws UsageError naming the flag otherwise. */
export function parseShardFlag(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const bad = (): never => {
    throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (got '${text}'; shards are numbered from 1)`);
  };
  if (!m) return bad();
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return bad();
  return { index, count, from: '--shard' };
}

const set = (env: Env, name: string): string | undefined => {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

function fromKubernetes(indexText: string, shards: number | undefined): Shard {
  if (shards === undefined) {
    throw new UsageError('JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give --shards N, the Job\'s completions (or --shard K/N)');
  }
  const index = parseIntegerArg('JOB_COMPLETION_INDEX', indexText, 0, shards - 1);
  return { index: index + 1, count: shards, from: 'JOB_COMPLETION_INDEX' };
}

function fromSlurm(env: Env, idText: string, shards: number | undefined): Shard {
  const countText = set(env, 'SLURM_ARRAY_TASK_COUNT');
  const envCount = countText === undefined ? undefined : parseIntegerArg('SLURM_ARRAY_TASK_COUNT', countText, 1, MAX_SHARDS);
  if (envCount !== undefined && shards !== undefined && envCount !== shards) {
    throw new UsageError(`--shards ${shards} disagrees with SLURM_ARRAY_TASK_COUNT=${envCount}`);
  }
  const count = shards ?? envCount;
  if (count === undefined) throw new UsageError('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: give --shards N (or --shard K/N)');
  const minText = set(env, 'SLURM_ARRAY_TASK_MIN');
  if (minText === undefined) {
    throw new UsageError('SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN is not, so the array\'s first index is unknown: give --shard K/N');
  }
  const id = parseIntegerArg('SLURM_ARRAY_TASK_ID', idText, 0, Number.MAX_SAFE_INTEGER);
  const min = parseIntegerArg('SLURM_ARRAY_TASK_MIN', minText, 0, Number.MAX_SAFE_INTEGER);
  const stepText = set(env, 'SLURM_ARRAY_TASK_STEP');
  const step = stepText === undefined ? 1 : parseIntegerArg('SLURM_ARRAY_TASK_STEP', stepText, 1, Number.MAX_SAFE_INTEGER);
  const offset = (id - min) / step;
  if (!Number.isInteger(offset) || offset < 0 || offset >= count) {
    throw new UsageError(
      `SLURM_ARRAY_TASK_ID=${id} is not one of ${count} evenly spaced tasks from SLURM_ARRAY_TASK_MIN=${min} (step ${step}); use a range such as --array=0-${count - 1}, or --shard K/N`,
    );
  }
  return { index: offset + 1, count, from: 'SLURM_ARRAY_TASK_ID' };
}

/**
 * The shard to run from the flags and the environment. `--shard` wins over the environment;
 * `--shards N` needs JOB_COMPLETION_INDEX or a Slurm array task to pick the index from.
 */
export function resolveShard(shardFlag: string | undefined, shardsFlag: number | undefined, env: Env): Shard {
  if (shardFlag !== undefined) {
    if (shardsFlag !== undefined) throw new UsageError('give either --shard K/N or --shards N, not both');
    return parseShardFlag(shardFlag);
  }
  const k8s = set(env, 'JOB_COMPLETION_INDEX');
  const slurm = set(env, 'SLURM_ARRAY_TASK_ID');
  if (k8s !== undefined && slurm !== undefined) {
    throw new UsageError('both JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID are set: give --shard K/N');
  }
  if (k8s !== undefined) return fromKubernetes(k8s, shardsFlag);
  if (slurm !== undefined) return fromSlurm(env, slurm, shardsFlag);
  if (shardsFlag !== undefined) {
    throw new UsageError('--shards N needs JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm) in the environment; or give --shard K/N');
  }
  return { index: 1, count: 1, from: 'default' };
}
