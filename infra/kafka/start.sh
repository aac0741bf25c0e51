#!/usr/bin/env bash
# Start a real single-node Apache Kafka broker (KRaft, broker+controller) on 127.0.0.1.
# Idempotent: does nothing if our broker is already running. No Docker needed.
#   KAFKA_PORT            (default 9092)  client listener
#   KAFKA_CONTROLLER_PORT (default 9093)  KRaft controller listener
#   KAFKA_HEAP            (default -Xmx512m)
#   KAFKA_START_TIMEOUT   (default 60)    seconds to wait for the broker to answer
# stdout is only the broker list (KAFKA_BROKERS="$(infra/kafka/start.sh)"); progress goes to stderr.
# Jars come from Maven Central via ./pom.xml into .runtime/libs (only when missing/outdated).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNTIME="$DIR/.runtime"
LIBS="$RUNTIME/libs"
DATA="$RUNTIME/data"
PIDFILE="$RUNTIME/kafka.pid"
LOGFILE="$RUNTIME/kafka.log"      # log4j output (INFO/WARN, rolled at 20 MB)
OUTFILE="$RUNTIME/kafka.out"      # JVM stdout/stderr (normally almost empty)
PROPS="$RUNTIME/server.properties"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:--Xmx512m}"
TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
export DEBIAN_FRONTEND=noninteractive

log() { echo "[kafka] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pid_alive() { [[ -s "$PIDFILE" ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
broker_ready() {
  # a real metadata round-trip when kcat is available, else just the TCP port
  if command -v kcat >/dev/null 2>&1; then
    kcat -L -b "127.0.0.1:$KAFKA_PORT" -m 3 >/dev/null 2>&1
  else
    port_open "$KAFKA_PORT"
  fi
}

APT_UPDATED=0
apt_install() {
  [[ "$(id -u)" == 0 ]] || die "missing $*; install it (apt-get install -y $*) or run as root"
  command -v apt-get >/dev/null 2>&1 || die "missing $* and no apt-get on this machine"
  if [[ "$APT_UPDATED" == 0 ]]; then apt-get update -qq; APT_UPDATED=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- tools -------------------------------------------------------------------
command -v kcat >/dev/null 2>&1 || { log "installing kcat (apt)"; apt_install kcat; }
command -v java >/dev/null 2>&1 || { log "installing Java 17 (apt)"; apt_install openjdk-17-jre-headless; }

# --- already running? ----------------------------------------------------------
if pid_alive; then
  running_port="$(sed -n 's|^listeners=PLAINTEXT://127.0.0.1:\([0-9]*\),.*|\1|p' "$PROPS" 2>/dev/null || true)"
  if [[ -n "$running_port" && "$running_port" != "$KAFKA_PORT" ]]; then
    die "our broker is already running on 127.0.0.1:$running_port (pid $(cat "$PIDFILE")); run ./stop.sh before changing KAFKA_PORT"
  fi
  if port_open "$KAFKA_PORT"; then
    log "already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$KAFKA_PORT"
    echo "127.0.0.1:$KAFKA_PORT"
    exit 0
  fi
  log "pid $(cat "$PIDFILE") alive but port $KAFKA_PORT closed; waiting for it"
else
  rm -f "$PIDFILE"
  if port_open "$KAFKA_PORT" || port_open "$KAFKA_CONTROLLER_PORT"; then
    die "127.0.0.1:$KAFKA_PORT or :$KAFKA_CONTROLLER_PORT is already in use by another process (not started by this script). Stop it or set KAFKA_PORT/KAFKA_CONTROLLER_PORT."
  fi
fi

mkdir -p "$RUNTIME"

if ! pid_alive; then
  # --- jars (only when missing or pom.xml changed) -----------------------------
  pom_sum="$(sha256sum "$DIR/pom.xml" | cut -d' ' -f1)"
  if [[ ! -d "$LIBS" ]] || ! compgen -G "$LIBS/*.jar" >/dev/null || [[ "$(cat "$LIBS/.pom.sha256" 2>/dev/null)" != "$pom_sum" ]]; then
    command -v mvn >/dev/null 2>&1 || { log "installing Maven (apt)"; apt_install maven; }
    log "fetching Kafka jars from Maven Central (first run only; ~/.m2 caches them)"
    rm -rf "$LIBS.tmp"
    if ! mvn -q -B -Dstyle.color=never -f "$DIR/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$LIBS.tmp" >"$RUNTIME/mvn.log" 2>&1; then
      cat "$RUNTIME/mvn.log" >&2
      die "mvn dependency:copy-dependencies failed (is Maven Central reachable?)"
    fi
    echo "$pom_sum" > "$LIBS.tmp/.pom.sha256"
    rm -rf "$LIBS"; mv "$LIBS.tmp" "$LIBS"
  fi
  CP="$LIBS/*"

  # --- config ------------------------------------------------------------------
  sed -e "s|@KAFKA_PORT@|$KAFKA_PORT|g" \
      -e "s|@KAFKA_CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@LOG_DIR@|$DATA|g" "$DIR/server.properties.template" > "$PROPS"

  JAVA_OPTS=(-Djava.awt.headless=true "-Dlog4j.configuration=file:$DIR/log4j.properties" "-Dhemotrace.kafka.log=$LOGFILE")

  # --- format storage (once; --ignore-formatted makes re-runs a no-op) --------
  if [[ ! -s "$RUNTIME/cluster.id" ]]; then
    java "${JAVA_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 > "$RUNTIME/cluster.id"
  fi
  [[ -s "$RUNTIME/cluster.id" ]] || die "could not generate a cluster id (see $LOGFILE)"
  if [[ ! -f "$DATA/meta.properties" ]]; then
    java "${JAVA_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool format \
      -t "$(cat "$RUNTIME/cluster.id")" -c "$PROPS" --ignore-formatted >/dev/null
  fi

  # --- start ---------------------------------------------------------------------
  log "starting broker on 127.0.0.1:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT)"
  # setsid: own session, so a terminal Ctrl-C / closed CI step shell does not take it down
  nohup setsid java $KAFKA_HEAP "${JAVA_OPTS[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -cp "$CP" kafka.Kafka "$PROPS" >"$OUTFILE" 2>&1 </dev/null &
  echo $! > "$PIDFILE"
fi

# --- wait until it answers ---------------------------------------------------------
deadline=$((SECONDS + TIMEOUT))
until broker_ready; do
  if ! pid_alive; then
    tail -n 30 "$OUTFILE" "$LOGFILE" >&2 2>/dev/null || true
    rm -f "$PIDFILE"
    die "broker exited during startup (logs: $LOGFILE, $OUTFILE)"
  fi
  if (( SECONDS >= deadline )); then
    tail -n 30 "$LOGFILE" >&2 2>/dev/null || true
    die "broker did not answer on 127.0.0.1:$KAFKA_PORT within ${TIMEOUT}s (still running as pid $(cat "$PIDFILE"); ./stop.sh to kill it)"
  fi
  sleep 0.5
done

log "ready (pid $(cat "$PIDFILE")); logs in $LOGFILE"
echo "127.0.0.1:$KAFKA_PORT"
