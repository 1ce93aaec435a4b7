#!/usr/bin/env bash
# Runs the ws-gateway fan-out benchmark on the real broker (bash scripts/kafka.sh start).
# BENCH_CLIENTS=1000,10000 BENCH_BURST_DELIVERIES=500000 BENCH_STEADY_RATE=20000 BENCH_STEADY_SECONDS=10
set -euo pipefail
cd "$(dirname "$0")/../.."
ulimit -n "$(ulimit -Hn)"
npx nx run ws-gateway:build --output-style=static >/dev/null
exec node_modules/.bin/node bench/ws-gateway/bench.mjs
