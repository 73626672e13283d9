#!/usr/bin/env bash
# Job-log benchmark (docs/benchmarks.md): streaming a 1 GiB execution log as text and as zip (throughput, heap
# growth of the server), and the cost of job logging for a chunk job of 100,000 items that logs once per item.
# Usage: bench/joblog.sh [sizeMiB (default 1024)] [items (default 100000)]
# Environment: BENCH_SKIP_STREAMING=1 measures only the logging cost, BENCH_SKIP_COST=1 only the streaming;
# RUNS (default 21) timed pairs of runs with job logging on and off, after WARMUP_PAIRS (default 5) untimed pairs.
# Starts the project's server (target/liberty, server batchServer) on ports 10443/10080; do not run it while
# `mvn verify` runs. Results go to bench/results/joblog-<timestamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
ITEMS=${2:-100000}
HTTPS=10443
HTTP=10080
B="https://localhost:$HTTPS/ibm/api/batch"
AUTH=(-sk -u admin:adminpwd)
OUT="bench/results/joblog-$(date +%Y%m%d-%H%M%S)"
SERVER_DIR=target/liberty/wlp/usr/servers/batchServer
MVN=(mvn -q -B -ntp -Dliberty.var.https.port=$HTTPS -Dliberty.var.http.port=$HTTP)
mkdir -p "$OUT"

start_server() { # $1 = job logging enabled (true/false)
  "${MVN[@]}" -DskipTests -Dliberty.var.batchrest.joblog.enabled="$1" package liberty:create liberty:install-feature \
      liberty:deploy liberty:start > "$OUT/server-start-$1.log" 2>&1
  PID=$(pgrep -f "ws-server.jar batchServer" | head -1)
}
stop_server() { "${MVN[@]}" liberty:stop > /dev/null 2>&1 || true; }
trap stop_server EXIT

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
submit() { curl "${AUTH[@]}" -X POST "$B/jobinstances" -H 'Content-Type: application/json' -d "$1" | json "d['instanceId']"; }
await_final() {
  for _ in $(seq 1 3000); do
    state=$(curl "${AUTH[@]}" "$B/jobinstances/$1" | json "d['instanceState']")
    case $state in COMPLETED|FAILED|STOPPED|ABANDONED) echo "$state"; return;; esac
    sleep 0.2
  done
  echo "TIMEOUT"
}
# "<used incl. eden> <retained: survivors + old generation>" in MiB. Eden fills with short-lived garbage between
# young collections, so the retained figure is the one that grows if a response is buffered in memory.
heap_used_mib() { jstat -gc "$PID" | awk 'NR==2 {printf "%.1f %.1f", ($3+$4+$6+$8)/1024, ($3+$4+$8)/1024}'; }

# Streams $1 while sampling the server's heap every 100 ms. Prints: bytes, seconds, MB/s, peak growth of the used
# heap incl. eden (MiB), peak growth of the retained heap (MiB), both over the heap after a full GC before the call.
measure_download() {
  jcmd "$PID" GC.run > /dev/null
  local base; base=$(heap_used_mib)
  ( while true; do heap_used_mib; echo; sleep 0.1; done ) > "$OUT/heap-$2.samples" 2>/dev/null &
  local sampler=$!
  local result; result=$(curl "${AUTH[@]}" -o /dev/null -w '%{size_download} %{time_total}' "$1")
  kill $sampler 2>/dev/null || true
  python3 - "$result" "$base" "$OUT/heap-$2.samples" "$LOG_BYTES" <<'PY'
import sys
size, secs = sys.argv[1].split()
log_bytes = int(sys.argv[4])
base_used, base_retained = map(float, sys.argv[2].split())
samples = [tuple(map(float, l.split())) for l in open(sys.argv[3]) if len(l.split()) == 2]
peak_used = max([s[0] for s in samples] or [base_used]); peak_retained = max([s[1] for s in samples] or [base_retained])
print(f"{log_bytes} log bytes ({int(size)} sent) in {float(secs):.2f} s = {log_bytes/float(secs)/1e6:.0f} MB/s of log; heap growth: "
      f"{max(0.0, peak_used - base_used):.1f} MiB incl. eden, {max(0.0, peak_retained - base_retained):.1f} MiB retained")
PY
}

start_server true
if [ "${BENCH_SKIP_STREAMING:-0}" != 1 ]; then
echo "== 1. streaming a ${SIZE_MIB} MiB execution log"
id=$(submit '{"applicationName":"batch-rest","jobXMLName":"sleepyBatchlet","jobParameters":{"sleepSeconds":"0","logLines":"10"}}')
await_final "$id" > /dev/null
exec_id=$(curl "${AUTH[@]}" "$B/jobinstances/$id/jobexecutions/0" | json "d['executionId']")
logdir=$(curl "${AUTH[@]}" "$B/jobinstances/$id/jobexecutions/0" | json "d['logpath']")
# Grow the execution's log to the target size with more part files of realistic lines (100 MiB each).
python3 - "$logdir" "$SIZE_MIB" <<'PY'
import sys, os
d, total = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
line = "[11/21/26, 15:32:51:026 UTC] io.batchrest.samples.SleepyBatchlet                            sleepyBatchlet line %09d of many\n"
written, part, n = sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith('.log')), 2, 0
while written < total:
    with open(os.path.join(d, f"part.{part}.log"), "w") as f:
        chunk = 0
        while chunk < 100 * 1024 * 1024 and written < total:
            block = "".join(line % (n + i) for i in range(1000)); n += 1000
            f.write(block); chunk += len(block); written += len(block)
    part += 1
