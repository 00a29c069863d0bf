#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, running the project's own array script.
#
# Installs Debian's slurm-wlm and munge when missing, starts munged, slurmctld and slurmd with
# their key, configuration, state and logs in a temporary directory (no systemd, no cgroups:
# proctrack/linuxproc, task/none, no accounting), submits .ci/slurm-sweep.json through
# docs/slurm-sweep.sh exactly as a researcher would, waits for the array and the merge job,
# and checks that the merged result set is byte-identical to an unsharded `tokensim sweep` of
# the same file (the combined CSVs, manifest.json and every runs/*.json). The daemons it
# started are stopped on exit. Gives up after SLURM_CHECK_LIMIT seconds (default 300).
# Needs root (slurmd launches the jobs); run from anywhere: `bash .ci/slurm-check.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${SLURM_CHECK_LIMIT:-300}"
shards=3
sweep=.ci/slurm-sweep.json

say() { echo "slurm-check: $*"; }
fail() {
  say "FAILED: $*"
  exit 1
}

if [ "$(id -u)" -ne 0 ]; then fail "needs root to start slurmd"; fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
say "$(slurmctld -V), $(munged -V 2>&1 | head -n 1)"

work="$(mktemp -d /tmp/tokensim-slurm.XXXXXX)"
chmod 700 "$work"
pids=()
array_job=""
merge_job=""
cleanup() {
  local status=$?
  if [ -n "${array_job:-}" ] && squeue -h -j "$array_job,$merge_job" 2>/dev/null | grep -q .; then
    scancel "$array_job" "$merge_job" 2>/dev/null || true
    for _ in $(seq 20); do squeue -h -j "$array_job,$merge_job" 2>/dev/null | grep -q . || break; sleep 0.5; done
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    for log in "$work"/munged.log "$work"/slurmctld.log "$work"/slurmd.log "$work"/out/logs/*.log; do
      [ -f "$log" ] && { echo "--- $log (last 20 lines)"; tail -n 20 "$log"; }
    done
  fi
  rm -rf "$work"
  say "stopped the daemons it started${pids[*]:+ (pids ${pids[*]})}"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# munge: a fresh key, the daemon's socket and files in $work.
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge.key"
munged --foreground --force --key-file="$work/munge.key" --socket="$work/munge.socket" \
  --pid-file="$work/munged.pid" --log-file="$work/munged.log" --seed-file="$work/munged.seed" >/dev/null 2>&1 &
pids+=($!)

# slurm.conf: this host as the controller and the only node, on the loopback address (no name
# lookup needed), with the CPUs and memory slurmd detects here (slurmd -C).
host="$(hostname -s)"
node="$(slurmd -C | head -n 1)"
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<EOF
ClusterName=tokensim-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$work/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DependencyParameters=kill_invalid_depend
ReturnToService=2
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
say "slurm.conf: $node"

slurmctld -D -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >/dev/null 2>&1 &
pids+=($!)

deadline=$((SECONDS + limit))
until sinfo -h -N -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; do
  [ "$SECONDS" -lt "$deadline" ] || fail "the node did not come up within ${limit}s ($(sinfo -h -N -o '%T %E' 2>&1))"
  sleep 1
done
say "cluster up in ${SECONDS}s:"
sinfo

# The researcher's command, unchanged, with this machine's sizes.
out="$work/out"
mkdir -p "$out"
submitted="$(CPUS_PER_TASK=1 MEM=500M MERGE_MEM=500M TIME=00:05:00 bash docs/slurm-sweep.sh "$sweep" "$out" "$shards")"
echo "$submitted"
array_job="$(sed -n 's/^submitted array job \([0-9]*\) .*/\1/p' <<<"$submitted")"
merge_job="$(sed -n 's/.* and merge job \([0-9]*\)$/\1/p' <<<"$submitted")"
[ -n "$array_job" ] && [ -n "$merge_job" ] || fail "could not read the job ids from docs/slurm-sweep.sh"

# Poll the queue (sbatch --wait cannot wait for an array and its dependent job together),
# printing it whenever it changes, until both jobs have left it.
last=""
while :; do
  queue="$(squeue -h -j "$array_job,$merge_job" -o '%.12i %.16j %.9T %R' 2>/dev/null || true)"
  if [ "$queue" != "$last" ]; then
    echo "--- squeue at ${SECONDS}s"
    echo "${queue:-(empty)}"
    last="$queue"
  fi
  [ -n "$queue" ] || break
  [ "$SECONDS" -lt "$deadline" ] || fail "the jobs did not finish within ${limit}s"
  sleep 1
done

jobs="$(scontrol -o show job "$array_job"; scontrol -o show job "$merge_job")"
states="$(sed -n 's/^JobId=[0-9]* ArrayJobId=[0-9]* ArrayTaskId=\([0-9]*\) .* JobState=\([A-Z_]*\) .* ExitCode=\([0-9:]*\) .*/array task \1: \2, exit code \3/p; s/^JobId=\([0-9]*\) JobName=tokensim-merge .* JobState=\([A-Z_]*\) .* ExitCode=\([0-9:]*\) .*/merge job \1: \2, exit code \3/p' <<<"$jobs")"
echo "$states"
[ "$(grep -c '^array task [0-9]*: COMPLETED, exit code 0:0$' <<<"$states")" -eq "$shards" ] || fail "not every array task completed"
grep -q '^merge job [0-9]*: COMPLETED, exit code 0:0$' <<<"$states" || fail "the merge job did not complete"
for i in $(seq 0 $((shards - 1))); do
  echo "--- shard $i log"
  cat "$out/logs/shard-$i.log"
done
echo "--- merge log"
cat "$out/logs/merge.log"

# The same sweep unsharded on this machine; the merged result set must equal it byte for byte.
npx tokensim sweep "$sweep" --out "$work/reference"
files=(points.csv runs.csv series.csv summary.csv manifest.json)
runs=$(cd "$work/reference/runs" && ls)
[ "$(cd "$out/merged/runs" && ls)" = "$runs" ] || fail "the merged runs/ holds other runs than the unsharded sweep's"
for f in "${files[@]}"; do cmp "$work/reference/$f" "$out/merged/$f" || fail "merged $f differs from the unsharded sweep's"; done
for f in $runs; do cmp "$work/reference/runs/$f" "$out/merged/runs/$f" || fail "merged runs/$f differs from the unsharded sweep's"; done
say "byte-identical: merged $shards Slurm shards = unsharded sweep (${files[*]} and $(wc -w <<<"$runs") runs/*.json) in ${SECONDS}s"
