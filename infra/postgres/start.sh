#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 for local dev / CI (no Docker).
# Idempotent: if the cluster in .runtime/data is already running, it only (re)ensures the databases.
#   PGPORT (default 54329)
# Databases: hemotrace, hemotrace_test. Superuser: postgres, trust auth (loopback + unix socket only).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNTIME="$DIR/.runtime"
PORT="${PGPORT:-54329}"
DATABASES=(hemotrace hemotrace_test)
export DEBIAN_FRONTEND=noninteractive
# never let the caller's libpq environment redirect our own psql calls
unset PGHOST PGHOSTADDR PGUSER PGDATABASE PGPASSWORD PGSERVICE PGOPTIONS

log() { echo "[postgres] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- server binaries: the real ones in /usr/lib/postgresql/<ver>/bin (newest), not wrappers -----
find_pgbin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then echo "$d"; return 0; fi
  done
  return 1
}
PGBIN="$(find_pgbin || true)"
if [[ -z "$PGBIN" ]]; then
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL server not installed; run: sudo apt-get install -y postgresql"
  log "installing PostgreSQL (apt)"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  PGBIN="$(find_pgbin)" || die "postgresql installed but no initdb/pg_ctl/postgres under /usr/lib/postgresql/*/bin"
fi

# an existing cluster keeps using the major version that created it
if [[ -f "$RUNTIME/data/PG_VERSION" ]]; then
  v="$(cat "$RUNTIME/data/PG_VERSION")"
  [[ -x "/usr/lib/postgresql/$v/bin/postgres" && -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]] && PGBIN="/usr/lib/postgresql/$v/bin"
fi

# --- OS user: postgres refuses to run as root ------------------------------------------------
if [[ "$(id -u)" == 0 ]]; then
  PGOSUSER=postgres
  if ! id "$PGOSUSER" >/dev/null 2>&1; then
    PGOSUSER=hemotrace-pg
    id "$PGOSUSER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGOSUSER"
  fi
  as_pg() { (cd / && runuser -u "$PGOSUSER" -- "$@"); }
else
  PGOSUSER="$(id -un)"
  as_pg() { "$@"; }
fi

# The server user must be able to reach the data dir. If the checkout is not traversable by
# it (e.g. a root clone under /root), keep the runtime under /var/tmp and link it.
mkdir -p "$RUNTIME"
RUNTIME="$(readlink -f "$RUNTIME")"   # follow the /var/tmp link made below on an earlier run
if [[ "$(id -u)" == 0 ]] && ! as_pg test -x "$RUNTIME" 2>/dev/null; then
  alt="/var/tmp/hemotrace-postgres-$(echo -n "$DIR" | sha256sum | cut -c1-12)"
  log "$RUNTIME not reachable by $PGOSUSER; using $alt"
  mkdir -p "$alt"
  rmdir "$DIR/.runtime" 2>/dev/null || true
  [[ -L "$DIR/.runtime" ]] || ln -s "$alt" "$DIR/.runtime"
  RUNTIME="$alt"
fi
if [[ "$(id -u)" == 0 ]]; then chown "$PGOSUSER:" "$RUNTIME"; fi
chmod 700 "$RUNTIME"

DATA="$RUNTIME/data"
SOCK="$RUNTIME/sock"
LOGFILE="$RUNTIME/postgres.log"
as_pg mkdir -p "$SOCK"

# --- already running? -------------------------------------------------------------------------
if [[ -f "$DATA/PG_VERSION" ]] && as_pg "$PGBIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1; then
  PORT="$(sed -n 4p "$DATA/postmaster.pid")"
  log "already running (pid $(head -1 "$DATA/postmaster.pid"), port $PORT)"
else
  # --- initdb (once) ----------------------------------------------------------------------------
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    log "initdb $DATA ($("$PGBIN/postgres" --version))"
    as_pg rm -rf "$DATA.init"
    as_pg "$PGBIN/initdb" -D "$DATA.init" -U postgres --auth=trust --encoding=UTF8 --no-locale \
      --no-instructions >/dev/null
    as_pg mv "$DATA.init" "$DATA"
  elif [[ "$(cat "$DATA/PG_VERSION")" != "$(basename "$(dirname "$PGBIN")")" ]]; then
    die "$DATA was created by PostgreSQL $(cat "$DATA/PG_VERSION") but only $PGBIN is installed; run ./stop.sh --purge"
  fi

  # settings re-applied on every start (so PGPORT changes take effect); included last
  as_pg tee "$DATA/hemotrace.conf" >/dev/null <<CONF
# written by infra/postgres/start.sh: loopback-only throwaway cluster
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
max_connections = 200
# throwaway data: trade durability for speed
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
log_min_messages = warning
log_line_prefix = '%m [%p] '
CONF
  grep -q "^include_if_exists = 'hemotrace.conf'" "$DATA/postgresql.conf" \
    || echo "include_if_exists = 'hemotrace.conf'" | as_pg tee -a "$DATA/postgresql.conf" >/dev/null
  # trust only on the unix socket and loopback
  as_pg tee "$DATA/pg_hba.conf" >/dev/null <<HBA
# written by infra/postgres/start.sh
local   all          all                 trust
host    all          all   127.0.0.1/32  trust
local   replication  all                 trust
host    replication  all   127.0.0.1/32  trust
HBA

  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "127.0.0.1:$PORT is already in use by another process; set PGPORT to a free port"
  fi
  log "starting on 127.0.0.1:$PORT"
  if ! as_pg "$PGBIN/pg_ctl" start -D "$DATA" -l "$LOGFILE" -w -t 60 -s; then
    tail -n 30 "$LOGFILE" >&2 || true
    die "pg_ctl start failed (log: $LOGFILE)"
  fi
fi

# --- databases ---------------------------------------------------------------------------------
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres)
for db in "${DATABASES[@]}"; do
  if [[ "$("${PSQL[@]}" -d postgres -tAc "select 1 from pg_database where datname = '$db'")" != 1 ]]; then
    "${PSQL[@]}" -d postgres -c "create database \"$db\"" >/dev/null
    log "created database $db"
  fi
done

log "ready; log in $LOGFILE"
log "test database: postgres://postgres@127.0.0.1:$PORT/hemotrace_test"
# stdout is only the connection string, so callers can do: DATABASE_URL="$(infra/postgres/start.sh)"
echo "postgres://postgres@127.0.0.1:$PORT/hemotrace"
