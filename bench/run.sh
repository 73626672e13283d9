#!/usr/bin/env bash
# Benchmark of batch-rest against Liberty's own batch REST API (batchManagement-1.0), side by side on one server
# and one job repository: embedded Derby, or PostgreSQL with BENCH_DB=postgresql. See docs/benchmarks.md.
#
#   bench/run.sh smoke | 10k | 100k | 1m
#   BENCH_DB=postgresql bench/run.sh smoke | 10k | 100k | 1m
#
# 1. builds the WAR and starts the server "benchServer" (Maven profile "bench", bench/server.xml): batch-rest at
#    https://localhost:9943/batch-rest/, Liberty's API at https://localhost:9943/ibm/api/batch/; with
#    BENCH_DB=postgresql first a PostgreSQL cluster of the run's own (scripts/postgresql-cluster.sh), which the
#    server uses through config/postgresql.xml, as the servers of scripts/topology do;
# 2. seeds a fresh repository with real jobs submitted through batch-rest, waits until they are all final and checks
#    that each ended as the job mix says and that the server logged no error, stops the server and clones their rows
#    with SQL (Derby's ij, or psql) up to the target number of job instances;
# 3. starts the server again and measures, for both APIs, every request shape of shapes(): lists, sorts, each filter
#    alone, wildcards, id ranges and lists, combinations, deep pages, single reads (5 warm-up calls, then 20 timed
#    calls each, the two APIs alternating call by call), then submissions of a trivial job with 16 concurrent
#    clients (runs alternating between the two APIs, bench/submissions.py), then job events (batch-rest only: 200
#    subscribers of the event stream while jobs run, bench/event-latency.py), then a bulk purge (alternating calls,
#    disjoint id ranges); and the server's live heap after a full GC after the start and after each phase;
# 4. writes the raw data to bench/results/<size>-<timestamp>/ and prints a markdown summary (bench/summary.py);
# 5. exits non-zero when an answer was not the expected status, when the two APIs returned different instances
#    where they must return the same, when more than one in a hundred jobs of a submission run did not complete, or
#    when a subscriber of the event stream missed an event.
#    Timings are never asserted.
#
# "smoke" is the small run that `mvn verify` makes so that the benchmark cannot rot: 200 real jobs cloned to 10,000
# instances, 1 warm-up and 2 timed calls per shape (a shape whose calls have taken 10 s gets no more), one
# 5-second submission run per API, 20 subscribers of 5 jobs' events, a purge of 200 instances per API. It checks
# that every shape still works on both APIs and answers the same, and that every subscriber gets every event, not
# how fast.
#
# Environment (all optional; the defaults of smoke in brackets):
#   BENCH_DB=derby|postgresql  the job repository (default derby: the embedded database of batch-rest.xml)
#   BENCH_HTTPS_PORT, BENCH_HTTP_PORT  the bench server's ports (default 9943 and 9580)
#   BENCH_PG_PORT=n          PostgreSQL's port with BENCH_DB=postgresql (default 55434)
#   BENCH_SEED_JOBS=n        real jobs to submit before cloning (default 1000 for 10k, else 1500) [200]
#   BENCH_SEED_ATTEMPTS=n    seedings from a fresh database before the run fails (default 1) [2]; a failed attempt
#                            is logged in full and named in the summary
#   BENCH_LIBERTY_ALONE=0    skip phase A (Liberty's API before batch-rest has created its indexes) [0]
#   BENCH_QUERY_PLANS=1      (Derby) log Derby's statement text and query plans to the results folder (slows everything;
#                            for diagnosis, not for figures)
#   BENCH_WARMUP, BENCH_CALLS  calls per shape and API (default 30 and 100) [1 and 2]
#   BENCH_JIT_WARMUP=n       calls per API of each of a few cheap requests before phase B, untimed, so that both
#                            APIs are measured with their code compiled, as on a server that has run a while
#                            (default 1000) [5: enough to check that the step works]
#   BENCH_SHAPES=regex       measure only the shapes whose label matches (grep -E), e.g. 'sort|page'
#   BENCH_CONNECTIONS=new    time every query call with a new connection (curl, a TLS handshake per call) instead of
#                            one kept-alive connection per API (bench/measure.py, the default)
#   BENCH_QUERY_BUDGET=s     an API that has spent s seconds on one shape gets no more calls for it (default 60;
#                            the summary then shows fewer timed calls) [10]
#   BENCH_SKIP_SUBMISSIONS=1 skip the submission phase
#   BENCH_SUBMIT_CLIENTS, BENCH_SUBMIT_RUNS, BENCH_SUBMIT_SECONDS, BENCH_SUBMIT_WARMUP
#                            the submission phase: concurrent clients (16), runs per API (3) [1], seconds per run
#                            (20) [5], seconds of warm-up per API before the runs (30) [0]
#   BENCH_EVENT_SUBSCRIBERS=n, BENCH_EVENT_JOBS=n
#                            the job-event phase (bench/event-latency.py): subscribers of the event stream (200) [20]
#                            and sleepyBatchlet jobs whose events they receive (20) [5]; 0 subscribers skips it
#   BENCH_EVENT_RELEASE_WAIT=s  seconds after the subscribers have gone before the heap is measured once more (35,
#                            two keep-alive intervals) [0: not measured]
#   BENCH_RETENTION=n        the retention phase: a retention run that purges the n instances last updated longest
#                            ago while BENCH_RETENTION_CLIENTS clients submit (default 100,000 for 1m, 10,000 for
#                            100k, 1,000 for 10k) [200]; 0 skips it
#   BENCH_RETENTION_CLIENTS=n, BENCH_RETENTION_IDLE=s, BENCH_RETENTION_BATCH=n
#                            its submitting clients (8) [2], seconds of submissions without retention for the idle
#                            figure (20) [3], after 30 s [2 s] of warm-up on the restarted server, and
#                            batchrest.retention.batchSize (the server's default, 100)
#   BENCH_PURGE_BUDGET=s     seconds of purge calls per API (default 300) [60], see purge()
#   BENCH_REUSE=1            (Derby) measure again on the repository the last run of the same size left in
#                            target/: no seeding and no cloning; the purge takes the next ids (see REPOSITORY_FILE)
#   BENCH_SKIP_BUILD=1       use the WAR and classes in target/ as they are (the build that runs smoke has just made
#                            them) instead of building them first
#   BENCH_RESULTS=dir        where the results folder goes (default bench/results)
#   BENCH_MAVEN_ARGS="..."   more arguments for the mvn calls that create and start the server (the build passes its
#                            local repository)
set -Eeuo pipefail

usage() { echo "usage: $0 smoke|10k|100k|1m" >&2; exit 2; }
[[ $# -eq 1 ]] || usage
SIZE=$1
SMOKE=0
DATABASE=${BENCH_DB:-derby}
case "$DATABASE" in derby|postgresql) ;; *) echo "BENCH_DB must be derby or postgresql, not $DATABASE" >&2; exit 2 ;; esac
case "$SIZE" in
    smoke) SMOKE=1; TARGET=10000; SEED_JOBS=${BENCH_SEED_JOBS:-200}; PURGE_COUNT=200; RETENTION_DEFAULT=200 ;;
    10k) TARGET=10000; SEED_JOBS=${BENCH_SEED_JOBS:-1000}; PURGE_COUNT=2000; RETENTION_DEFAULT=1000 ;;
    100k) TARGET=100000; SEED_JOBS=${BENCH_SEED_JOBS:-1500}; PURGE_COUNT=10000; RETENTION_DEFAULT=10000 ;;
    1m|1M) SIZE=1m; TARGET=1000000; SEED_JOBS=${BENCH_SEED_JOBS:-1500}; PURGE_COUNT=10000; RETENTION_DEFAULT=100000 ;;
    *) usage ;;
esac
# default <normal> <smoke>: the default of a setting, which smoke makes smaller.
default() { if ((SMOKE)); then echo "$2"; else echo "$1"; fi; }
WARMUP=${BENCH_WARMUP:-$(default 30 1)}
JIT_WARMUP=${BENCH_JIT_WARMUP:-$(default 1000 5)}
CALLS=${BENCH_CALLS:-$(default 100 2)}
PURGE_PAGE=1000
PURGE_PROBE=10
PURGE_BUDGET=${BENCH_PURGE_BUDGET:-$(default 300 60)}
QUERY_BUDGET=${BENCH_QUERY_BUDGET:-$(default 60 10)}
CONNECTIONS=${BENCH_CONNECTIONS:-keep-alive}
LIBERTY_ALONE=${BENCH_LIBERTY_ALONE:-$(default 1 0)}
QUERY_PLANS=${BENCH_QUERY_PLANS:-0}
SHAPES_FILTER=${BENCH_SHAPES:-}
SKIP_SUBMISSIONS=${BENCH_SKIP_SUBMISSIONS:-0}
SUBMIT_CLIENTS=${BENCH_SUBMIT_CLIENTS:-16}
SUBMIT_RUNS=${BENCH_SUBMIT_RUNS:-$(default 3 1)}
SUBMIT_SECONDS=${BENCH_SUBMIT_SECONDS:-$(default 20 5)}
SUBMIT_WARMUP=${BENCH_SUBMIT_WARMUP:-$(default 240 0)}
EVENT_SUBSCRIBERS=${BENCH_EVENT_SUBSCRIBERS:-$(default 200 20)}
EVENT_JOBS=${BENCH_EVENT_JOBS:-$(default 20 5)}
EVENT_RELEASE_WAIT=${BENCH_EVENT_RELEASE_WAIT:-$(default 35 0)}
RETENTION_COUNT=${BENCH_RETENTION:-$RETENTION_DEFAULT}
RETENTION_CLIENTS=${BENCH_RETENTION_CLIENTS:-$(default 8 2)}
RETENTION_IDLE=${BENCH_RETENTION_IDLE:-$(default 20 3)}
RETENTION_BATCH=${BENCH_RETENTION_BATCH:-}
SKIP_BUILD=${BENCH_SKIP_BUILD:-0}
REUSE=${BENCH_REUSE:-0}
UPDATED_COMPARE=list
[[ $REUSE == 1 ]] && UPDATED_COMPARE=keys:lastUpdatedTime
SEED_ATTEMPTS=${BENCH_SEED_ATTEMPTS:-$(default 1 2)}
read -r -a MAVEN_ARGS <<<"${BENCH_MAVEN_ARGS:-}"
PAGE_SIZE=50

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WLP=$ROOT/target/liberty/wlp
SERVER=benchServer
SERVER_DIR=$WLP/usr/servers/$SERVER
PID_FILE=$WLP/usr/servers/.pid/$SERVER.pid
DB=$SERVER_DIR/resources/batchdb
# What a run's cloning left in the Derby repository, for BENCH_REUSE=1: size, highest instance id, and the first id
# that no purge has taken yet (each run purges the next ranges, so that every purge finds its instances).
REPOSITORY_FILE=$SERVER_DIR/bench-repository.tsv
PORT=${BENCH_HTTPS_PORT:-9943}
HTTP_PORT=${BENCH_HTTP_PORT:-9580}
PG_PORT=${BENCH_PG_PORT:-55434}
# The server's ports reach it as the liberty.var.* properties of the profile "bench" do (bench/server.xml);
# PostgreSQL's port as a bootstrap property, as in scripts/topology: config/postgresql.xml only gives it a default.
SERVER_ARGS=("-Dliberty.var.https.port=$PORT" "-Dliberty.var.http.port=$HTTP_PORT")
[[ $DATABASE == postgresql ]] && SERVER_ARGS+=("-Dliberty.bootstrap.batchrest.db.port=$PG_PORT")
PG_DROPIN=$SERVER_DIR/configDropins/overrides/postgresql.xml
RETENTION_DROPIN=$SERVER_DIR/configDropins/overrides/bench-retention.xml
LIBERTY_JOBLOG_DROPIN=$SERVER_DIR/configDropins/overrides/bench-liberty-joblog.xml
BR=https://localhost:$PORT/batch-rest
LIB=https://localhost:$PORT/ibm/api/batch
AUTH=admin:adminpwd
RUN_NAME=$SIZE
[[ $DATABASE == derby ]] || RUN_NAME=$SIZE-$DATABASE
OUT=${BENCH_RESULTS:-$ROOT/bench/results}/$RUN_NAME-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
RUN_START=$SECONDS

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }
die() { log "FAILED: $*"; printf '%s\n' "$*" >"$OUT/failure.txt"; exit 1; }
# A command that fails where the script does not expect it says which one, instead of ending the run silently.
trap 'rc=$?; log "FAILED: line $LINENO: \"$BASH_COMMAND\" exited with status $rc"
      echo "line $LINENO: \"$BASH_COMMAND\" exited with status $rc" >"$OUT/failure.txt"' ERR

