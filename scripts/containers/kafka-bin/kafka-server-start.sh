#!/bin/sh
# The broker in the foreground (local apache/kafka stand-in).
exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
  -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
  -Dorg.slf4j.simpleLogger.logFile=System.out -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  -Dorg.slf4j.simpleLogger.log.state.change.logger=warn \
  -Dorg.slf4j.simpleLogger.log.kafka.request.logger=warn \
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn \
  -cp '/opt/kafka/libs/*' kafka.Kafka "$@"
