#!/usr/bin/env bash
# Start/stop a real single-node Apache Kafka (KRaft broker+controller) on
# 127.0.0.1 for tests and CI. No Docker: the official broker jars come from
# Maven Central (tools/kafka/pom.xml) and run on the machine's java (17+).
#
# Usage: scripts/kafka.sh start|stop|status|restart
#        scripts/kafka.sh tool <main-class> [args...]   # run a Kafka CLI class
#                                                         # (e.g. org.apache.kafka.tools.TopicCommand)
#
# Environment (all optional):
#   KAFKA_PORT             client (PLAINTEXT) port           default 9092
#   KAFKA_CONTROLLER_PORT  KRaft controller port             default 9093
#   KAFKA_DATA_DIR         log/metadata dir                  default .cache/kafka/data-<KAFKA_PORT>
#   KAFKA_HEAP_OPTS        broker JVM heap                   default "-Xms256m -Xmx512m"
#   KAFKA_START_TIMEOUT    seconds to wait for readiness     default 90
#   KAFKA_STOP_TIMEOUT     seconds before SIGKILL on stop    default 30
#
# Files (under the repo root, git-ignored .cache/):
#   .cache/kafka/libs/            fetched jars (fetched once; re-fetched when the pom's version changes)
#   .cache/kafka/run-<port>/      server.properties, kafka.pid, kafka.log, client.properties
#   .cache/kafka/data-<port>/     KRaft metadata + topic data (kept across stop/start/restart)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/wait-port.sh
source "$SCRIPT_DIR/lib/wait-port.sh"
# shellcheck source-path=SCRIPTDIR source=lib/messages.sh
source "$SCRIPT_DIR/lib/messages.sh"

HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
CACHE_DIR="$REPO_ROOT/.cache/kafka"
LIBS_DIR="$CACHE_DIR/libs"
DATA_DIR="${KAFKA_DATA_DIR:-$CACHE_DIR/data-$KAFKA_PORT}"
RUN_DIR="$CACHE_DIR/run-$KAFKA_PORT"
PROPS="$RUN_DIR/server.properties"
CLIENT_PROPS="$RUN_DIR/client.properties"
PID_FILE="$RUN_DIR/kafka.pid"
LOG_FILE="$RUN_DIR/kafka.log"
POM="$REPO_ROOT/tools/kafka/pom.xml"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
read -r -a HEAP_OPTS <<<"${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
BOOTSTRAP="$HOST:$KAFKA_PORT"

usage() {
  echo "usage: $0 start|stop|status|restart   (or: $0 tool <main-class> [args...])" >&2
  exit 2
}

[[ "$KAFKA_PORT" =~ ^[0-9]+$ ]] || die "KAFKA_PORT must be a number (got '$KAFKA_PORT')"
[[ "$KAFKA_CONTROLLER_PORT" =~ ^[0-9]+$ ]] || die "KAFKA_CONTROLLER_PORT must be a number (got '$KAFKA_CONTROLLER_PORT')"
[[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

# ---------------------------------------------------------------- java / jars

JAVA=""
ensure_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA="$(command -v java)"
  else
    die "java not found (need Java 17+ on PATH or JAVA_HOME)"
  fi
  local ver
  ver="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  [[ -n "$ver" && "$ver" -ge 17 ]] || die "Kafka 4.x needs Java 17+, but '$JAVA' is version '${ver:-unknown}'"
}

kafka_version() {
  sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1
}

ensure_jars() {
  [[ -f "$POM" ]] || die "missing $POM"
  local version
  version="$(kafka_version)"
  [[ -n "$version" ]] || die "cannot read <kafka.version> from $POM"
  if [[ -f "$LIBS_DIR/.complete" && "$(cat "$LIBS_DIR/.complete")" == "$version" &&
    -f "$LIBS_DIR/kafka_2.13-$version.jar" ]]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn (Maven) not found: needed once to fetch the Kafka $version jars"
  mkdir -p "$CACHE_DIR"
  local tmp="$CACHE_DIR/libs.tmp.$$" fetch_log="$CACHE_DIR/fetch.log" t0=$SECONDS
  rm -rf "$tmp"
  log "fetching Apache Kafka $version jars from Maven Central into $LIBS_DIR ..."
  if ! mvn -B -q -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" >"$fetch_log" 2>&1; then
    tail -n 30 "$fetch_log" >&2 || true
    rm -rf "$tmp"
    die "Maven could not fetch the Kafka jars (full log: $fetch_log)"
  fi
  [[ -f "$tmp/kafka_2.13-$version.jar" ]] || {
    rm -rf "$tmp"
    die "Maven finished but kafka_2.13-$version.jar is missing (see $fetch_log)"
  }
  echo "$version" >"$tmp/.complete"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l) jars in $((SECONDS - t0))s"
}