for tool in mvn java curl python3; do
    command -v "$tool" >/dev/null || die "$tool is required"
done

# ---------------------------------------------------------------------------------------------------- server
server_pid() { [[ -f $PID_FILE ]] && cat "$PID_FILE" 2>/dev/null || true; }
server_running() { local pid; pid=$(server_pid); [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }

STARTED_BY_US=0
stop_server() {
    server_running || return 0
    local pid; pid=$(server_pid)
    log "stopping $SERVER (pid $pid)"
    "$WLP/bin/server" stop "$SERVER" >>"$OUT/server-stop.log" 2>&1 || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
    log "$SERVER did not stop; killing pid $pid"
    kill "$pid" 2>/dev/null || true
    sleep 5
    kill -9 "$pid" 2>/dev/null || true
}
on_exit() {
    local rc=$?
    trap - ERR
    if [[ $STARTED_BY_US == 1 ]]; then stop_server; fi
    if [[ $PG_STARTED == 1 ]]; then stop_postgresql; fi
    [[ -f $SERVER_DIR/logs/messages.log ]] && cp "$SERVER_DIR/logs/messages.log" "$OUT/messages.log" 2>/dev/null || true
    rm -f "$SERVER_DIR/configDropins/overrides/jvm.options" "$PG_DROPIN" "$RETENTION_DROPIN" "$LIBERTY_JOBLOG_DROPIN"
    if [[ $rc -ne 0 ]]; then log "exit status $rc; raw data in $OUT"; fi
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# Waits until batch-rest answers and Liberty's API answers <path> with 200.
wait_ready() {
    local deadline=$((SECONDS + 300)) code_b code_l
    while ((SECONDS < deadline)); do
        code_b=$(curl -sk -u $AUTH -o /dev/null -w '%{http_code}' "$BR/" || true)
        code_l=$(curl -sk -u $AUTH -o /dev/null -w '%{http_code}' "$LIB/$1" || true)
        [[ $code_b == 200 && $code_l == 200 ]] && return 0
        server_running || die "the server ended while starting (batch-rest $code_b, Liberty $code_l); $(log_errors 5)"
        sleep 2
    done
    die "the server did not become ready (batch-rest $code_b, Liberty $code_l); $(log_errors 5)"
}

# First start: create the server, install features, deploy (loose application), then start.
# Later starts: liberty:start only. Both through the Maven profile "bench". The drop-ins are written once the server
# exists: liberty:create of a new server does not keep what its folder held before.
# The server runs with Derby's automatic index statistics off. With them on, about every third seeding broke at
# about 3, 130-140 or 450 instances, near where Derby refreshes a growing table's statistics in the background
# (growth by a factor of e: 3, 148, 403), which invalidates the statements on the table: the batch runtime's insert
# failed at once with "A lock could not be obtained within the time requested", the runtime refused the submission
# (batch-rest answers 400) and left the instance SUBMITTED. The cloning updates the statistics itself.
# With BENCH_DB=postgresql the server reaches PostgreSQL through config/postgresql.xml as a configDropins override, as
# the servers of scripts/topology do (its port: SERVER_ARGS).
start_server() {
    local goals=$1
    STARTED_BY_US=1
    local t0=$SECONDS
    if [[ $goals == create ]]; then
        bench_maven liberty:create liberty:install-feature liberty:deploy
    fi
    mkdir -p "$SERVER_DIR/configDropins/overrides"
    printf '%s\n' -Dderby.storage.indexStats.auto=false >"$SERVER_DIR/configDropins/overrides/jvm.options"
    if [[ $QUERY_PLANS == 1 && $goals == start ]]; then
        printf '%s\n' -Dderby.language.logStatementText=true -Dderby.language.logQueryPlan=true \
            "-Dderby.stream.error.file=$OUT/derby-plans.log" >>"$SERVER_DIR/configDropins/overrides/jvm.options"
    fi
    if [[ $DATABASE == postgresql ]]; then cp "$ROOT/config/postgresql.xml" "$PG_DROPIN"; else rm -f "$PG_DROPIN"; fi
    bench_maven liberty:start
    wait_ready "$2"
    log "server up in $((SECONDS - t0)) s (pid $(server_pid), RSS $(rss_mb) MB)"
}
bench_maven() {
    (cd "$ROOT" && mvn -q -B -ntp "${MAVEN_ARGS[@]}" -Pbench "${SERVER_ARGS[@]}" "$@") >>"$OUT/maven.log" 2>&1 \
        || die "mvn $* failed (see $OUT/maven.log)"
}

rss_mb() { local pid; pid=$(server_pid); [[ -n $pid ]] && echo $(( $(ps -o rss= -p "$pid" | tr -d ' ') / 1024 )) || echo "?"; }

# The server's memory at a point of the run: its live heap (used right after a full GC, jcmd GC.run), the heap
# committed then, and its RSS. memory.tsv: point, live heap MB, committed heap MB, RSS MB.
note_memory() {
    local pid info live="" committed=""
    pid=$(server_pid)
    if [[ -n $pid ]] && command -v jcmd >/dev/null && jcmd "$pid" GC.run >/dev/null 2>&1 \
            && info=$(jcmd "$pid" GC.heap_info 2>/dev/null); then
        # " garbage-first heap   total 262144K, used 98765K [...]"
        read -r committed live < <(awk '/ heap +total / { for (i = 1; i < NF; i++) { if ($i == "total") t = $(i + 1);
            if ($i == "used") u = $(i + 1) } gsub(/[^0-9]/, "", t); gsub(/[^0-9]/, "", u)
            print int(t / 1024), int(u / 1024); exit }' <<<"$info") || true
    fi
    echo -e "$1\t${live:-?}\t${committed:-?}\t$(rss_mb)" >>"$OUT/memory.tsv"
    log "memory $1: live heap ${live:-?} MB after a full GC (${committed:-?} MB committed), RSS $(rss_mb) MB"
}

total_count() {  # X-Total-Count of a batch-rest v4 search (the exact count, however many match)
    curl -sk -u $AUTH -D - -o /dev/null "$BR/v4/jobinstances?pageSize=1&count=exact${1:-}" \
        | awk 'tolower($1) == "x-total-count:" { gsub("\r", "", $2); print $2 }'
}

# The server's error lines: level E lines of messages.log, with the lines of the database error in them (EclipseLink's
# "Internal Exception:" and "Call:"), and FFDC incidents other than those the job mix asks for (sleepyBatchlet with
# forceFailure=true, which Liberty reports as an FFDC incident twice per job).
log_error_lines() {
    cat "$SERVER_DIR"/logs/messages*.log 2>/dev/null | awk '
        /^\[[^]]*\] [0-9a-f]+ / { error = ($0 ~ /^\[[^]]*\] [0-9a-f]+ +[^ ]+ +E / || $0 ~ /FFDC1015I/) && $0 !~ /forceFailure=true/
                                 if (error) print; next }
        error && /^(Internal Exception|Call): / { print "    " $0 }' || true
}
log_errors() { log_error_lines | head -"$1" | cut -c1-400; }   # the first n, one per line
log_errors_count() { log_error_lines | wc -l; }

