#!/usr/bin/env bash
# Runs the kafka-bridge throughput benchmark on the real broker (bash scripts/kafka.sh start).
# BENCH_RECORDS=200000 BENCH_PARTITIONS=4 BENCH_ROUNDS=3 KAFKA_BROKERS=127.0.0.1:9092
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nx run kafka-bridge:build --output-style=static >/dev/null
exec node_modules/.bin/node bench/kafka-bridge/bench.mjs
