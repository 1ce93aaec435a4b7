#!/usr/bin/env bash
# Start script of the local apache/kafka stand-in (see kafka.Containerfile). As the official
# image: every unset variable of its defaults is set, every KAFKA_<NAME> variable becomes the
# property <name> (lower case, _ → ., __ → _, ___ → -), the storage is formatted with CLUSTER_ID
# on first start, then the broker runs in the foreground.
set -euo pipefail

declare -A defaults=(
  [CLUSTER_ID]=5L6g3nShT-eMCtK--X86sw
  [KAFKA_NODE_ID]=1
  [KAFKA_LISTENER_SECURITY_PROTOCOL_MAP]=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT
  [KAFKA_LISTENERS]=PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092
  [KAFKA_ADVERTISED_LISTENERS]=PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:9092
  [KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR]=1
  [KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS]=0
  [KAFKA_TRANSACTION_STATE_LOG_MIN_ISR]=1
  [KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR]=1
  [KAFKA_PROCESS_ROLES]=broker,controller
  [KAFKA_CONTROLLER_QUORUM_VOTERS]=1@localhost:29093
  [KAFKA_INTER_BROKER_LISTENER_NAME]=PLAINTEXT
  [KAFKA_CONTROLLER_LISTENER_NAMES]=CONTROLLER
  [KAFKA_LOG_DIRS]=/tmp/kraft-combined-logs
)
for key in "${!defaults[@]}"; do
  if [[ -z "${!key:-}" ]]; then export "$key=${defaults[$key]}"; fi
done

properties=/opt/kafka/config/server.properties
: >"$properties"
while IFS= read -r variable; do
  case "$variable" in
    KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_JMX_* | KAFKA_LOG4J_* | KAFKA_JVM_PERFORMANCE_OPTS | \
      KAFKA_GC_LOG_OPTS | KAFKA_VERSION | KAFKA_TOOLS_LOG4J_LOGLEVEL) continue ;;
    KAFKA_*) ;;
    *) continue ;;
  esac
  name=${variable#KAFKA_}
  name=${name,,}
  name=${name//___/-}
  name=${name//__/$'\1'}
  name=${name//_/.}
  name=${name//$'\1'/_}
  printf '%s=%s\n' "$name" "${!variable}" >>"$properties"
done < <(compgen -e)

/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" \
  --config "$properties"
exec /opt/kafka/bin/kafka-server-start.sh "$properties"
