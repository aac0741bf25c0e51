#!/usr/bin/env bash
# A throwaway 3-broker Apache Kafka cluster (KRaft, each node broker+controller) on 127.0.0.1, from
# the same Maven Central jars as ./start.sh (.runtime/libs). For the broker-failure test
# (test/kafka/kraft-cluster.e2e-spec.ts); never touches the single broker of ./start.sh.
#   cluster.sh start       idempotent: formats missing nodes, starts every node not running, waits
#                          until each node's metadata lists all 3 brokers; prints the broker list
#   cluster.sh kill N      SIGKILL node N (1-3) and wait until the process is gone
#   cluster.sh pid N       the pid of node N (empty when it is not running)
#   cluster.sh stop        stops every node and deletes the cluster's data (keeps the jars)
# Environment:
#   KAFKA_CLUSTER_BASE_PORT (default 19092) client ports BASE..BASE+2, controller ports BASE+10..BASE+12
#   KAFKA_CLUSTER_HEAP      (default -Xmx384m) per node
#   KAFKA_START_TIMEOUT     (default 90) seconds to wait for the cluster to answer
# Replication factor 3 and min.insync.replicas 2 for every topic (also the offsets topic), so with
# acks=all a producer keeps going on two survivors and nothing acknowledged is lost.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUNTIME="$DIR/.runtime"
LIBS="$RUNTIME/libs"
CLUSTER="$RUNTIME/cluster"
BASE="${KAFKA_CLUSTER_BASE_PORT:-19092}"
HEAP="${KAFKA_CLUSTER_HEAP:--Xmx384m}"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
NODES=(1 2 3)
export DEBIAN_FRONTEND=noninteractive

