#!/usr/bin/env bash
# Stop the services infra/services/start-all.sh started (by their pid files): SIGTERM to all, then
# SIGKILL to any still running after 15 s.
set -euo pipefail

RUNTIME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.runtime"
shopt -s nullglob
declare -A running=()
for pidfile in "$RUNTIME"/*.pid; do
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" && running["$(basename "$pidfile" .pid)"]="$pid"; fi
  rm -f "$pidfile"
done
for _ in $(seq 1 150); do
  for svc in "${!running[@]}"; do
    if ! kill -0 "${running[$svc]}" 2>/dev/null; then
      echo "[services] $svc stopped (pid ${running[$svc]})" >&2
      unset "running[$svc]"
    fi
  done
  ((${#running[@]} == 0)) && exit 0
  sleep 0.1
done
for svc in "${!running[@]}"; do
  kill -KILL "${running[$svc]}" 2>/dev/null || true
  echo "[services] $svc killed (pid ${running[$svc]})" >&2
done
