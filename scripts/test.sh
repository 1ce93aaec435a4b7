#!/usr/bin/env bash
# Every test of the workspace: lint, type checks, builds and unit tests of every project, then
# the integration tests against a real PostgreSQL and a real Apache Kafka broker, which this
# script starts (and leaves running; scripts/*.sh stop ends them). The chart's checks run the
# real Helm CLI, which scripts/helm.sh builds once.
set -uo pipefail
cd "$(dirname "$0")/.."

# npm puts node_modules/.bin first on PATH, so this runs on the pinned Node 24.
echo "node $(node -v)"
rm -rf apps/*/.test-results libs/*/.test-results tools/*/.test-results

bash scripts/postgres.sh start || exit 1
bash scripts/kafka.sh start || exit 1
# The real Helm CLI for tools/deploy-checks, built once from its Go module (≈ 2 min on 2 cores
# with an empty Go cache, seconds with a warm one) and cached under .cache/helm.
bash scripts/helm.sh >/dev/null || exit 1
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://teranode:teranode@127.0.0.1:5432/teranode_p2p_test}

status=0
npx prettier --check . || status=1
if command -v go >/dev/null 2>&1; then
  # third_party holds upstream source as published, left byte for byte apart from its patch.
  unformatted=$(gofmt -l tools/interop/*.go tools/interop-msgbus/*.go)
  [ -z "$unformatted" ] || { echo "gofmt: not formatted: $unformatted"; status=1; }
  (cd tools/interop && GOFLAGS=-mod=readonly go vet . && GOFLAGS=-mod=readonly go test ./...) || status=1
  (cd tools/interop-msgbus && GOFLAGS=-mod=readonly go vet .) || status=1
fi
npx nx run-many -t lint typecheck build test --output-style=static || status=1
npx nx run-many -t integration --parallel=1 --output-style=static || status=1
node scripts/summarize-tests.mjs || status=1
exit $status
