#!/bin/bash
# Run a tokensim sweep on a Slurm cluster as an array job, then merge it (docs/researchers.md).
#
# From the repository root on a login node (after `npm ci`, on a file system the compute
# nodes share):
#
#   bash docs/slurm-sweep.sh scenarios/sweeps/token-share-by-sigma.json out/token-share-by-sigma 8
#
# submits this same file twice:
#   1. an array of SHARDS tasks (--array=0-(SHARDS-1)); task i runs shard i+1 of SHARDS into
#      OUT/shard-i — tokensim reads SLURM_ARRAY_TASK_ID, _MIN and _COUNT itself;
#   2. a merge job that starts only when every task has succeeded (--dependency=afterok) and
#      writes the combined result set to OUT/merged.
# To finish after a failed, timed-out or preempted task, submit the same array again: with
# `--resume` every finished run is kept, so complete shards end in seconds. (Do not resubmit
# one index alone, e.g. --array=3: Slurm would then report an array of one task, and that task
# would take itself for the whole sweep.) Tune CPUS_PER_TASK, TIME, MEM (per array task),
# MERGE_MEM (the merge job) and SETUP in the environment.
set -euo pipefail

CPUS_PER_TASK="${CPUS_PER_TASK:-8}"
TIME="${TIME:-02:00:00}"
MEM="${MEM:-8G}"
MERGE_MEM="${MERGE_MEM:-4G}"
# A site may need e.g. `module load nodejs/20` here; `node --version` must print v20.19 or later.
SETUP="${SETUP:-true}"

case "${1:-}" in
  --shard)
    # Inside an array task: one shard, all the task's cores.
    sweep="$2" out="$3"
    eval "$SETUP"
    exec npx tokensim sweep "$sweep" --out "$out/shard-$SLURM_ARRAY_TASK_ID" --workers "${SLURM_CPUS_PER_TASK:-1}" --resume
    ;;
  --merge)
    # The dependent job: every shard directory into one result set.
    out="$2"
    eval "$SETUP"
    exec npx tokensim merge "$out"/shard-* --out "$out/merged"
    ;;
esac

sweep="${1:?usage: bash docs/slurm-sweep.sh <sweep.json> <out-dir> [shards]}"
out="${2:?usage: bash docs/slurm-sweep.sh <sweep.json> <out-dir> [shards]}"
shards="${3:-8}"
mkdir -p "$out/logs"

array_job=$(sbatch --parsable \
  --job-name="tokensim-sweep" \
  --array="0-$((shards - 1))" \
  --cpus-per-task="$CPUS_PER_TASK" \
  --mem="$MEM" \
  --time="$TIME" \
  --output="$out/logs/shard-%a.log" \
  "$0" --shard "$sweep" "$out")

merge_job=$(sbatch --parsable \
  --job-name="tokensim-merge" \
  --dependency="afterok:${array_job}" \
  --cpus-per-task=1 \
  --mem="$MERGE_MEM" \
  --time=00:30:00 \
  --output="$out/logs/merge.log" \
  "$0" --merge "$out")

echo "submitted array job $array_job ($shards shards) and merge job $merge_job"
echo "results: $out/merged (logs in $out/logs)"