print(f"{written} bytes in {part - 1} part files")
PY
LOG_BYTES=$(du -sb "$logdir" | cut -f1)
text=$(measure_download "$B/jobexecutions/$exec_id/joblogs?type=text" text)
zip=$(measure_download "$B/jobexecutions/$exec_id/joblogs?type=zip" zip)
echo "text: $text" | tee -a "$OUT/summary.txt"
echo "zip:  $zip" | tee -a "$OUT/summary.txt"
curl "${AUTH[@]}" -X DELETE "$B/jobinstances/$id" > /dev/null
fi

if [ "${BENCH_SKIP_COST:-0}" != 1 ]; then
echo "== 2. job logging cost: chunkCopy items=$ITEMS, one INFO record per item"
# One warm server, job logging switched on and off between runs through a config drop-in (the switch is read at
# every job start; the file sorts after the plugin's own overrides, so it wins). The runs alternate in pairs whose
# order alternates too (on-off, off-on, ...): the server keeps getting faster for dozens of runs (JIT), and a fixed
# order would charge that drift to whichever mode always runs first.
TOGGLE="$SERVER_DIR/configDropins/overrides/zz-batchrest-joblog-bench.xml"
set_job_logging() { # $1 = true/false; returns once a probe job shows the setting in effect
  mkdir -p "$(dirname "$TOGGLE")"
  printf '<server><variable name="batchrest.joblog.enabled" value="%s"/></server>\n' "$1" > "$TOGGLE"
  for _ in $(seq 1 60); do
    sleep 0.5
    local probe; probe=$(submit '{"applicationName":"batch-rest","jobXMLName":"sleepyBatchlet","jobParameters":{"sleepSeconds":"0","logLines":"0"}}')
    await_final "$probe" > /dev/null
    local logpath; logpath=$(curl "${AUTH[@]}" "$B/jobinstances/$probe/jobexecutions/0" | json "d['logpath']")
    curl "${AUTH[@]}" -X DELETE "$B/jobinstances/$probe" > /dev/null
    if { [ "$1" = true ] && [ -n "$logpath" ]; } || { [ "$1" = false ] && [ -z "$logpath" ]; }; then return; fi
  done
  echo "job logging did not switch to $1" >&2; exit 1
}
chunk_job_seconds() {
  local jid; jid=$(submit "{\"applicationName\":\"batch-rest\",\"jobXMLName\":\"chunkCopy\",\"jobParameters\":{\"items\":\"$ITEMS\",\"chunkSize\":\"1000\",\"logPerItem\":\"true\"}}")
  [ "$(await_final "$jid")" = COMPLETED ] || { echo "chunk job $jid did not complete" >&2; exit 1; }
  curl "${AUTH[@]}" "$B/jobinstances/$jid/jobexecutions/0" | python3 -c "
import sys, json
from datetime import datetime
d = json.load(sys.stdin); f = '%Y/%m/%d %H:%M:%S.%f %z'
print(round((datetime.strptime(d['endTime'], f) - datetime.strptime(d['startTime'], f)).total_seconds(), 3))"
  curl "${AUTH[@]}" -X DELETE "$B/jobinstances/$jid" > /dev/null
}
run_with_logs() { set_job_logging true; with_logs="$with_logs $(chunk_job_seconds)"; }
run_without_logs() { set_job_logging false; without_logs="$without_logs $(chunk_job_seconds)"; }
for warmup in $(seq 1 "${WARMUP_PAIRS:-5}"); do
  set_job_logging true; chunk_job_seconds > /dev/null; set_job_logging false; chunk_job_seconds > /dev/null
done
with_logs=""; without_logs=""
for run in $(seq 1 "${RUNS:-21}"); do
  if [ $((run % 2)) = 1 ]; then run_with_logs; run_without_logs; else run_without_logs; run_with_logs; fi
done
rm -f "$TOGGLE"
python3 - "$with_logs" "$without_logs" <<'PY' | tee -a "$OUT/summary.txt"
import sys, statistics
on = [float(x) for x in sys.argv[1].split()]; off = [float(x) for x in sys.argv[2].split()]
m_on, m_off = statistics.median(on), statistics.median(off)
# Each "on" run is paired with the "off" run right after it: the pairs' ratios cancel the drift of the whole series
# (JIT warm-up, other load), their spread shows how far a single figure can be trusted.
paired = sorted(100 * (a - b) / b for a, b in zip(on, off))
q = statistics.quantiles(paired, n=4)
print(f"job logging on:  {on} s, median {m_on:.3f} s")
print(f"job logging off: {off} s, median {m_off:.3f} s")
print(f"overhead of job logging: {100 * (m_on - m_off) / m_off:+.1f} % (medians of runs alternating on/off); "
      f"paired runs: median {statistics.median(paired):+.1f} %, quartiles {q[0]:+.1f} % .. {q[2]:+.1f} %")
PY
fi
echo "results in $OUT"