# Run a Kafka main class (CLI tool) with the fetched jars, quiet logging.
run_class() {
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err \
    -cp "$LIBS_DIR/*" "$@"
}

# ---------------------------------------------------------------- config

write_config() {
  mkdir -p "$RUN_DIR"
  mkdir -p "$DATA_DIR" 2>/dev/null || die "cannot create data dir $DATA_DIR (KAFKA_DATA_DIR)"
  [[ -w "$DATA_DIR" ]] || die "data dir $DATA_DIR is not writable"
  cat >"$PROPS.tmp" <<EOF
# Generated by scripts/kafka.sh - single-node KRaft broker+controller for tests.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

# Test-friendly defaults.
auto.create.topics.enable=true
delete.topic.enable=true
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Faster recovery after a crash (kill -9): the controller fences the old broker
# incarnation after this timeout (default 9 s) before the new one may register.
broker.session.timeout.ms=4000
broker.heartbeat.interval.ms=1000
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
log.retention.bytes=268435456
log.segment.bytes=16777216
log.retention.check.interval.ms=60000
EOF
  mv "$PROPS.tmp" "$PROPS"
  cat >"$CLIENT_PROPS" <<EOF
request.timeout.ms=5000
default.api.timeout.ms=10000
socket.connection.setup.timeout.ms=2000
socket.connection.setup.timeout.max.ms=3000
EOF
}

format_storage_if_needed() {
  # Formatted once; later starts reuse the data (topics, offsets) as is.
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local cluster_id out
  cluster_id="$(run_class kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  [[ -n "$cluster_id" ]] || die "could not generate a cluster id with kafka.tools.StorageTool random-uuid"
  log "formatting KRaft storage in $DATA_DIR (cluster id $cluster_id)"
  if ! out="$(run_class kafka.tools.StorageTool format --config "$PROPS" --cluster-id "$cluster_id" --standalone 2>&1)"; then
    echo "$out" >&2
    die "kafka.tools.StorageTool format failed for $DATA_DIR"
  fi
}

# ---------------------------------------------------------------- process

# Prints the pid of the broker started by this script for this port, if alive.
broker_pid() {
  local pid cmd d
  if [[ -f "$PID_FILE" ]]; then
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && is_our_broker "$pid"; then
      echo "$pid"
      return 0
    fi
  fi
  # Pid file missing/stale: look for a java process running our server.properties.
  for d in /proc/[0-9]*; do
    cmd="$({ tr '\0' ' ' <"$d/cmdline"; } 2>/dev/null || true)"
    if [[ "$cmd" == *" kafka.Kafka $PROPS"* ]]; then
      pid="${d#/proc/}"
      echo "$pid" >"$PID_FILE" 2>/dev/null || true
      echo "$pid"
      return 0
    fi
  done
  return 1
}

is_our_broker() {
  local cmd
  cmd="$({ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null || true)"
  [[ "$cmd" == *" kafka.Kafka $PROPS"* ]]
}

# Broker really answers: a TopicCommand --list round-trip succeeds.
answering() {
  port_open "$HOST" "$KAFKA_PORT" || return 1
  timeout 30 "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$LIBS_DIR/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --command-config "$CLIENT_PROPS" --list >/dev/null 2>&1
}

fail_with_log() {
  echo "kafka.sh: ERROR: $*" >&2
  if [[ -f "$LOG_FILE" ]]; then
    echo "----- last 50 lines of $LOG_FILE -----" >&2
    tail -n 50 "$LOG_FILE" >&2
    echo "----- end of broker log -----" >&2
  fi
  exit 1
}

# wait_ready PID: wait for the port, then for a successful TopicCommand --list.
wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT)) rc=0
  wait_port "$HOST" "$KAFKA_PORT" "$START_TIMEOUT" "$pid" || rc=$?
  if ((rc == 2)); then
    rm -f "$PID_FILE"
    fail_with_log "Kafka broker (pid $pid) exited during startup"
  elif ((rc != 0)); then
    fail_with_log "Kafka did not open $BOOTSTRAP within ${START_TIMEOUT}s (pid $pid still running; stop it with: $0 stop)"
  fi
  while ((SECONDS < deadline)); do
    if answering; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      fail_with_log "Kafka broker (pid $pid) exited during startup"
    fi
    sleep 1
  done
  fail_with_log "Kafka on $BOOTSTRAP did not answer TopicCommand --list within ${START_TIMEOUT}s (pid $pid still running; stop it with: $0 stop)"
}

