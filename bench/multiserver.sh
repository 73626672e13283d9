#!/usr/bin/env bash
# Submission throughput through nginx with 1, 2 and 3 batch-rest servers on one PostgreSQL job repository
# (docs/benchmarks.md, "Several servers"). For each server count: a fresh topology (scripts/topology up N), then
# bench/multiserver.py: 16 client threads submit trivial jobs through nginx for a warm-up and a measured period.
#
#   bench/multiserver.sh                        1, 2 and 3 servers, 10 s warm-up, 30 s measured, 16 threads
#   BENCH_SERVERS="3" BENCH_DURATION=60 bench/multiserver.sh
#
# Results: stdout and bench/results/multiserver-<time>.txt. Takes the topology down at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVERS=${BENCH_SERVERS:-"1 2 3"}
THREADS=${BENCH_THREADS:-16}
WARMUP=${BENCH_WARMUP:-10}
DURATION=${BENCH_DURATION:-30}
LB_PORT=${TOPOLOGY_LB_PORT:-9450}
PG_PORT=${TOPOLOGY_PG_PORT:-55432}

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
    result=$(python3 "$ROOT/bench/multiserver.py" --url "https://localhost:$LB_PORT/ibm/api/batch/" \
        --psql "postgresql://batchrest:batchrest@127.0.0.1:$PG_PORT/batchrest" \
        --threads "$THREADS" --warmup "$WARMUP" --duration "$DURATION")
    echo "servers=$n load_before=$load_before $result load_after=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT"
done
