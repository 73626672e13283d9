#!/usr/bin/env bash
# Submission throughput through nginx with 1, 2 and 3 batch-rest servers on one PostgreSQL job repository
# (docs/benchmarks.md, "Several servers"). For each server count: a fresh topology (scripts/topology up N), then
# bench/multiserver.py: 16 client threads submit trivial jobs through nginx for a warm-up and a measured period.
#
#   bench/multiserver.sh                        1, 2 and 3 servers, 20 s warm-up, 40 s measured, 16 threads
#   BENCH_SERVERS="3" BENCH_DURATION=60 bench/multiserver.sh
#
# Results: stdout and bench/results/multiserver-<time>.txt. Takes the topology down at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVERS=${BENCH_SERVERS:-"1 2 3"}
THREADS=${BENCH_THREADS:-16}
WARMUP=${BENCH_WARMUP:-20}
DURATION=${BENCH_DURATION:-40}
LB_PORT=${TOPOLOGY_LB_PORT:-9450}
PG_PORT=${TOPOLOGY_PG_PORT:-55432}

STATE=$ROOT/target/topology
WLP=$ROOT/target/liberty/wlp
TICKS=$(getconf CLK_TCK)

# CPU seconds (user + system) of a process, its live children and its reaped children, from /proc.
cpu_of() {
    local pid=$1 ticks=0 child
    [[ -r /proc/$pid/stat ]] || { echo 0; return; }
    # fields after the command: utime=14 stime=15 cutime=16 cstime=17 (counted from the pid)
    ticks=$(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pid/stat")
    for child in $(pgrep -P "$pid" || true); do
        ticks=$((ticks + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    echo "$ticks"
}

# CPU ticks of the topology's parts: servers, PostgreSQL (postmaster and backends), nginx (master and worker),
# and of the whole machine (every non-idle tick of /proc/stat), which also counts other users of these cores.
cpu_snapshot() {
    local servers=0 file
    for file in "$WLP"/usr/servers/.pid/batchrest[0-9]*.pid; do
        [[ -f $file ]] && servers=$((servers + $(cpu_of "$(cat "$file")")))
    done
    echo "$servers $(cpu_of "$(head -n 1 "$STATE/pg/postmaster.pid")") $(cpu_of "$(cat "$STATE/nginx/nginx.pid")")" \
        "$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)"
}

mkdir -p "$ROOT/bench/results"
OUT=$ROOT/bench/results/multiserver-$(date +%Y%m%d-%H%M%S).txt
trap '"$ROOT/scripts/topology" down' EXIT

{
    echo "# bench/multiserver.sh $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(git -C "$ROOT" rev-parse --short HEAD)"
    echo "# threads=$THREADS warmup=${WARMUP}s duration=${DURATION}s"
} | tee "$OUT"

for n in $SERVERS; do
    "$ROOT/scripts/topology" up "$n" >/dev/null
    # Let the servers settle after start-up (JIT, first JobOperator.start) before the warm-up.
    sleep 5
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    read -r liberty0 pg0 nginx0 machine0 < <(cpu_snapshot)
    start=$(date +%s.%N)
    result=$(python3 "$ROOT/bench/multiserver.py" --url "https://localhost:$LB_PORT/ibm/api/batch/" \
        --psql "postgresql://batchrest:batchrest@127.0.0.1:$PG_PORT/batchrest" \
        --threads "$THREADS" --warmup "$WARMUP" --duration "$DURATION")
    read -r liberty1 pg1 nginx1 machine1 < <(cpu_snapshot)
    elapsed=$(echo "$(date +%s.%N) - $start" | bc)
    # Where the two cores went during the run (warm-up, measured period and the wait for the last jobs):
    # CPU seconds per wall-clock second of each part; 2.0 would be both cores.
    cpu=$(awk -v l=$((liberty1 - liberty0)) -v p=$((pg1 - pg0)) -v g=$((nginx1 - nginx0)) \
        -v m=$((machine1 - machine0)) -v t="$TICKS" -v e="$elapsed" \
        'BEGIN { printf "cores_liberty=%.2f cores_postgresql=%.2f cores_nginx=%.2f cores_machine=%.2f", \
        l / t / e, p / t / e, g / t / e, m / t / e }')
    echo "servers=$n load_before=$load_before $result $cpu load_after=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT"
done
