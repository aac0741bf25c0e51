#!/usr/bin/env bash
# Start every context as its own service from the build (dist/), on one shared PostgreSQL log and
# the real Kafka broker: donors 3101, collection 3102, laboratory 3103, components 3104,
# distribution 3105, transfusion 3106, traceability 3107. Idempotent: a running service is kept.
#   DATABASE_URL          default: infra/postgres/start.sh (schema HEMOTRACE_PG_SCHEMA, default hemotrace_services)
#   KAFKA_BROKERS         default: infra/kafka/start.sh
#   HEMOTRACE_TOKENS(_FILE) role tokens; without them a development admin token is printed
#   HEMOTRACE_TOPIC_PREFIX  default hemotrace
# Logs and pids: infra/services/.runtime/<context>.log|.pid. Stop with infra/services/stop-all.sh.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$DIR/../.." && pwd)"
RUNTIME="$DIR/.runtime"
SERVICES=(donors collection laboratory components distribution transfusion traceability)
BASE_PORT="${HEMOTRACE_SERVICES_BASE_PORT:-3101}"
TIMEOUT="${HEMOTRACE_SERVICES_START_TIMEOUT:-60}"

log() { echo "[services] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cd "$ROOT"
for svc in "${SERVICES[@]}"; do
  [[ -f "dist/apps/$svc-service/src/main.js" ]] || { log "building (dist/ is missing)"; npm run build --silent; break; }
done

export DATABASE_URL="${DATABASE_URL:-$(bash infra/postgres/start.sh)}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-$(bash infra/kafka/start.sh)}"
export HEMOTRACE_PG_SCHEMA="${HEMOTRACE_PG_SCHEMA:-hemotrace_services}"
export HEMOTRACE_STORE=postgres HEMOTRACE_BUS=kafka
export HEMOTRACE_DATA_DIR="${HEMOTRACE_DATA_DIR:-$RUNTIME/data}"
mkdir -p "$RUNTIME" "$HEMOTRACE_DATA_DIR"

port_of() { local i; for i in "${!SERVICES[@]}"; do [[ "${SERVICES[$i]}" == "$1" ]] && echo $((BASE_PORT + i)); done; }
alive() { [[ -s "$RUNTIME/$1.pid" ]] && kill -0 "$(cat "$RUNTIME/$1.pid")" 2>/dev/null; }
healthy() { curl -fsS "http://127.0.0.1:$(port_of "$1")/health" >/dev/null 2>&1; }

start() {
  local svc="$1"
  if alive "$svc"; then log "$svc already running (pid $(cat "$RUNTIME/$svc.pid"))"; return; fi
  PORT="$(port_of "$svc")" nohup node "dist/apps/$svc-service/src/main.js" >>"$RUNTIME/$svc.log" 2>&1 &
  echo $! >"$RUNTIME/$svc.pid"
  log "$svc starting on 127.0.0.1:$(port_of "$svc") (pid $!)"
}

wait_healthy() {
  local svc="$1" deadline=$((SECONDS + TIMEOUT))
  until healthy "$svc"; do
    alive "$svc" || die "$svc exited; see $RUNTIME/$svc.log"
    ((SECONDS < deadline)) || die "$svc did not answer /health in ${TIMEOUT}s; see $RUNTIME/$svc.log"
    sleep 0.3
  done
}

# The first service creates the shared schema; the others open it side by side.
start "${SERVICES[0]}"
wait_healthy "${SERVICES[0]}"
for svc in "${SERVICES[@]:1}"; do start "$svc"; done
for svc in "${SERVICES[@]}"; do wait_healthy "$svc"; done

for svc in "${SERVICES[@]}"; do echo "$svc http://127.0.0.1:$(port_of "$svc")"; done
if [[ -z "${HEMOTRACE_TOKENS:-}${HEMOTRACE_TOKENS_FILE:-}" && -s "$HEMOTRACE_DATA_DIR/dev-admin.token" ]]; then
  log "development admin token: $(cat "$HEMOTRACE_DATA_DIR/dev-admin.token")"
fi