launch() {
  # Keep the broker log bounded across many starts: rotate once past 20 MB.
  if [[ -f "$LOG_FILE" ]] && (($(stat -c %s "$LOG_FILE") > 20 * 1024 * 1024)); then
    mv -f "$LOG_FILE" "$LOG_FILE.1"
  fi
  {
    echo
    echo "===== $(date -u +%FT%TZ) kafka.sh start: Kafka $(kafka_version) on $BOOTSTRAP (controller $HOST:$KAFKA_CONTROLLER_PORT) ====="
  } >>"$LOG_FILE"
  # setsid + nohup: detach from the caller's session/process group so the broker
  # outlives the shell (and CI step) that started it. The inner shell writes its
  # own pid and then execs java, so the pid file holds the JVM's pid. fd 9 (the
  # flock) is closed so the broker does not hold the lock.
  # shellcheck disable=SC2016 # $$ and $1 are for the inner shell
  setsid nohup bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    "$JAVA" "${HEAP_OPTS[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.logFile=System.out \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    '-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss,SSS' \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
    -Dorg.slf4j.simpleLogger.log.state.change.logger=warn \
    -Dorg.slf4j.simpleLogger.log.kafka.request.logger=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn \
    -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS" \
    </dev/null >>"$LOG_FILE" 2>&1 9>&- &
  for _ in $(seq 1 50); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  [[ -s "$PID_FILE" ]] || fail_with_log "could not launch the Kafka JVM"
  cat "$PID_FILE"
}

# ---------------------------------------------------------------- commands

cmd_start() {
  ensure_java
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 60)) 9 || die "timed out waiting for another kafka.sh on port $KAFKA_PORT"
  ensure_jars
  [[ -f "$CLIENT_PROPS" ]] || write_config

  local pid
  if pid="$(broker_pid)"; then
    if answering; then
      log "already running and healthy on $BOOTSTRAP (pid $pid)"
      return 0
    fi
    log "broker pid $pid is running but not answering yet; waiting up to ${START_TIMEOUT}s"
    wait_ready "$pid"
    log "Kafka ready on $BOOTSTRAP (pid $pid)"
    return 0
  fi
  if port_open "$HOST" "$KAFKA_PORT"; then
    if answering; then
      log "a Kafka broker not started by this script is already answering on $BOOTSTRAP; leaving it alone"
      return 0
    fi
    die "port $KAFKA_PORT on $HOST is in use by another process that is not a Kafka broker (set KAFKA_PORT)"
  fi
  if port_open "$HOST" "$KAFKA_CONTROLLER_PORT"; then
    die "controller port $KAFKA_CONTROLLER_PORT on $HOST is already in use (set KAFKA_CONTROLLER_PORT)"
  fi

  local t0=$SECONDS
  write_config
  format_storage_if_needed
  rm -f "$PID_FILE"
  pid="$(launch)"
  log "started Kafka $(kafka_version) (pid $pid), waiting for $BOOTSTRAP (log: $LOG_FILE)"
  wait_ready "$pid"
  log "Kafka ready on $BOOTSTRAP in $((SECONDS - t0))s (pid $pid, data: $DATA_DIR)"
  log "KAFKA_BROKERS=$BOOTSTRAP"
}

cmd_stop() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/lock"
  flock -w $((START_TIMEOUT + STOP_TIMEOUT + 60)) 9 || die "timed out waiting for another kafka.sh on port $KAFKA_PORT"
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    if port_open "$HOST" "$KAFKA_PORT"; then
      log "not started by this script, but something listens on $BOOTSTRAP; leaving it alone"
    else
      log "not running on $BOOTSTRAP"
    fi
    return 0
  fi
  log "stopping Kafka (pid $pid) on $BOOTSTRAP ..."
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  ensure_java
  local pid=""
  pid="$(broker_pid)" || pid=""
  if [[ ! -f "$LIBS_DIR/.complete" ]]; then
    echo "kafka.sh: not running (jars not fetched yet)"
    return 1
  fi
  if answering; then
    if [[ -n "$pid" ]]; then
      log "running and answering on $BOOTSTRAP (pid $pid)"
    else
      log "a broker not started by this script answers on $BOOTSTRAP"
    fi
    return 0
  fi
  if [[ -n "$pid" ]]; then
    log "process pid $pid is running but $BOOTSTRAP is not answering"
  else
    log "not running on $BOOTSTRAP"
  fi
  return 1
}

cmd_tool() {
  (($# >= 1)) || die "usage: $0 tool <main-class> [args...]"
  ensure_java
  ensure_jars
  run_class "$@"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart)
    cmd_stop
    exec 9>&-
    cmd_start
    ;;
  tool)
    shift
    cmd_tool "$@"
    ;;
  *) usage ;;
esac
