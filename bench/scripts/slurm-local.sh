#!/usr/bin/env bash
# A one-node Slurm cluster on this host, from Debian's slurm-wlm and munge, for trying and
# testing the cluster path (slurm_array.sh) without a cluster. Everything lives in STATE_DIR:
# the munge key and socket, slurm.conf, the daemons' state, logs and pid files, so two
# clusters in two folders do not clash (each picks its own free ports) and `down` leaves
# nothing running. Needs root (slurmd runs jobs as their user; munged and the daemons
# use private sockets and pid files).
#
# usage: slurm-local.sh up STATE_DIR     start munged, slurmctld, slurmd; wait until the node is idle
#        slurm-local.sh down STATE_DIR   stop the daemons started by `up` (by their pid files)
#        slurm-local.sh check            exit 0 if this host can run it, else 77 with the reason
# After `up`: export SLURM_CONF=STATE_DIR/slurm.conf, then sbatch, squeue, scancel as usual.
#
# Without cgroups (containers), the cluster tracks processes by their parent (proctrack/
# linuxproc), enforces a job's --time in slurmctld and its --mem by polling its steps' resident
# memory every second (jobacct_gather/linux with OverMemoryKill), and writes each finished
# job's final state (COMPLETED, CANCELLED, TIMEOUT, OUT_OF_MEMORY) to STATE_DIR/jobs.log.
set -euo pipefail

usage() {
  sed -n '8,11p' "$0" >&2
  exit 2
}

# Exit 77 (a skip, to CTest) with the reason, when this host cannot bring a cluster up.
check_host() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "slurm-local: skipped: needs root (slurmd starts jobs as their user)"
    exit 77
  fi
  local missing=()
  for tool in munged mungekey slurmctld slurmd sbatch squeue scancel sinfo scontrol; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "slurm-local: skipped: missing ${missing[*]} (apt-get install slurm-wlm munge)"
    exit 77
  fi
}

# A TCP port nothing on this host listens on.
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Htln "sport = :$port" | grep -q .; then
      echo "$port"
      return
    fi
  done
  echo "slurm-local: no free TCP port found" >&2
  exit 1
}

write_config() {
  local state=$1 node=$2
  # This host's CPUs, sockets, cores and memory as slurmd sees them, for the node line.
  local hardware
  hardware=$(slurmd -C | head -n 1 | sed 's/^NodeName=[^ ]* //')
  local cpus memory
  cpus=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hardware")
  memory=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hardware")
  cat >"$state/slurm.conf" <<EOF
# Written by slurm-local.sh: a one-node cluster on this host, all state in $state.
ClusterName=fleetsim-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge/munge.socket
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d/%n
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=1
JobAcctGatherParams=OverMemoryKill
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$state/jobs.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
KillWait=5
MinJobAge=600
# A job that names no --mem gets its CPUs' share of the node, not the whole node.
DefMemPerCPU=$((memory / cpus))
NodeName=$node NodeAddr=127.0.0.1 $hardware State=UNKNOWN
PartitionName=local Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

# Waits up to $2 seconds for `sinfo` to show the node idle.
wait_idle() {
  local state=$1 seconds=$2
  for _ in $(seq $((seconds * 4))); do
    if [ "$(SLURM_CONF=$state/slurm.conf sinfo -h -N -o %t 2>/dev/null)" = idle ]; then
      return 0
    fi
    sleep 0.25
  done
  echo "slurm-local: the node did not become idle in ${seconds}s; logs in $state" >&2
  tail -n 20 "$state/slurmctld.log" "$state/slurmd.log" >&2 || true
  return 1
}

up() {
  local state
  state=$(realpath -m "$1")
  check_host
  if [ -f "$state/slurmctld.pid" ] && kill -0 "$(cat "$state/slurmctld.pid")" 2>/dev/null; then
    echo "slurm-local: a cluster is already up in $state" >&2
    exit 1
  fi
  rm -rf "$state"
  mkdir -p "$state/munge" "$state/ctld" "$state/d"
  chmod 700 "$state" "$state/munge"
  local node
  node=$(hostname -s)
  mungekey --create --keyfile="$state/munge/munge.key" --force
  chmod 600 "$state/munge/munge.key"
  munged --force --key-file="$state/munge/munge.key" --socket="$state/munge/munge.socket" \
    --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" \
    --seed-file="$state/munge/munged.seed"
  write_config "$state" "$node"
  export SLURM_CONF=$state/slurm.conf
  slurmctld -f "$SLURM_CONF"
  slurmd -f "$SLURM_CONF"
  if ! wait_idle "$state" 60; then
    down "$state" >&2
    exit 1
  fi
  echo "slurm-local: node $node idle; export SLURM_CONF=$SLURM_CONF"
}

# Stops a daemon by its pid file and waits for it to go (SIGKILL after 10 s).
stop_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

down() {
  local state
  state=$(realpath -m "$1")
  [ -d "$state" ] || { echo "slurm-local: no cluster in $state" >&2; exit 1; }
  # Jobs first, so that no job outlives its slurmd.
  if [ -f "$state/slurm.conf" ]; then
    SLURM_CONF=$state/slurm.conf scancel --full --quiet --partition=local 2>/dev/null || true
  fi
  stop_pid "$state/slurmd.pid"
  stop_pid "$state/slurmctld.pid"
  stop_pid "$state/munge/munged.pid"
  echo "slurm-local: stopped the cluster in $state"
}

case "${1:-}" in
  up) [ $# -eq 2 ] || usage; up "$2" ;;
  down) [ $# -eq 2 ] || usage; down "$2" ;;
  check) check_host; echo "slurm-local: this host can run a local cluster" ;;
  *) usage ;;
esac
