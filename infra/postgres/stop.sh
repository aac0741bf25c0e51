#!/usr/bin/env bash
# Stop the cluster started by ./start.sh. Data stays in .runtime/data for a fast restart;
# `./stop.sh --purge` also deletes it.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNTIME="$(readlink -f "$DIR/.runtime" 2>/dev/null || echo "$DIR/.runtime")"  # may link to /var/tmp
DATA="$RUNTIME/data"
log() { echo "[postgres] $*" >&2; }

PGBIN=""
if [[ -f "$DATA/PG_VERSION" ]]; then
  ver="$(cat "$DATA/PG_VERSION")"
  [[ -x "/usr/lib/postgresql/$ver/bin/pg_ctl" ]] && PGBIN="/usr/lib/postgresql/$ver/bin"
fi

if [[ -n "$PGBIN" ]]; then
  if [[ "$(id -u)" == 0 ]]; then
    owner="$(stat -c %U "$DATA")"
    as_pg() { (cd / && runuser -u "$owner" -- "$@"); }
  else
    as_pg() { "$@"; }
  fi
  if as_pg "$PGBIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1; then
    as_pg "$PGBIN/pg_ctl" stop -D "$DATA" -m fast -w -t 60 -s
    log "stopped"
  else
    log "not running"
  fi
else
  log "not running (no cluster in $DATA)"
fi

if [[ "${1:-}" == "--purge" ]]; then
  rm -rf "$RUNTIME"
  [[ -L "$DIR/.runtime" ]] && rm -f "$DIR/.runtime"
  log "purged $RUNTIME"
fi
