#!/usr/bin/env bash
# Stop the broker started by ./start.sh (by pid). Data stays in .runtime/ for a fast restart;
# `./stop.sh --purge` also deletes the topic data (keeps the downloaded jars).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNTIME="$DIR/.runtime"
PIDFILE="$RUNTIME/kafka.pid"
log() { echo "[kafka] $*" >&2; }

if [[ -s "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
  pid="$(cat "$PIDFILE")"
  log "stopping pid $pid"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do            # up to 30 s for a clean shutdown
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still alive after 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  log "stopped"
else
  log "not running"
fi
rm -f "$PIDFILE"

if [[ "${1:-}" == "--purge" ]]; then
  rm -rf "$RUNTIME/data" "$RUNTIME/cluster.id" "$RUNTIME"/kafka.log* "$RUNTIME/kafka.out"
  log "purged data in $RUNTIME (jars kept)"
fi
