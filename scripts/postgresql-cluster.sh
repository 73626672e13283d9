# A PostgreSQL cluster of its own for a batch-rest job repository on this machine, from the distribution's packages
# (Debian/Ubuntu). Sourced by scripts/topology (README, "Several servers") and bench/run.sh (docs/benchmarks.md),
# which each run one on a port of their own; not a command.
#
# The caller defines log and die, and sets PGDATA (the cluster's files, created afresh by pg_start), PGRUN (its
# socket and postgresql.log) and PG_PORT. Both folders must lie where the postgres OS user can enter them when the
# caller is root (a folder of its own under /tmp, mode 755), because initdb and the server refuse to run as root.
# The cluster has database, user and password batchrest, and the schema jbatch that Liberty's tables go into.

# Runs a command as the owner of the PostgreSQL files: the postgres OS user when we are root, otherwise ourselves.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        # From / : the postgres user may not enter the current directory (the checkout), and its tools say so.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# The newest installed PostgreSQL's bin directory (Debian keeps initdb and pg_ctl out of PATH).
pg_bin() {
    local initdb
    initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n $initdb ]]; then
        dirname "$initdb"
    elif command -v initdb >/dev/null; then
        dirname "$(command -v initdb)"
    fi
}

# install_packages_quietly <package>...: installs the packages (apt-get; needs root) without starting their services.
# A temporary policy-rc.d keeps the services from starting, and postgresql-common is told not to create its default
# cluster: the callers run their own, on their own ports.
install_packages_quietly() {
    (($#)) || return 0
    [[ $(id -u) -eq 0 ]] || die "$* missing; run as root to install them, or install them yourself"
    log "installing $* (apt-get)"
    local policy=/usr/sbin/policy-rc.d created_policy=
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\n# no service starts while batch-rest installs packages\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        created_policy=yes
    fi
    mkdir -p /etc/postgresql-common/createcluster.d
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/batchrest-topology.conf
    local ok=yes
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive \
             apt-get install -y -q --no-install-recommends "$@" >&2; } || ok=
    [[ -n $created_policy ]] && rm -f "$policy"
    [[ -n $ok ]] || die "apt-get install $* failed"
    # Should a service have started anyway (no policy-rc.d support), stop it: the callers use none.
    if command -v service >/dev/null; then
        local package
        for package in "$@"; do service "$package" stop >/dev/null 2>&1 || true; done
    fi
}

# pg_start [initdb log]: a new cluster in PGDATA, listening on 127.0.0.1:PG_PORT, with database, user and schema.
pg_start() {
    local bin
    bin=$(pg_bin)
    rm -rf "$PGDATA" "$PGRUN"
    mkdir -p "$PGDATA" "$PGRUN"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$PGDATA" "$PGRUN"
    chmod 700 "$PGDATA"
    log "PostgreSQL: new cluster in $PGDATA, 127.0.0.1:$PG_PORT"
    # Local (socket) connections for the scripts themselves, passwords over TCP.
    as_pg "$bin/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
        --auth-host=scram-sha-256 >"${1:-$PGRUN/initdb.log}"
    cat >>"$PGDATA/postgresql.conf" <<EOF
# batch-rest (scripts/postgresql-cluster.sh)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGRUN'
max_connections = 200
EOF
    pg_resume
    as_pg "$bin/psql" -h "$PGRUN" -p "$PG_PORT" -U postgres -d postgres -q -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE batchrest LOGIN PASSWORD 'batchrest';
CREATE DATABASE batchrest OWNER batchrest;
\connect batchrest
-- Liberty creates its tables (createTables="true") but not their schema on PostgreSQL.
CREATE SCHEMA jbatch AUTHORIZATION batchrest;
EOF
}

# Starts the cluster in PGDATA, its data untouched.
pg_resume() {
    as_pg "$(pg_bin)/pg_ctl" -D "$PGDATA" -l "$PGRUN/postgresql.log" -w -t 60 start >/dev/null
}

pg_stop() {
    local bin
    bin=$(pg_bin)
    if [[ -n $bin && -n $PGDATA && -f $PGDATA/postmaster.pid ]]; then
        log "PostgreSQL: stopping"
        as_pg "$bin/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null || true
    fi
}

# pg_psql <psql arguments>: psql as the job repository's user, over TCP, like the servers.
pg_psql() {
    PGPASSWORD=batchrest PGCONNECT_TIMEOUT=10 "$(pg_bin)/psql" -h 127.0.0.1 -p "$PG_PORT" -U batchrest -d batchrest \
        -X "$@"
}
