#!/bin/sh
# Runs a Kafka main class with the broker jars (local apache/kafka stand-in).
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -XX:+UseSerialGC -Djava.awt.headless=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=${KAFKA_TOOLS_LOGLEVEL:-warn} \
  -Dorg.slf4j.simpleLogger.logFile=System.err -cp '/opt/kafka/libs/*' "$@"