# ---------------------------------------------------------------------------------------------------- database
# The job repository's SQL, for the cloning (clone_rows): the statements are the same on both databases but for the
# few pieces below, which each dialect defines. The table and column names are Liberty's (io.batchrest.repository
# .BatchTables); unquoted, Derby folds them to upper case and PostgreSQL to lower case, and Liberty's tables are so
# named on each.
DERBY_DIR=$WLP/usr/shared/resources/derby   # copied there by liberty-maven-plugin (copyDependencies)
DERBY_CP=$DERBY_DIR/derby.jar:$DERBY_DIR/derbyshared.jar:$DERBY_DIR/derbytools.jar
# ij <script> <log>: runs an ij script against the (stopped) server's database. An error ends the run with the
# statement that failed and Derby's message (ij echoes each statement, after "ij> ", before its result); an ij that
# fails by itself (no Java, out of memory) ends it with the end of its output.
ij() {
    local rc=0 failed
    java -Xmx1g -Dderby.storage.pageCacheSize=25000 -Dderby.system.durability=test \
        -Dderby.language.sequence.preallocator=1000 \
        -Dderby.stream.error.file="$OUT/derby-ij.log" -Dij.maximumDisplayWidth=300 \
        -cp "$DERBY_CP" org.apache.derby.tools.ij "$1" >"$2" 2>&1 || rc=$?
    # ERROR 42X65 (no such index) is expected: the indexes are dropped if they exist.
    failed=$(awk '
        /^ij> / { stmt = substr($0, 5); open = ($0 !~ /;[[:space:]]*$/); if (stmt !~ /^(ERROR|WARNING) /) next }
        open { stmt = stmt "\n" $0; if ($0 ~ /;[[:space:]]*$/) open = 0; next }
        { line = $0; sub(/^ij> /, "", line) }
        line ~ /^(ERROR|WARNING) [0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]/ && line !~ /^ERROR 42X65/ {
            print "statement: " stmt; print line; if (++n == 3) exit }
        line ~ /Exception|OutOfMemoryError|^Error/ && line !~ /^(ERROR|WARNING) / { print line; if (++n == 3) exit }' "$2")
    if [[ -n $failed ]]; then
        printf '%s\n' "$failed" | head -60 | tee -a "$OUT/run.log" >&2
        die "ij reported an error in $(basename "$1"): the statement and Derby's message are above (all of it: $2)"
    fi
    if ((rc != 0)); then
        tail -20 "$2" | tee -a "$OUT/run.log" >&2
        die "ij ended with status $rc on $(basename "$1"): the end of its output is above (all of it: $2)"
    fi
}
# psql_script <script> <log>: runs a script with psql; it stops at the first error, which ends the run with the
# statement (psql echoes each one) and PostgreSQL's message. Results come out as fields separated by |, as in ij.
psql_script() {
    local rc=0
    pg_psql -v ON_ERROR_STOP=1 -At -F'|' -e -f "$1" >"$2" 2>&1 || rc=$?
    if ((rc != 0)); then
        tail -20 "$2" | tee -a "$OUT/run.log" >&2
        die "psql ended with status $rc on $(basename "$1"): the statement and PostgreSQL's message are above (all of it: $2)"
    fi
}
# A value from a script's output: the line starting with the marker, field n (| separated).
sql_value() { grep "^$2 *|" "$1" | head -1 | awk -F'|' -v n="$3" '{ gsub(/ /, "", $n); print $n }'; }

if [[ $DATABASE == derby ]]; then
    sql_run() { ij "$@"; }
    sql_begin() { echo "connect 'jdbc:derby:$DB';"; echo "autocommit on;"; }
    # sql_add_seconds <seconds> <timestamp>
    sql_add_seconds() { echo "{fn timestampadd(SQL_TSI_SECOND, $1, $2)}"; }
    # sql_add_tiebreak <id> <timestamp>: the id (mod 10^6) in nanoseconds, below the millisecond the runtime writes.
    sql_add_tiebreak() { echo "{fn timestampadd(SQL_TSI_FRAC_SECOND, mod($1, 1000000), $2)}"; }
    sql_position() { echo "locate($1, $2)"; }        # <needle> <text>
    sql_text() { echo "trim(char($1))"; }             # a number as text
    sql_date_text() { echo "char(date($1))"; }        # a timestamp's date as YYYY-MM-DD
    sql_bench_indexes() {
        echo "select 'XIDX', c.conglomeratename from sys.sysconglomerates c join sys.sysschemas s on c.schemaid = s.schemaid
  where s.schemaname = 'JBATCH' and c.conglomeratename like 'BATCHREST%';"
    }
    sql_update_statistics() { echo "call syscs_util.syscs_update_statistics('JBATCH', '${1^^}', null);"; }
    # sql_restart_identity <table> <column> <next value>
    sql_restart_identity() { echo "alter table jbatch.$1 alter column $2 restart with $3;"; }
else
    sql_run() { psql_script "$@"; }
    sql_begin() { :; }
    sql_add_seconds() { echo "($2 + ($1) * interval '1 second')"; }
    # PostgreSQL keeps microseconds: the id (mod 1000) in microseconds, below the millisecond the runtime writes.
    sql_add_tiebreak() { echo "($2 + mod($1, 1000) * interval '1 microsecond')"; }
    sql_position() { echo "strpos($2, $1)"; }
    sql_text() { echo "cast($1 as varchar)"; }
    sql_date_text() { echo "to_char($1, 'YYYY-MM-DD')"; }
    sql_bench_indexes() {
        echo "select 'XIDX', indexname from pg_indexes where schemaname = 'jbatch' and indexname like 'batchrest%';"
    }
    # VACUUM as well: it marks the cloned pages all-visible, as autovacuum would have done in an aged repository,
    # instead of doing it in the background in the middle of the measurements.
    sql_update_statistics() { echo "vacuum (analyze) jbatch.$1;"; }
    sql_restart_identity() { echo "select setval(pg_get_serial_sequence('jbatch.$1', '$2'), $3, false);"; }
fi

# A fresh, empty job repository (the server stopped): Liberty creates its tables on the first job.
fresh_repository() {
    if [[ $DATABASE == derby ]]; then
        rm -rf "$DB" "$REPOSITORY_FILE"
    else
        pg_psql -q -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS jbatch CASCADE' -c 'CREATE SCHEMA jbatch' \
            >>"$OUT/postgresql-setup.log" 2>&1 || die "could not empty the PostgreSQL database (see $OUT/postgresql-setup.log)"
    fi
}

# With BENCH_DB=postgresql: a new cluster for this run in a folder of its own under /tmp (the postgres OS user must
# reach it, see scripts/postgresql-cluster.sh), recorded in target/ so that the next run stops it should this one
# have been killed; on_exit stops it, keeps its log and removes the folder.
PG_RECORD=$ROOT/target/bench-postgresql.rundir
PG_RUN_PATTERN='^/tmp/batchrest-bench\.[A-Za-z0-9]+$'
PG_STARTED=0
PGDATA= PGRUN=
use_pg_dir() { PGDATA=${1:+$1/pg}; PGRUN=${1:+$1/pgrun}; }
# shellcheck source=../scripts/postgresql-cluster.sh
source "$ROOT/scripts/postgresql-cluster.sh"
stop_postgresql() {
    local dir=${PGDATA%/pg}
    [[ -n $dir ]] || return 0
    pg_stop
    [[ -f $PGRUN/postgresql.log && -d $OUT ]] && cp "$PGRUN/postgresql.log" "$OUT/postgresql.log"
    rm -rf "$dir"
    rm -f "$PG_RECORD"
    use_pg_dir ""
}
start_postgresql() {
    local stale
    stale=$(cat "$PG_RECORD" 2>/dev/null || true)
    if [[ $stale =~ $PG_RUN_PATTERN && -d $stale ]]; then
        log "PostgreSQL of an earlier run is in $stale; stopping it"
        use_pg_dir "$stale"; stop_postgresql
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then die "port $PG_PORT (BENCH_PG_PORT) is in use by another process"; fi
    [[ -n $(pg_bin) ]] || install_packages_quietly postgresql postgresql-client
    local dir
    dir=$(mktemp -d /tmp/batchrest-bench.XXXXXXXX)
    chmod 755 "$dir"
    mkdir -p "$(dirname "$PG_RECORD")"
    echo "$dir" >"$PG_RECORD"
    use_pg_dir "$dir"
    PG_STARTED=1
    pg_start "$OUT/postgresql-initdb.log"
    echo -e "database\tPostgreSQL $(pg_psql -tAc 'show server_version') (127.0.0.1:$PG_PORT)" >>"$OUT/info.tsv"
}

# ---------------------------------------------------------------------------------------------------- seeding
# The job mix of the real jobs: half chunkCopy, half sleepyBatchlet; every tenth job fails on purpose
# (forceFailure=true, so FAILED), every other job must end COMPLETED. Every job has kind=a|b|c, except that one job in
# a hundred has each of three rare values, so that the searches have rare values to find: kind=rare, the exit status
# RARE, and submitter1 (a batchSubmitter) instead of admin as the submitter.
submit_job() {  # submit_job i: prints "i code", and the answer when it is not 201
    local i=$1 kinds=(a b c) kind body params user=$AUTH out
    kind=${kinds[$((i % 3))]}
    ((i % 100 == 77)) && kind=rare
    ((i % 100 == 55)) && user=submitter1:submitter1pwd
    case $((i % 10)) in
        0|1|2|3|4) body='{"applicationName":"batch-rest","jobXMLName":"chunkCopy","jobParameters":{"items":"20","kind":"'$kind'"}}' ;;
        9) body='{"applicationName":"batch-rest","jobXMLName":"sleepyBatchlet","jobParameters":{"sleepSeconds":"0","logLines":"0","forceFailure":"true","kind":"'$kind'"}}' ;;
        *) params='"sleepSeconds":"0","logLines":"0","kind":"'$kind'"'
           ((i % 100 == 66)) && params+=',"exitStatus":"RARE"'
           body='{"applicationName":"batch-rest","jobXMLName":"sleepyBatchlet","jobParameters":{'$params'}}' ;;
    esac
    # A 503 is a transient repository fault (a lock timeout of the runtime's own insert): the job is submitted again.
    local attempt
    for attempt in 1 2 3; do
        out=$(curl -sk -u "$user" -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' -d "$body" \
            "$BR/jobinstances" || echo $'\n000')
        [[ ${out##*$'\n'} == 503 ]] || break
        sleep 2
    done
    if [[ ${out##*$'\n'} == 201 ]]; then echo "$i 201"
    else echo "$i ${out##*$'\n'} $(head -c 300 <<<"${out%$'\n'*}" | tr '\n' ' ')"; fi
}
export -f submit_job
export AUTH BR
# The number of jobs of the mix that fail on purpose.
seed_expected_failed() { echo $(( (SEED_JOBS + 1) / 10 )); }
# A seed submission that was not answered 201 ends the seeding at once (the runtime may have left its instance
# SUBMITTED, which would otherwise only show after 90 s without progress).
refused_submissions() {
    local refused; refused=$(awk '$2 != 201' "$OUT/seed-submit.tsv" | wc -l)
    if ((refused)); then
        die "seeding failed: $refused submissions were not answered 201, the first: $(awk '$2 != 201' "$OUT/seed-submit.tsv" | head -3 | tr '\n' ';'); the server logged $(log_errors_count) error lines, the first:"$'\n'"$(log_errors 8)"
    fi
}

ACTIVE='&instanceState=SUBMITTED,JMS_QUEUED,JMS_CONSUMED,DISPATCHED'
# Ids of the instances a batch-rest search finds (at most 1000), comma-separated.
search_ids() {
    curl -sk -u $AUTH "$BR/v4/jobinstances?pageSize=1000$1" \
        | python3 -c 'import json, sys; print(",".join(str(x["instanceId"]) for x in json.load(sys.stdin)))'
}
# Waits until fewer than <limit> instances are active. Instances that make no progress for 90 s end the run (it has
# happened when Derby rolled back the batch runtime's first writes in a burst of submissions).
wait_active_below() {
    local limit=$1 deadline=$((SECONDS + 1200)) active last="" since=$SECONDS
    while ((SECONDS < deadline)); do
        active=$(total_count "$ACTIVE")
        [[ -n $active ]] && ((active < limit)) && return 0
        if [[ $active != "$last" ]]; then last=$active; since=$SECONDS
        elif ((SECONDS - since > 90)); then
            # Under load Derby sometimes times out a lock wait of the batch runtime's own insert of an execution
            # (40XL1), and the instance stays SUBMITTED for good. Such an instance is stopped through the API (which
            # marks an instance without an execution STOPPED) and counted; seed_real_jobs tolerates 1 %.
            local id
            for id in $(search_ids "$ACTIVE" | tr ',' ' '); do
                log "  seed instance $id made no progress for 90 s: stopping it ($(curl -sk -u $AUTH -o /dev/null -w '%{http_code}' -X PUT "$BR/jobinstances/$id?action=stop"))"
                echo "$id" >>"$OUT/seed-stuck.ids"
            done
            since=$SECONDS
        fi
        sleep 2
    done
    die "seeding failed: $active seed jobs still active after 20 minutes"
}

seed_real_jobs() {
    log "seeding $SEED_JOBS real jobs through batch-rest"
    local t0=$SECONDS wave=100 from to
    # Two jobs on their own first: the first creates the tables, and the search that waits for it makes batch-rest
    # create its indexes, which invalidates the runtime's statements on those tables; the second job has them
    # compiled again. A burst of submissions meeting either has had an insert fail on a lock.
    for from in 1 2; do
        submit_job $from >>"$OUT/seed-submit.tsv"
        refused_submissions
        wait_active_below 1
    done
    for ((from = 3; from <= SEED_JOBS; from += wave)); do
        to=$((from + wave - 1)); ((to > SEED_JOBS)) && to=$SEED_JOBS
        seq "$from" "$to" | xargs -P 3 -I{} bash -c 'submit_job {}' >>"$OUT/seed-submit.tsv"
        refused_submissions
        wait_active_below 40
    done
    wait_active_below 1
    # Every submission must be accepted, every job must end as the mix says, and the server must have logged no
    # error but the FFDC incidents of the jobs that fail on purpose.
    local total completed failed expected_failed refused unexpected errors problems=() stuck=0
    [[ -f $OUT/seed-stuck.ids ]] && stuck=$(sort -u "$OUT/seed-stuck.ids" | wc -l)
    total=$(total_count)
    completed=$(( $(total_count '&instanceState=COMPLETED') - $(total_count '&instanceState=COMPLETED&jobParameter.forceFailure=true') ))
    failed=$(total_count '&instanceState=FAILED&jobParameter.forceFailure=true')
    expected_failed=$(seed_expected_failed)
    refused=$(awk '$2 != 201' "$OUT/seed-submit.tsv" | wc -l)
    unexpected=$((total - completed - failed))
    errors=$(log_errors_count)
    log "seeded $SEED_JOBS jobs in $((SECONDS - t0)) s: $completed COMPLETED, $failed FAILED on purpose (of $expected_failed), $unexpected in another state, $refused submissions refused; $errors error lines in the server log"
    echo -e "seed_jobs\t$SEED_JOBS\nseed_completed\t$completed\nseed_failed\t$failed\nseed_seconds\t$((SECONDS - t0))" \
        >>"$OUT/info.tsv"
    if ((refused)); then
        problems+=("$refused submissions were not answered 201, the first: $(awk '$2 != 201' "$OUT/seed-submit.tsv" | head -3 | tr '\n' ';')")
    fi
    # Under load Derby now and then times out a lock wait of the runtime's own inserts (40XL1): the job is then
    # stuck (stopped above) or FAILED. Up to 1 % of the seed jobs may end so, with their errors logged, not fatal.
    local allowed=$((SEED_JOBS / 100)) deviation
    deviation=$((unexpected + (expected_failed > failed ? expected_failed - failed : 0)))
    if ((stuck > allowed)); then
        problems+=("$stuck seed jobs made no progress and were stopped (at most 1 % may): $(sort -u "$OUT/seed-stuck.ids" | head -10 | paste -sd,)")
    fi
    if ((unexpected > allowed || failed < expected_failed - allowed || completed < SEED_JOBS - expected_failed - allowed)); then
        local failed_other other
        failed_other=$(comm -23 <(search_ids '&instanceState=FAILED' | tr ',' '\n' | sort) \
            <(search_ids '&instanceState=FAILED&jobParameter.forceFailure=true' | tr ',' '\n' | sort) | sort -n | head -10 | paste -sd,)
        other=$(search_ids '&instanceState=SUBMITTED,JMS_QUEUED,JMS_CONSUMED,DISPATCHED,STOPPED,ABANDONED' | cut -d, -f1-10)
        problems+=("of $SEED_JOBS seed jobs $completed COMPLETED (expected $((SEED_JOBS - expected_failed))) and $failed FAILED on purpose (expected $expected_failed); $unexpected ended otherwise: FAILED without forceFailure ${failed_other:-none}, other states ${other:-none}, COMPLETED with forceFailure $(search_ids '&instanceState=COMPLETED&jobParameter.forceFailure=true' | cut -d, -f1-10 | sed 's/^$/none/')")
    elif ((deviation || stuck)); then
        log "  $deviation seed jobs did not end as the mix says and $stuck were stopped (at most $allowed may); the server's first error lines:"$'\n'"$(log_errors 3)"
        echo -e "seed_deviation\t$deviation\nseed_stuck\t$stuck" >>"$OUT/info.tsv"
    fi
    local lock_timeouts
    lock_timeouts=$(grep -c 'A lock could not be obtained within the time requested' "$SERVER_DIR/logs/messages.log" || true)
    if ((errors && !deviation && !stuck && !lock_timeouts)); then
        problems+=("the server logged $errors error lines or FFDC incidents, the first:"$'\n'"$(log_errors 5)")
    elif ((errors)); then
        log "  the server logged $errors error lines ($lock_timeouts lock timeouts of the runtime, 503 to their submitters, which repeated them), the first:"$'\n'"$(log_errors 3)"
        echo -e "seed_lock_timeouts\t$lock_timeouts" >>"$OUT/info.tsv"
    fi
    if ((${#problems[@]})); then
        cp "$SERVER_DIR/logs/messages.log" "$OUT/messages-seed.log" 2>/dev/null || true
        die "seeding failed: $(printf '%s\n' "${problems[@]}")"
    fi
}

# Clones the rows of the real jobs (instances 1..MAXI) with SQL until TARGET instances exist. Clone k of row x gets
# id x + k*MAX (per table), foreign keys remapped the same way, and every timestamp of the instance shifted so that
# the clone's create time lies between 365 days ago and now, growing with its id (like a real repository, where
# ids and create times grow together). The log path names the clone's own date, instance and execution.
clone_rows() {
    log "cloning rows up to $TARGET instances ($DATABASE)"
    local t0=$SECONDS
    cat >"$OUT/clone-stats.sql" <<EOF
$(sql_begin)
select 'XI', max(jobinstanceid), count(*) from jbatch.jobinstance;
select 'XE', max(jobexecid), count(*) from jbatch.jobexecution;
select 'XS', max(stepexecid), count(*) from jbatch.stepthreadexecution;
select 'XR', count(*) from jbatch.remotablepartition;
select 'XG', count(*) from jbatch.groupassociation;
$(sql_bench_indexes)
EOF
    sql_run "$OUT/clone-stats.sql" "$OUT/clone-stats.out"
    local MAXI MAXE MAXS COUNTI
    MAXI=$(sql_value "$OUT/clone-stats.out" XI 2); COUNTI=$(sql_value "$OUT/clone-stats.out" XI 3)
    MAXE=$(sql_value "$OUT/clone-stats.out" XE 2); MAXS=$(sql_value "$OUT/clone-stats.out" XS 2)
    [[ $(sql_value "$OUT/clone-stats.out" XR 2) == 0 && $(sql_value "$OUT/clone-stats.out" XG 2) == 0 ]] \
        || die "the seed has REMOTABLEPARTITION or GROUPASSOCIATION rows, which clone_rows does not clone"
    local indexes; indexes=$(grep '^XIDX *|' "$OUT/clone-stats.out" | awk -F'|' '{ gsub(/ /, "", $2); print $2 }' | xargs)
    log "seed: instances max id $MAXI / $COUNTI rows, executions max id $MAXE, steps max id $MAXS; batch-rest indexes: ${indexes:-none}"
    # New instance ids run up to LIMIT, so that about TARGET instances exist (exactly, if the seed ids are dense).
    local LIMIT=$(( MAXI + ( (TARGET - COUNTI) * MAXI + COUNTI - 1 ) / COUNTI ))
    local K=$(( (LIMIT - 1) / MAXI ))
    local PER=$(( 40000 / MAXI )); ((PER < 1)) && PER=1
    local NI="(t.jobinstanceid + m.k * $MAXI)" NIE="(e.fk_jobinstanceid + m.k * $MAXI)"
    # Seconds to add to a timestamp of the clone with new instance id \$1: from -365 days (first clone) to -365 days
    # / LIMIT (the last), never 0: a clone shifted by 0 would share its original's time, and on PostgreSQL (ids mod
    # 1000 below the millisecond, see sql_add_tiebreak) the newest clone and its original then tied in every sort on
    # the create time, which the two APIs may break either way.
    shift_of() { echo "cast(-(cast($LIMIT + 1 - $1 as bigint) * 31536000) / $LIMIT as integer)"; }
    ts() { sql_add_seconds "$(shift_of "$1")" "$2"; }
    # An instance's create and last-updated time also get its id below the millisecond (sql_add_tiebreak): the
    # runtime writes whole milliseconds, so no two instances then share a time (a clone and its original, or two jobs
    # started in the same millisecond would), and a sort on these times has one order, which both APIs must return.
    # The JSON, in milliseconds, does not show it.
    unique() { sql_add_tiebreak "$1" "$2"; }
    {
        sql_begin
        # batch-rest's search indexes are dropped: they slow the inserts down, and phase A measures Liberty's API on
        # Liberty's own schema; batch-rest creates them again with its first search (RepositoryIndexes).
        for index in $indexes; do echo "drop index jbatch.$index;"; done
        echo "create table jbatch.bench_k (k integer not null primary key);"
        local k values=""
        for ((k = 1; k <= K; k++)); do values+="${values:+,}($k)"; done
        echo "insert into jbatch.bench_k values $values;"
        local k1 k2
        for ((k1 = 1; k1 <= K; k1 += PER)); do
            k2=$((k1 + PER - 1)); ((k2 > K)) && k2=$K
            cat <<EOF
insert into jbatch.jobinstance (jobinstanceid, amcname, batchstatus, createtime, exitstatus, instancestate, jobname,
    jobxmlname, jobxml, numexecs, restarton, submitter, updatetime)
  select $NI, t.amcname, t.batchstatus, $(unique "$NI" "$(ts "$NI" t.createtime)"), t.exitstatus, t.instancestate,
    t.jobname, t.jobxmlname, t.jobxml, t.numexecs, t.restarton, t.submitter, $(unique "$NI" "$(ts "$NI" t.updatetime)")
  from jbatch.jobinstance t, jbatch.bench_k m
  where t.jobinstanceid <= $MAXI and m.k between $k1 and $k2 and $NI <= $LIMIT;
insert into jbatch.jobexecution (jobexecid, batchstatus, createtime, endtime, execnum, exitstatus, jobparameters,
    updatetime, logpath, resturl, serverid, starttime, fk_jobinstanceid)
  select e.jobexecid + m.k * $MAXE, e.batchstatus, $(ts "$NIE" e.createtime), $(ts "$NIE" e.endtime), e.execnum,
    e.exitstatus, e.jobparameters, $(ts "$NIE" e.updatetime),
    case when e.logpath is null or $(sql_position "'/instance.'" e.logpath) < 12 then e.logpath
         else substr(e.logpath, 1, $(sql_position "'/instance.'" e.logpath) - 11)
              || $(sql_date_text "$(ts "$NIE" e.createtime)") || '/instance.' || $(sql_text "$NIE")
              || '/execution.' || $(sql_text "e.jobexecid + m.k * $MAXE") || '/' end,
    e.resturl, e.serverid, $(ts "$NIE" e.starttime), $NIE
  from jbatch.jobexecution e, jbatch.bench_k m
  where e.jobexecid <= $MAXE and m.k between $k1 and $k2 and $NIE <= $LIMIT;
insert into jbatch.jobparameter (name, value, fk_jobexecid)
  select p.name, p.value, p.fk_jobexecid + m.k * $MAXE
  from jbatch.jobparameter p join jbatch.jobexecution e on e.jobexecid = p.fk_jobexecid, jbatch.bench_k m
  where p.fk_jobexecid <= $MAXE and m.k between $k1 and $k2 and $NIE <= $LIMIT;
insert into jbatch.stepthreadexecution (stepexecid, threadtype, batchstatus, m_commit, endtime, exitstatus, m_filter,
    internalstatus, partnum, userdata, m_processskip, m_read, m_readskip, m_rollback, starttime, stepname, m_write,
    m_writeskip, fk_jobexecid, fk_toplvl_stepexecid, ispartitionedstep)
  select s.stepexecid + m.k * $MAXS, s.threadtype, s.batchstatus, s.m_commit, $(ts "$NIE" s.endtime), s.exitstatus,
    s.m_filter, s.internalstatus, s.partnum, s.userdata, s.m_processskip, s.m_read, s.m_readskip, s.m_rollback,
    $(ts "$NIE" s.starttime), s.stepname, s.m_write, s.m_writeskip, s.fk_jobexecid + m.k * $MAXE,
    s.fk_toplvl_stepexecid + m.k * $MAXS, s.ispartitionedstep
  from jbatch.stepthreadexecution s join jbatch.jobexecution e on e.jobexecid = s.fk_jobexecid, jbatch.bench_k m
  where s.stepexecid <= $MAXS and m.k between $k1 and $k2 and $NIE <= $LIMIT
    and (s.threadtype = 'T' or s.fk_toplvl_stepexecid = s.stepexecid);
insert into jbatch.stepthreadexecution (stepexecid, threadtype, batchstatus, m_commit, endtime, exitstatus, m_filter,
    internalstatus, partnum, userdata, m_processskip, m_read, m_readskip, m_rollback, starttime, stepname, m_write,
    m_writeskip, fk_jobexecid, fk_toplvl_stepexecid, ispartitionedstep)
  select s.stepexecid + m.k * $MAXS, s.threadtype, s.batchstatus, s.m_commit, $(ts "$NIE" s.endtime), s.exitstatus,
    s.m_filter, s.internalstatus, s.partnum, s.userdata, s.m_processskip, s.m_read, s.m_readskip, s.m_rollback,
    $(ts "$NIE" s.starttime), s.stepname, s.m_write, s.m_writeskip, s.fk_jobexecid + m.k * $MAXE,
    s.fk_toplvl_stepexecid + m.k * $MAXS, s.ispartitionedstep
  from jbatch.stepthreadexecution s join jbatch.jobexecution e on e.jobexecid = s.fk_jobexecid, jbatch.bench_k m
  where s.stepexecid <= $MAXS and m.k between $k1 and $k2 and $NIE <= $LIMIT
    and not (s.threadtype = 'T' or s.fk_toplvl_stepexecid = s.stepexecid);
insert into jbatch.stepthreadinstance (partnum, stepname, threadtype, checkpointdata, fk_jobinstanceid,
    fk_latest_stepexecid, partitioned, partitionplansize, startcount)
  select t.partnum, t.stepname, t.threadtype, t.checkpointdata, t.fk_jobinstanceid + m.k * $MAXI,
    t.fk_latest_stepexecid + m.k * $MAXS, t.partitioned, t.partitionplansize, t.startcount
  from jbatch.stepthreadinstance t, jbatch.bench_k m
  where t.fk_jobinstanceid <= $MAXI and m.k between $k1 and $k2 and t.fk_jobinstanceid + m.k * $MAXI <= $LIMIT;
EOF
        done
        echo "drop table jbatch.bench_k;"
        echo "update jbatch.jobinstance set createtime = $(unique jobinstanceid createtime),"
        echo "  updatetime = $(unique jobinstanceid updatetime) where jobinstanceid <= $MAXI;"
        # The create times in batch-rest's copy of the seeds' parameters follow: the searches rely on an instance's
        # create time never changing, as the runtime never changes it (docs/api.md, "The copy of the job parameters").
        echo "update batchrest.instance_parameter set create_time = (select i.createtime from jbatch.jobinstance i"
        echo "  where i.jobinstanceid = instance_id) where instance_id <= $MAXI;"
        for table in jobinstance jobexecution jobparameter stepthreadexecution stepthreadinstance; do
            sql_update_statistics "$table"
        done
        echo "select 'XI', max(jobinstanceid), count(*) from jbatch.jobinstance;"
        echo "select 'XE', max(jobexecid), count(*) from jbatch.jobexecution;"
        echo "select 'XS', max(stepexecid), count(*) from jbatch.stepthreadexecution;"
        echo "select 'XP', count(*) from jbatch.jobparameter;"
        echo "select 'XT', count(*) from jbatch.stepthreadinstance;"
        echo "select 'XD', min(createtime), max(createtime) from jbatch.jobinstance;"
    } >"$OUT/clone.sql"
    sql_run "$OUT/clone.sql" "$OUT/clone.out"
    local NMAXI NMAXE NMAXS
    NMAXI=$(sql_value "$OUT/clone.out" XI 2); NMAXE=$(sql_value "$OUT/clone.out" XE 2); NMAXS=$(sql_value "$OUT/clone.out" XS 2)
    # The identity columns go on after the clones, as if Liberty had written them.
    cat >"$OUT/clone-identity.sql" <<EOF
$(sql_begin)
$(sql_restart_identity jobinstance jobinstanceid $((NMAXI + 1)))
$(sql_restart_identity jobexecution jobexecid $((NMAXE + 1)))
$(sql_restart_identity stepthreadexecution stepexecid $((NMAXS + 1)))
EOF
    sql_run "$OUT/clone-identity.sql" "$OUT/clone-identity.out"
    INSTANCES=$(sql_value "$OUT/clone.out" XI 3)
    MAX_INSTANCE_ID=$NMAXI
    log "cloned in $((SECONDS - t0)) s: $INSTANCES instances (max id $NMAXI), $(sql_value "$OUT/clone.out" XE 3) executions, $(sql_value "$OUT/clone.out" XP 2) job parameters, $(sql_value "$OUT/clone.out" XS 3) step executions, $(sql_value "$OUT/clone.out" XT 2) step instances; create times $(grep '^XD *|' "$OUT/clone.out" | awk -F'|' '{print $2 "..." $3}' | tr -s ' ')"
    echo -e "clone_seconds\t$((SECONDS - t0))\ninstances_seeded\t$INSTANCES\nmax_instance_id\t$NMAXI" >>"$OUT/info.tsv"
    [[ $DATABASE == derby ]] && echo -e "size\t$SIZE\nmax_instance_id\t$NMAXI" >"$REPOSITORY_FILE"
    return 0
}

# reused <key>: a value of REPOSITORY_FILE; empty if it has none or does not exist yet (a first run, or a PostgreSQL
# run on a new server: not a failure).
reused() { [[ -f $REPOSITORY_FILE ]] || return 0; awk -F'\t' -v key="$1" '$1 == key { print $2 }' "$REPOSITORY_FILE" | tail -1; }

# ---------------------------------------------------------------------------------------------------- measuring
# call <file> <url> [method]: one request; appends "code seconds bytes" to <file>.times, keeps the body (<file>.body)
# and the response headers (<file>.headers).
call() {
    curl -sk -u $AUTH --max-time 900 -X "${3:-GET}" -D "$1.headers" -o "$1.body" \
        -w '%{http_code} %{time_total} %{size_download}\n' "$2" >>"$1.times" || echo "000 0 0" >>"$1.times"
}

# The target of the rel="next" link in a batch-rest list answer's headers (file), empty if there is none.
next_link() {
    tr -d '\r' <"$1" | awk 'tolower($1) == "link:"' | grep -o '<[^>]*>; *rel="next"' | sed 's/^<\([^>]*\)>.*/\1/' \
        | head -1 || true
}

# measure <label> <compare> <goal> <batch-rest path> <Liberty path> [apis...]: WARMUP + CALLS calls per API, the
# APIs alternating call by call (and which one goes first alternating too), so both see the same machine load.
# The paths are relative to the APIs' roots ("=" for the Liberty path: the same as batch-rest's); a batch-rest path
# may be a whole URL (a link that batch-rest answered). The apis are batch-rest and liberty unless given.
# <compare> says what the last answers of the two APIs must have in common (bench/summary.py checks it):
#   list       the same instances in the same order: both APIs order by the same column, whose values are unique
#              in the seeded data (create and last-updated times);
#              in a reused repository (BENCH_REUSE=1) the jobs of earlier submission phases, which ended in the same
#              millisecond by the dozen, share last-updated times, so a sort on them compares as keys:lastUpdatedTime
#              there (UPDATED_COMPARE);
#   set        the same instances, in any order: the whole result fits in one page, and without sort Liberty does
#              not define an order (some filters come back in ascending ids, others newest first) while batch-rest
#              answers newest first;
#   unordered  a search without sort whose matches may fill more than a page: for the reason above a full page
#              holds other instances on each side, so the same instances if either page is not full, else two full
#              pages;
#   keys:<f>   a sort on a field that many instances share: the same sequence of values of field <f>, since
#              batch-rest breaks ties newest first and Liberty leaves their order undefined;
#   count      the same number of items: as keys, for a sort field that the answer does not show (exitStatus);
#   ids        a single read: the same instance, executions or step executions.
# <goal>: std (batch-rest p50 < 50 ms, p95 < 100 ms, Liberty p50 / batch-rest p50 >= 3), wild-few (a leading-*
# wildcard that matches few instances: batch-rest p50 and p95 < 250 ms and its p50 not above Liberty's) or read (a
# single read: batch-rest p50 < 10 ms).
measure() {
    local label=$1 compare=$2 goal=$3 br_path=$4 lib_path=$5; shift 5
    local apis=("$@") i api order
    ((${#apis[@]})) || apis=(batch-rest liberty)
    [[ $lib_path == = ]] && lib_path=$br_path
    if [[ -n $SHAPES_FILTER ]] && ! grep -qE -- "$SHAPES_FILTER" <<<"$label"; then return 0; fi
    local -A spent=() url=()
    for api in "${apis[@]}"; do
        spent[$api]=0
        case $api in
            batch-rest) if [[ $br_path == https://* ]]; then url[$api]=$br_path; else url[$api]=$BR/$br_path; fi ;;
            liberty) url[$api]=$LIB/$lib_path ;;
        esac
    done
    log "measuring $label: ${url[batch-rest]:-${url[liberty]}} (${apis[*]})"
    if [[ $CONNECTIONS == keep-alive ]]; then
        local pairs=()
        for api in "${apis[@]}"; do pairs+=("$api=${url[$api]}"); done
        AUTH=$AUTH python3 "$ROOT/bench/measure.py" "$OUT" "$label" "$WARMUP" "$CALLS" "$QUERY_BUDGET" "${pairs[@]}" \
            | while read -r line; do log "  $line"; done
    else
        for ((i = 1; i <= WARMUP + CALLS; i++)); do
            if ((i % 2)); then order=("${apis[@]}"); else order=(); for api in "${apis[@]}"; do order=("$api" "${order[@]}"); done; fi
            for api in "${order[@]}"; do
                local file
                # As in bench/measure.py: the warm-up ends after a quarter of the budget.
                local limit=$QUERY_BUDGET
                ((i <= WARMUP)) && limit=$(awk -v b="$QUERY_BUDGET" 'BEGIN { print b / 4 }')
                if awk -v t="${spent[$api]}" -v b="$limit" 'BEGIN { exit !(t >= b) }'; then continue; fi
                if ((i <= WARMUP)); then file=$OUT/$label.$api.warmup; else file=$OUT/$label.$api; fi
                call "$file" "${url[$api]}"
                spent[$api]=$(awk -v a="${spent[$api]}" -v b="$(tail -1 "$file.times" | cut -d' ' -f2)" 'BEGIN { print a + b }')
                if awk -v t="${spent[$api]}" -v b="$QUERY_BUDGET" 'BEGIN { exit !(t >= b) }'; then
                    log "  $api: query budget of ${QUERY_BUDGET}s used up after call $i"
                fi
            done
        done
    fi
    for api in "${apis[@]}"; do
        # The last answer is the one the summary compares: the last timed one, or the last warm-up one if the budget
        # left no timed call.
        if [[ -f $OUT/$label.$api.body ]]; then cp "$OUT/$label.$api.body" "$OUT/$label.$api.last.json"
        elif [[ -f $OUT/$label.$api.warmup.body ]]; then cp "$OUT/$label.$api.warmup.body" "$OUT/$label.$api.last.json"; fi
        local relative=${url[$api]#"$BR/"}
        echo -e "$label\t$api\t${relative#"$LIB/"}\t$compare\t$goal" >>"$OUT/queries.tsv"
    done
}

# A deep page of the v1 list, reached as batch-rest's clients reach it, through the Link header: page <n - 1> is
# fetched once, untimed (it may be slow), and the URL of its rel="next" link is timed, against Liberty's page=<n>.
measure_next_link() {
    local label=$1 page=$2 next
    if [[ -n $SHAPES_FILTER ]] && ! grep -qE -- "$SHAPES_FILTER" <<<"$label"; then return 0; fi
    call "$OUT/$label.previous" "$BR/jobinstances?page=$((page - 1))&pageSize=$PAGE_SIZE"
    next=$(next_link "$OUT/$label.previous.headers")
    if [[ -z $next ]]; then
        echo "$label: batch-rest's answer to page $((page - 1)) has no Link rel=\"next\"" >>"$OUT/check-failures.txt"
        log "  $label: no rel=\"next\" link in the answer to page $((page - 1))"
        return 0
    fi
    measure "$label" list std "$next" "jobinstances?page=$page&pageSize=$PAGE_SIZE"
}

# The values the shapes search for, from the data (after cloning): ids of the middle, of a chunkCopy instance, its
# execution, and ids spread over the whole range; and the number of pages of the v1 list.
shape_values() {
    INSTANCES=$(total_count)
    MID=$((MAX_INSTANCE_ID / 2))
    last_page
    local third=$((MAX_INSTANCE_ID / 3)) k
    READ_INSTANCE=$(search_ids "&jobName=chunkCopy&instanceState=COMPLETED&jobInstanceId=$third:$((third + 500))" | cut -d, -f1)
    [[ -n $READ_INSTANCE ]] || die "no COMPLETED chunkCopy instance between ids $third and $((third + 500))"
    READ_EXECUTION=$(curl -sk -u $AUTH "$BR/jobinstances/$READ_INSTANCE/jobexecutions" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["executionId"])')
    IDS_3="$((MAX_INSTANCE_ID / 4)),$MID,$((MAX_INSTANCE_ID * 3 / 4))"
    IDS_50=$(for ((k = 1; k <= 50; k++)); do echo $((k * MAX_INSTANCE_ID / 51)); done | paste -sd,)
    echo -e "instances_before_queries\t$INSTANCES\nread_instance\t$READ_INSTANCE\nread_execution\t$READ_EXECUTION\nlast_page\t$LAST_PAGE" >>"$OUT/info.tsv"
    log "shape values: $INSTANCES instances (max id $MAX_INSTANCE_ID), $((LAST_PAGE + 1)) pages of $PAGE_SIZE; single reads of instance $READ_INSTANCE, execution $READ_EXECUTION"
}

# The last page of the v1 list (0-based).
last_page() { LAST_PAGE=$(( (INSTANCES + PAGE_SIZE - 1) / PAGE_SIZE - 1 )); }

# A page of the v1 list <n> deep, or the last page if there are fewer (noted in the summary).
deep_page() {
    if (($1 > LAST_PAGE)); then
        echo -e "$2\tfewer than $(($1 + 1)) pages: the last page, $LAST_PAGE" >>"$OUT/notes.tsv"
        echo "$LAST_PAGE"
    else
        echo "$1"
    fi
}

# Every request shape of phase B, both APIs side by side. Values come from the job mix (submit_job) and from
# shape_values. Labels: a-d the shapes of the earlier runs; sort.<field> / sort.-<field>; f.<filter>.many|few|none
# (each filter alone, a value that matches many instances and one that matches few or none); w.<filter>.many|none
# (leading-* wildcards); id.* (ranges and lists of instance ids); c.* (combinations); page.<n> / link.<n> (the v1
# list <n> pages deep, by page= and by batch-rest's next link); get.* (single reads).
shapes() {
    local v4=v4/jobinstances field compare page
    measure a.list list std "jobinstances" =
    measure b.search list std "$v4?jobName=chunk*&instanceState=COMPLETED&createTime=%3E30d&sort=-createTime" =
    measure c.jobParameter unordered std "$v4?jobParameter.kind=a&pageSize=50" =
    measure d.page500 list std "jobinstances?page=$(deep_page 500 d.page500)&pageSize=50" =
    measure e.jobParameter.none set std "$v4?jobParameter.kind=nosuchvalue" =

    for field in createTime lastUpdatedTime submitter amcName jobXMLName batchStatus exitStatus; do
        case $field in
            createTime) compare=list ;;
            lastUpdatedTime) compare=$UPDATED_COMPARE ;;
            amcName) compare=keys:appName ;;
            exitStatus) compare=count ;;
            *) compare=keys:$field ;;
        esac
        measure "sort.$field" "$compare" std "$v4?sort=$field" =
        measure "sort.-$field" "$compare" std "$v4?sort=-$field" =
    done

    measure f.jobInstanceId.one set std "$v4?jobInstanceId=$READ_INSTANCE" =
    measure f.createTime.many unordered std "$v4?createTime=%3E180d" =
    measure f.createTime.none set std "$v4?createTime=%3C400d" =
    measure f.lastUpdatedTime.many unordered std "$v4?lastUpdatedTime=%3E180d" =
    measure f.lastUpdatedTime.none set std "$v4?lastUpdatedTime=%3C400d" =
    measure f.lastUpdatedTime.old unordered std "$v4?lastUpdatedTime=%3C200d" =
    measure f.lastUpdatedTime.month unordered std \
        "$v4?lastUpdatedTime=$(date -d '-300 days' +%F):$(date -d '-271 days' +%F)" =
    measure f.instanceState.many unordered std "$v4?instanceState=COMPLETED" =
    measure f.instanceState.none set std "$v4?instanceState=STOPPED" =
    measure f.exitStatus.many unordered std "$v4?exitStatus=COMPLETED" =
    measure f.exitStatus.few unordered std "$v4?exitStatus=RARE" =
    measure f.submitter.many unordered std "$v4?submitter=admin" =
    measure f.submitter.few unordered std "$v4?submitter=submitter1" =
    measure f.appName.many unordered std "$v4?appName=batch-rest" =
    measure f.appName.none set std "$v4?appName=nosuchapp" =
    measure f.jobName.many unordered std "$v4?jobName=chunkCopy" =
    measure f.jobName.none set std "$v4?jobName=nosuchjob" =
    measure f.jobParameter.few unordered std "$v4?jobParameter.kind=rare" =
    measure w.exitStatus.many unordered std "$v4?exitStatus=*ED" =
    measure w.exitStatus.none set wild-few "$v4?exitStatus=*XYZ" =
    measure w.submitter.many unordered std "$v4?submitter=*min" =
    measure w.submitter.none set wild-few "$v4?submitter=*XYZ" =
    measure w.jobName.many unordered std "$v4?jobName=*Copy" =
    measure w.jobName.none set wild-few "$v4?jobName=*XYZ" =
    measure w.appName.many unordered std "$v4?appName=*rest" =
    measure w.appName.none set wild-few "$v4?appName=*XYZ" =

    measure id.range unordered std "$v4?jobInstanceId=$((MID - 499)):$((MID + 500))" =
    measure id.range.old unordered std "$v4?jobInstanceId=$((MAX_INSTANCE_ID / 10)):$((MAX_INSTANCE_ID / 10 + 2000))" =
    measure id.gt unordered std "$v4?jobInstanceId=%3E$MID" =
    measure id.lt unordered std "$v4?jobInstanceId=%3C$MID" =
    measure id.list3 set std "$v4?jobInstanceId=$IDS_3" =
    measure id.list50 set std "$v4?jobInstanceId=$IDS_50" =

    measure c.submitter+lastUpdatedTime "$UPDATED_COMPARE" std "$v4?submitter=admin&lastUpdatedTime=%3E30d&sort=-lastUpdatedTime" =
    measure c.jobName+createTime unordered std "$v4?jobName=chunkCopy&createTime=%3E30d" =
    measure c.instanceState+createTime unordered std "$v4?instanceState=FAILED&createTime=%3E30d" =
    measure c.jobParameter+instanceState unordered std "$v4?jobParameter.kind=a&instanceState=COMPLETED" =
    measure c.jobName+instanceState unordered std "$v4?jobName=sleepyBatchlet&instanceState=FAILED" =
    measure c.jobName+instanceState.none set std "$v4?jobName=chunkCopy&instanceState=FAILED" =
    measure c.jobName+instanceState.common unordered std "$v4?jobName=chunkCopy&instanceState=COMPLETED" =
    measure c.jobName+instanceState+jobParameter unordered std \
        "$v4?jobName=sleepyBatchlet&instanceState=FAILED&jobParameter.kind=b" =
    # Filters that each match many instances but few or none together, where no index in the page's order holds
    # them all: another sort, a list of states, a filter the state's index does not hold, two values of two indexes.
    measure c.jobName+instanceState.sorted "$UPDATED_COMPARE" std \
        "$v4?jobName=sleepyBatchlet&instanceState=FAILED&sort=-lastUpdatedTime" =
    measure c.jobName+instanceState.sorted.none set std "$v4?jobName=chunkCopy&instanceState=FAILED&sort=-lastUpdatedTime" =
    measure c.jobName+instanceStates.none set std "$v4?jobName=chunkCopy&instanceState=FAILED,STOPPED" =
    measure c.appName+jobName+instanceState.none set std "$v4?appName=batch-rest&jobName=chunkCopy&instanceState=FAILED" =
    measure c.jobName+exitStatus.few unordered std "$v4?jobName=sleepyBatchlet&exitStatus=RARE" =
    measure c.jobName+exitStatus.none set std "$v4?jobName=chunkCopy&exitStatus=RARE" =
    measure c.submitter+exitStatus.few unordered std "$v4?submitter=admin&exitStatus=RARE" =
    measure c.instanceState+exitStatus.none set std "$v4?instanceState=FAILED&exitStatus=COMPLETED" =

    for page in 1 500 20000; do
        [[ $page != 500 ]] && measure "page.$page" list std "jobinstances?page=$(deep_page $page "page.$page")&pageSize=50" =
        measure_next_link "link.$page" "$(deep_page $page "link.$page")"
    done

    measure get.instance ids read "jobinstances/$READ_INSTANCE" =
    measure get.executions ids read "jobinstances/$READ_INSTANCE/jobexecutions" =
    measure get.steps ids read "jobexecutions/$READ_EXECUTION/stepexecutions" =
    measure get.step-by-name ids read "jobexecutions/$READ_EXECUTION/stepexecutions/copy" =
    # Aggregates (batch-rest only; Liberty's API has none): the dashboard chart's request, over every instance.
    measure s.stats.day+state count std "$v4/stats?groupBy=day,instanceState&lastUpdatedTime=%3E13d" = batch-rest
    measure s.stats.all-days count std "$v4/stats?groupBy=createDay,instanceState,jobName" = batch-rest
}

# Bulk purge, both APIs alternating call by call over disjoint id ranges. Each API starts with a probe of
# PURGE_PROBE instances; then calls of PURGE_PAGE instances, unless the rate measured so far says such a call would
# overrun what is left of PURGE_BUDGET seconds, in which case the page shrinks (to at least PURGE_PROBE). An API
# stops when it has purged PURGE_COUNT instances or used up its budget: the purge of a slow API is then reported
# as the rate over what it did purge. purge.tsv: api, call, first id, page, http code, seconds, instances that
# existed in the call's id range.
# The instances with ids a..b, counted exactly through batch-rest (untimed): a seed submission that the runtime
# refused leaves its id unused, so every block of clones lacks that id too.
instances_between() {
    curl -sk -u "$AUTH" -D - -o /dev/null "$BR/v4/jobinstances?jobInstanceId=$1:$2&pageSize=1&count=exact" \
        | tr -d '\r' | awk -F': ' 'tolower($1) == "x-total-count" { print $2 }'
}

purge() {
    local -A next=([batch-rest]=$1 [liberty]=$2) done=() purged=() elapsed=() calls=()
    local api a b page code secs round=0 left existing
    log "purging up to $PURGE_COUNT instances per API ($PURGE_PAGE per call, budget ${PURGE_BUDGET}s per API): batch-rest from id $1, Liberty from id $2"
    for api in batch-rest liberty; do purged[$api]=0; elapsed[$api]=0; calls[$api]=0; done
    while [[ -z ${done[batch-rest]:-} || -z ${done[liberty]:-} ]]; do
        local order=(batch-rest liberty)
        ((round++ % 2)) && order=(liberty batch-rest)
        for api in "${order[@]}"; do
            [[ -n ${done[$api]:-} ]] && continue
            left=$((PURGE_COUNT - purged[$api]))
            if ((calls[$api] == 0)); then page=$PURGE_PROBE
            else
                page=$(awk -v done="${purged[$api]}" -v t="${elapsed[$api]}" -v budget="$PURGE_BUDGET" \
                           -v max="$PURGE_PAGE" -v min="$PURGE_PROBE" 'BEGIN {
                    rest = budget - t; per = t / done; p = max
                    if (p * per > rest) p = int(rest / per / min) * min
                    if (p < min) p = min
                    print p }')
            fi
            ((page > left)) && page=$left
            a=${next[$api]}; b=$((a + page - 1))
            case $api in batch-rest) base=$BR ;; liberty) base=$LIB ;; esac
            existing=$(instances_between "$a" "$b")
            call "$OUT/purge.$api" "$base/v2/jobinstances?jobInstanceId=$a:$b&pageSize=$page" DELETE
            cp "$OUT/purge.$api.body" "$OUT/purge.$api.${calls[$api]}.json"
            read -r code secs _ < <(tail -1 "$OUT/purge.$api.times")
            echo -e "$api\t${calls[$api]}\t$a\t$page\t$code\t$secs\t$existing" >>"$OUT/purge.tsv"
            log "  $api: ids $a..$b: HTTP $code in $secs s"
            next[$api]=$((b + 1)); purged[$api]=$((purged[$api] + page)); calls[$api]=$((calls[$api] + 1))
            elapsed[$api]=$(awk -v a="${elapsed[$api]}" -v b="$secs" 'BEGIN { print a + b }')
            if ((purged[$api] >= PURGE_COUNT)); then done[$api]=1
            elif awk -v t="${elapsed[$api]}" -v budget="$PURGE_BUDGET" 'BEGIN { exit !(t >= budget) }'; then
                done[$api]=1; log "  $api: purge budget of ${PURGE_BUDGET}s used up after ${purged[$api]} instances"
                echo -e "purge_budget_hit_$api\t${purged[$api]}" >>"$OUT/info.tsv"
            fi
        done
    done
    # Purged instances are gone: batch-rest answers 404, Liberty 400. Checked on both APIs, for both ranges.
    local id
    for id in $1 $(( $1 + purged[batch-rest] / 2 )) $(( $1 + purged[batch-rest] - 1 )) \
              $2 $(( $2 + purged[liberty] / 2 )) $(( $2 + purged[liberty] - 1 )); do
        echo -e "$id\tbatch-rest\t$(curl -sk -u $AUTH -o /dev/null -w '%{http_code}' "$BR/jobinstances/$id")\t404" >>"$OUT/purged-check.tsv"
        echo -e "$id\tliberty\t$(curl -sk -u $AUTH -o /dev/null -w '%{http_code}' "$LIB/jobinstances/$id")\t400" >>"$OUT/purged-check.tsv"
    done
}

# ---------------------------------------------------------------------------------------------------- run
log "benchmark $SIZE on $DATABASE: $TARGET instances, $SEED_JOBS real jobs, purge $PURGE_COUNT per API; results in $OUT"
echo -e "size\t$SIZE\ntarget\t$TARGET\nnproc\t$(nproc)\nmem_total_kb\t$(awk '/MemTotal/ {print $2}' /proc/meminfo)\nloadavg_start\t$(cut -d' ' -f1-3 /proc/loadavg)\njava\t$(java -version 2>&1 | head -1)" >"$OUT/info.tsv"

if server_running; then log "$SERVER is running from an earlier run; stopping it"; STARTED_BY_US=1; stop_server; STARTED_BY_US=0; fi
if curl -sk -o /dev/null "https://localhost:$PORT/" 2>/dev/null; then die "port $PORT is in use by another process"; fi

if [[ $SKIP_BUILD == 1 ]]; then
    # The loose application that liberty:deploy deploys is target/classes and the webapp folder, and the libraries
    # of the sample jobs; the build that runs this has just made them.
    [[ -d $ROOT/target/classes/io/batchrest && -f $ROOT/target/batch-rest.war ]] \
        || die "BENCH_SKIP_BUILD=1 but there is no build in $ROOT/target (run mvn package first)"
    log "using the build in target/ (BENCH_SKIP_BUILD=1)"
else
    log "building the WAR"
    (cd "$ROOT" && mvn -q -B -ntp "${MAVEN_ARGS[@]}" -DskipTests package) >>"$OUT/maven.log" 2>&1 \
        || die "the build failed (see $OUT/maven.log)"
fi

if [[ $REUSE == 1 ]]; then
    [[ $DATABASE == derby ]] || die "BENCH_REUSE=1 is for Derby only (every PostgreSQL run has a cluster of its own)"
    [[ -d $DB && $(reused size) == "$SIZE" ]] \
        || die "BENCH_REUSE=1 but no repository of a $SIZE run in $DB (see $REPOSITORY_FILE); run without it first"
    MAX_INSTANCE_ID=$(reused max_instance_id)
    echo -e "database\tDerby (embedded)\nreused_repository\t$DB" >>"$OUT/info.tsv"
    log "reusing the repository of an earlier $SIZE run (max instance id $MAX_INSTANCE_ID): no seeding, no cloning"
    rm -rf "$SERVER_DIR/logs" "$SERVER_DIR/workarea"
else
    # A fresh repository every run: a new PostgreSQL cluster, or no Derby database yet.
    if [[ $DATABASE == postgresql ]]; then
        start_postgresql
    else
        echo -e "database\tDerby (embedded)" >>"$OUT/info.tsv"
        fresh_repository
    fi
    rm -rf "$SERVER_DIR/logs" "$SERVER_DIR/workarea"
    start_server create 'jobinstances?pageSize=1'
    if [[ $DATABASE == derby ]]; then
        [[ -f $DERBY_DIR/derbytools.jar ]] || die "Derby jars not found in $DERBY_DIR"
    fi
    cp "$SERVER_DIR/jvm.options" "$OUT/jvm.options" 2>/dev/null || true

    # The seeding runs in a background shell of its own, so that its failure (die) ends only the attempt; it still
    # stops at its first failing command. With attempts left, it starts again from a fresh database: the runtime
    # occasionally refuses a submission in a burst (a Derby lock timeout, logged by the attempt) and leaves its
    # instance SUBMITTED, which a smoke run inside the build should not fail on unless it happens again.
    for ((attempt = 1; ; attempt++)); do
        rm -f "$OUT/failure.txt"
        status=0
        seed_real_jobs &
        wait $! || status=$?
        ((status == 0)) && break
        ((attempt < SEED_ATTEMPTS)) || die "seeding failed ($attempt attempts): $(cat "$OUT/failure.txt" 2>/dev/null)"
        log "seeding attempt $attempt failed (above); seeding again from a fresh database"
        echo -e "seed_attempt_failed_$attempt\t$(head -1 "$OUT/failure.txt" 2>/dev/null)" >>"$OUT/info.tsv"
        for file in seed-submit.tsv messages-seed.log; do
            [[ -f $OUT/$file ]] && mv "$OUT/$file" "$OUT/attempt$attempt.$file"
        done
        cp "$SERVER_DIR/logs/messages.log" "$OUT/attempt$attempt.messages.log" 2>/dev/null || true
        stop_server
        fresh_repository
        rm -rf "$SERVER_DIR/logs" "$SERVER_DIR/workarea"
        start_server start 'jobinstances?pageSize=1'
    done
    echo -e "seed_attempts\t$attempt" >>"$OUT/info.tsv"
    stop_server
    clone_rows
fi
start_server start 'jobinstances/1'
if [[ $REUSE == 1 ]]; then INSTANCES=$(total_count); fi   # earlier runs purged some
note_memory "after start"

if [[ $LIBERTY_ALONE == 1 ]]; then
    # Phase A: Liberty's API before batch-rest has answered a search. batch-rest builds its indexes in the background
    # when it starts (RepositoryIndexes), so on a large repository they may exist already or not; the log says when.
    last_page   # of the instances the cloning counted
    log "phase A: Liberty's API alone, before batch-rest has answered a search"
    measure A-a.list list std "jobinstances" = liberty
    measure A-b.search list std "v4/jobinstances?jobName=chunk*&instanceState=COMPLETED&createTime=%3E30d&sort=-createTime" = liberty
    measure A-c.jobParameter unordered std "v4/jobinstances?jobParameter.kind=a&pageSize=50" = liberty
    measure A-d.page500 list std "jobinstances?page=$(deep_page 500 A-d.page500)&pageSize=50" = liberty
    note_memory "after phase A"
fi

# The first batch-rest search after the start, timed on its own: while batch-rest builds its indexes it does not
# wait for them but searches without naming one. Then the server's readiness, which is DOWN until they exist.
log "first batch-rest search"
call "$OUT/first-search.batch-rest" "$BR/v2/jobinstances?pageSize=1"
log "first batch-rest search: $(cut -d' ' -f1,2 "$OUT/first-search.batch-rest.times") (code, seconds)"
t0=$SECONDS
until [[ $(curl -sk -o /dev/null -w '%{http_code}' "https://localhost:$PORT/health/ready") == 200 ]]; do
    (( SECONDS - t0 < 1800 )) || die "the server was not ready 30 minutes after its start (see messages.log)"
    sleep 1
done
echo -e "ready_after_first_search_seconds\t$((SECONDS - t0))" >>"$OUT/info.tsv"
log "ready (indexes built) $((SECONDS - t0)) s after the first search"
grep -h 'Created index' "$SERVER_DIR"/logs/messages.log | sed 's/.*Created index/Created index/' >"$OUT/indexes-created.txt" || true
log "indexes created since the start: $(wc -l <"$OUT/indexes-created.txt")"
shape_values

# Before phase B, both APIs answer the same few cheap requests a few hundred times each, untimed: the JIT compiles
# the paths that every request shares (TLS, authentication, JAX-RS or the servlet, JSON, JDBC). Measured without
# it, the first shapes of phase B time the interpreter: a v4 search sorted by create time took 5 ms on batch-rest and
# 10 ms on Liberty's API in a 1M run, and 2.5 and 7.8 ms on the same server once warm (docs/benchmarks.md).
if ((JIT_WARMUP > 0)); then
    log "JIT warm-up: $JIT_WARMUP calls per API of each of 6 cheap requests"
    mkdir -p "$OUT/jit-warmup"
    for path in "jobinstances" "v4/jobinstances?sort=-lastUpdatedTime" "v4/jobinstances?jobName=chunkCopy&instanceState=COMPLETED" \
                "jobinstances/$READ_INSTANCE" "jobinstances/$READ_INSTANCE/jobexecutions" "jobexecutions/$READ_EXECUTION/stepexecutions"; do
        AUTH=$AUTH python3 "$ROOT/bench/measure.py" "$OUT/jit-warmup" warmup "$JIT_WARMUP" 0 "$QUERY_BUDGET" \
            "batch-rest=$BR/$path" "liberty=$LIB/$path" >/dev/null
    done
    grep -hv '^200 ' "$OUT"/jit-warmup/*.times >/dev/null && die "a JIT warm-up call was not answered 200 (see $OUT/jit-warmup)"
    echo -e "jit_warmup_calls\t$JIT_WARMUP" >>"$OUT/info.tsv"
fi

# Phase B: both APIs, alternating call by call.
log "phase B: both APIs side by side ($INSTANCES instances)"
shapes
note_memory "after queries"
echo -e "log_errors_queries\t$(log_errors_count)" >>"$OUT/info.tsv"

# Submissions side by side: the same trivial job through both APIs, runs alternating (bench/submissions.py).
if [[ $SKIP_SUBMISSIONS != 1 ]]; then
    log "submissions: $SUBMIT_CLIENTS clients, $SUBMIT_RUNS runs of $SUBMIT_SECONDS s per API, alternating, after a warm-up until both rates stop rising (at most $SUBMIT_WARMUP s per API)"
    echo -e "submit_clients\t$SUBMIT_CLIENTS\nsubmit_runs\t$SUBMIT_RUNS\nsubmit_seconds\t$SUBMIT_SECONDS" >>"$OUT/info.tsv"
    # Liberty's job logging lists the job's folder of the day before each job it logs (bench/submissions.py): how
    # many entries it held is part of what Liberty's runs measured. The script sets the warm-up's entries aside.
    liberty_day_folder=$SERVER_DIR/logs/joblogs/sleepyBatchlet/$(date +%F)
    liberty_day_entries() { if [[ -d $liberty_day_folder ]]; then find "$liberty_day_folder" -mindepth 1 -maxdepth 1 | wc -l; else echo 0; fi; }
    echo -e "liberty_joblog_day_entries_before\t$(liberty_day_entries)" >>"$OUT/info.tsv"
    if ! python3 "$ROOT/bench/submissions.py" --br "$BR" --lib "$LIB" --user "$AUTH" --pid "$(server_pid)" \
            --clients "$SUBMIT_CLIENTS" --runs "$SUBMIT_RUNS" --seconds "$SUBMIT_SECONDS" --warmup "$SUBMIT_WARMUP" \
            --out "$OUT" --liberty-joblog-dropin "$LIBERTY_JOBLOG_DROPIN" --messages "$SERVER_DIR/logs/messages.log" \
            --liberty-joblog-day-folder "$liberty_day_folder" \
            2>&1 | tee "$OUT/submissions.log" | while IFS= read -r line; do log "  $line"; done; then
        die "the submission phase failed (its output is above and in $OUT/submissions.log)"
    fi
    echo -e "liberty_joblog_day_entries_after\t$(liberty_day_entries)" >>"$OUT/info.tsv"
    note_memory "after submissions"
fi

# Job events (batch-rest only: Liberty's API publishes job events to JMS topics, not to HTTP clients): many
# subscribers of one server's event stream while jobs run; every subscriber must receive every event.
if ((EVENT_SUBSCRIBERS > 0)); then
    log "job events: $EVENT_SUBSCRIBERS subscribers, $EVENT_JOBS jobs"
    echo -e "event_subscribers\t$EVENT_SUBSCRIBERS\nevent_jobs\t$EVENT_JOBS" >>"$OUT/info.tsv"
    if ! python3 "$ROOT/bench/event-latency.py" --stream "$BR/" --submit "$BR/" --user "$AUTH" \
            --subscribers "$EVENT_SUBSCRIBERS" --jobs "$EVENT_JOBS" --pid "$(server_pid)" --out "$OUT" \
            --release-wait "$EVENT_RELEASE_WAIT" 2>&1 | tee "$OUT/events.log" | while IFS= read -r line; do log "  $line"; done; then
        die "the job-event phase failed (its output is above and in $OUT/events.log)"
    fi
fi

# Disjoint ranges in the middle of the cloned ids (all final, so every purge must be COMPLETED).
PURGE_B=$(reused purge_next)
[[ $DATABASE == derby && -n $PURGE_B ]] || PURGE_B=$(( (MAX_INSTANCE_ID / 2) / 1000 * 1000 + 1 ))
PURGE_L=$((PURGE_B + PURGE_COUNT))
((PURGE_L + PURGE_COUNT <= MAX_INSTANCE_ID)) \
    || die "earlier runs on this repository purged every range up to id $PURGE_B: run without BENCH_REUSE=1 for a new one"
purge "$PURGE_B" "$PURGE_L"
[[ $DATABASE == derby ]] && echo -e "purge_next\t$((PURGE_L + PURGE_COUNT))" >>"$REPOSITORY_FILE"
note_memory "after purge"
echo -e "instances_after_purge\t$(total_count)\nloadavg_end\t$(cut -d' ' -f1-3 /proc/loadavg)\nruntime_seconds\t$((SECONDS - RUN_START))" >>"$OUT/info.tsv"
# Retention under load (README "Retention"): the server starts again with rules that select the RETENTION_COUNT
# instances last updated longest ago (every final state kept for as long as the RETENTION_COUNT-th oldest has been
# there) and an interval that starts no run of its own; then bench/retention.py measures submissions alone, and again
# while a retention run (POST retention/run) purges.
if ((RETENTION_COUNT > 0)); then
    log "retention: a run that purges the $RETENTION_COUNT instances last updated longest ago, while $RETENTION_CLIENTS clients submit"
    RETENTION_PAGE=$(( RETENTION_COUNT < 100 ? RETENTION_COUNT : 100 ))
    oldest=$(curl -sk -u $AUTH "$BR/v4/jobinstances?sort=lastUpdatedTime&pageSize=$RETENTION_PAGE&page=$((RETENTION_COUNT / RETENTION_PAGE - 1))" \
        | python3 -c 'import datetime, json, sys
page = json.load(sys.stdin)
updated = datetime.datetime.strptime(page[-1]["lastUpdatedTime"], "%Y/%m/%d %H:%M:%S.%f %z")
print(int((datetime.datetime.now(datetime.timezone.utc) - updated).total_seconds()))') \
        || die "the last-updated time of the ${RETENTION_COUNT}th oldest instance could not be read"
    keep="PT${oldest}S"
    cat >"$RETENTION_DROPIN" <<EOF
<server>
    <variable name="batchrest.retention.rules" value="*: COMPLETED=$keep, FAILED=$keep, STOPPED=$keep, ABANDONED=$keep"/>
    <variable name="batchrest.retention.interval" value="PT24H"/>
    ${RETENTION_BATCH:+<variable name="batchrest.retention.batchSize" value="$RETENTION_BATCH"/>}
</server>
EOF
    echo -e "retention_keep\t$keep" >>"$OUT/info.tsv"
    stop_server
    start_server start 'jobinstances/1'
    if ! python3 "$ROOT/bench/retention.py" --br "$BR" --user "$AUTH" --pid "$(server_pid)" \
            --clients "$RETENTION_CLIENTS" --warmup "$(default 30 2)" --idle "$RETENTION_IDLE" --out "$OUT" 2>&1 \
            | tee "$OUT/retention.log" | while IFS= read -r line; do log "  $line"; done; then
        die "the retention phase failed (its output is above and in $OUT/retention.log)"
    fi
    rm -f "$RETENTION_DROPIN"
    note_memory "after retention"
fi

log_errors 1000 >"$OUT/log-errors.txt"
ls "$SERVER_DIR/logs/ffdc" 2>/dev/null >"$OUT/ffdc.list" || true

stop_server
STARTED_BY_US=0

# ---------------------------------------------------------------------------------------------------- summary
summary=0
python3 "$ROOT/bench/summary.py" "$OUT" "$CALLS" >"$OUT/summary.md" || summary=$?
cat "$OUT/summary.md"
if ((summary == 3)); then
    die "$(wc -l <"$OUT/checks-failed.txt") checks failed (listed above and in $OUT/checks-failed.txt)"
elif ((summary != 0)); then
    die "the summary could not be written (bench/summary.py ended with status $summary)"
fi
log "done in $((SECONDS - RUN_START)) s; raw data in $OUT"