log() { echo "[kafka-cluster] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

client_port() { echo $((BASE + $1 - 1)); }
controller_port() { echo $((BASE + 9 + $1)); }
node_dir() { echo "$CLUSTER/node-$1"; }
pidfile() { echo "$(node_dir "$1")/kafka.pid"; }
node_pid() { local f; f="$(pidfile "$1")"; [[ -s "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
broker_list() { local n out=(); for n in "${NODES[@]}"; do out+=("127.0.0.1:$(client_port "$n")"); done; (IFS=,; echo "${out[*]}"); }
# a node is ready when its own metadata answer lists all three brokers
node_ready() { kcat -L -b "127.0.0.1:$(client_port "$1")" -m 3 -t __none__ 2>/dev/null | grep -q "^ ${#NODES[@]} brokers:"; }

APT_UPDATED=0
apt_install() {
  [[ "$(id -u)" == 0 ]] || die "missing $*; install it (apt-get install -y $*) or run as root"
  command -v apt-get >/dev/null 2>&1 || die "missing $* and no apt-get on this machine"
  if [[ "$APT_UPDATED" == 0 ]]; then apt-get update -qq; APT_UPDATED=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_tools_and_jars() {
  command -v kcat >/dev/null 2>&1 || { log "installing kcat (apt)"; apt_install kcat; }
  command -v java >/dev/null 2>&1 || { log "installing Java 17 (apt)"; apt_install openjdk-17-jre-headless; }
  mkdir -p "$RUNTIME"
  local pom_sum
  pom_sum="$(sha256sum "$DIR/pom.xml" | cut -d' ' -f1)"
  if [[ ! -d "$LIBS" ]] || ! compgen -G "$LIBS/*.jar" >/dev/null || [[ "$(cat "$LIBS/.pom.sha256" 2>/dev/null)" != "$pom_sum" ]]; then
    command -v mvn >/dev/null 2>&1 || { log "installing Maven (apt)"; apt_install maven; }
    log "fetching Kafka jars from Maven Central (first run only; ~/.m2 caches them)"
    rm -rf "$LIBS.cluster.tmp"
    if ! mvn -q -B -Dstyle.color=never -f "$DIR/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$LIBS.cluster.tmp" >"$RUNTIME/mvn-cluster.log" 2>&1; then
      cat "$RUNTIME/mvn-cluster.log" >&2
      die "mvn dependency:copy-dependencies failed (is Maven Central reachable?)"
    fi
    echo "$pom_sum" > "$LIBS.cluster.tmp/.pom.sha256"
    rm -rf "$LIBS"; mv "$LIBS.cluster.tmp" "$LIBS"
  fi
}

java_opts() {
  echo "-Djava.awt.headless=true -Dlog4j.configuration=file:$DIR/log4j.properties -Dhemotrace.kafka.log=$(node_dir "$1")/kafka.log"
}

render() {
  local n="$1" voters="" m
  for m in "${NODES[@]}"; do voters+="${voters:+,}$m@127.0.0.1:$(controller_port "$m")"; done
  cat > "$(node_dir "$n")/server.properties" <<EOF
# Rendered by infra/kafka/cluster.sh: node $n of a 3-node KRaft cluster. Loopback only.
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$(client_port "$n"),CONTROLLER://127.0.0.1:$(controller_port "$n")
advertised.listeners=PLAINTEXT://127.0.0.1:$(client_port "$n")
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$(node_dir "$n")/data
num.partitions=3
auto.create.topics.enable=true
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
unclean.leader.election.enable=false
group.initial.rebalance.delay.ms=0
offsets.topic.num.partitions=6
# a SIGKILLed node is fenced (and dropped from every ISR) after 3 s instead of 9 s
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=3000
replica.lag.time.max.ms=10000
num.network.threads=2
num.io.threads=2
log.retention.hours=1
log.segment.bytes=16777216
EOF
}

start_node() {
  local n="$1" dir cp
  dir="$(node_dir "$n")"
  cp="$LIBS/*"
  mkdir -p "$dir"
  if port_open "$(client_port "$n")" || port_open "$(controller_port "$n")"; then
    die "127.0.0.1:$(client_port "$n") or :$(controller_port "$n") is in use by another process; set KAFKA_CLUSTER_BASE_PORT"
  fi
  render "$n"
  # shellcheck disable=SC2046
  if [[ ! -f "$dir/data/meta.properties" ]]; then
    java $(java_opts "$n") -cp "$cp" kafka.tools.StorageTool format \
      -t "$(cat "$CLUSTER/cluster.id")" -c "$dir/server.properties" --ignore-formatted >/dev/null
  fi
  log "starting node $n on 127.0.0.1:$(client_port "$n") (controller :$(controller_port "$n"))"
  # shellcheck disable=SC2046
  nohup setsid java $HEAP $(java_opts "$n") -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -cp "$cp" kafka.Kafka "$dir/server.properties" >"$dir/kafka.out" 2>&1 </dev/null &
  echo $! > "$(pidfile "$n")"
}

cmd_start() {
  ensure_tools_and_jars
  mkdir -p "$CLUSTER"
  if [[ ! -s "$CLUSTER/cluster.id" ]]; then
    # shellcheck disable=SC2046
    java $(java_opts 1) -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1 > "$CLUSTER/cluster.id"
  fi
  [[ -s "$CLUSTER/cluster.id" ]] || die "could not generate a cluster id"
  local n
  for n in "${NODES[@]}"; do
    if [[ -z "$(node_pid "$n")" ]]; then start_node "$n"; fi
  done
  local deadline=$((SECONDS + TIMEOUT)) waiting
  for (( ; ; )); do
    waiting=()
    for n in "${NODES[@]}"; do
      if [[ -z "$(node_pid "$n")" ]]; then
        tail -n 30 "$(node_dir "$n")/kafka.out" "$(node_dir "$n")/kafka.log" >&2 2>/dev/null || true
        die "node $n exited during startup (logs in $(node_dir "$n"))"
      fi
      node_ready "$n" || waiting+=("$n")
    done
    (( ${#waiting[@]} == 0 )) && break
    (( SECONDS < deadline )) || die "nodes ${waiting[*]} do not list 3 brokers after ${TIMEOUT}s (logs in $CLUSTER)"
    sleep 0.5
  done
  log "ready: $(broker_list)"
  broker_list
}

cmd_kill() {
  local n="${1:?node number 1-3}" pid
  pid="$(node_pid "$n" || true)"
  [[ -n "$pid" ]] || { log "node $n is not running"; return 0; }
  kill -KILL "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$(pidfile "$n")"
  log "node $n (pid $pid) killed"
}

cmd_stop() {
  # SIGKILL: the data is deleted right after, and a TERMed node waits for a quorum that is leaving too
  local n pid count=0
  for n in "${NODES[@]}"; do
    pid="$(node_pid "$n" || true)"
    if [[ -n "$pid" ]]; then
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
      count=$((count + 1))
    fi
  done
  rm -rf "$CLUSTER"
  log "stopped $count node(s); cluster data deleted"
}

case "${1:-}" in
  start) cmd_start ;;
  kill) cmd_kill "${2:-}" ;;
  pid) node_pid "${2:?node number 1-3}" || true ;;
  stop) cmd_stop ;;
  *) die "usage: cluster.sh start|kill N|pid N|stop" ;;
esac
