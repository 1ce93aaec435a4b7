#!/usr/bin/env bash
# Toxiproxy's server for tools/netsim, built once from its Go module
# (github.com/Shopify/toxiproxy/v2 on the Go module proxy: no prebuilt binary is downloaded here)
# with the machine's Go.
#
# Usage: scripts/toxiproxy.sh              # build if needed, print the binary's path
#        scripts/toxiproxy.sh <args...>    # build if needed, run toxiproxy-server <args...>
#
# Environment (optional):
#   TOXIPROXY_VERSION   the github.com/Shopify/toxiproxy/v2 module version   default v2.5.0
#
# Files (under the repo root, git-ignored .cache/):
#   .cache/toxiproxy/<version>/toxiproxy-server   the binary (built once per version)
#   .cache/toxiproxy/<version>/build.log          the last build's output
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"

TOXIPROXY_VERSION="${TOXIPROXY_VERSION:-v2.5.0}"
DIR="$REPO_ROOT/.cache/toxiproxy/$TOXIPROXY_VERSION"
BIN="$DIR/toxiproxy-server"

log() { echo "toxiproxy.sh: $*" >&2; }
die() {
  echo "toxiproxy.sh: ERROR: $*" >&2
  exit 1
}

[[ "$TOXIPROXY_VERSION" =~ ^v2\.[0-9]+\.[0-9]+$ ]] || die "TOXIPROXY_VERSION must look like v2.x.y (got '$TOXIPROXY_VERSION')"

ensure_toxiproxy() {
  [[ -x "$BIN" ]] && return 0
  command -v go >/dev/null 2>&1 || die "go not found: needed once to build toxiproxy-server $TOXIPROXY_VERSION"
  mkdir -p "$DIR"
  # Parallel test workers may all ask at once: one builds, the others wait for it.
  exec 9>"$DIR/lock"
  flock -w 1200 9 || die "timed out waiting for another toxiproxy.sh building $TOXIPROXY_VERSION"
  if [[ ! -x "$BIN" ]]; then
    local tmp="$DIR/bin.tmp.$$" t0=$SECONDS
    rm -rf "$tmp"
    log "building toxiproxy-server $TOXIPROXY_VERSION from github.com/Shopify/toxiproxy/v2 (once) ..."
    if ! GOBIN="$tmp" GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
      go install -trimpath -ldflags="-s -w" "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" >"$DIR/build.log" 2>&1; then
      tail -n 30 "$DIR/build.log" >&2 || true
      rm -rf "$tmp"
      die "could not build toxiproxy-server $TOXIPROXY_VERSION (full log: $DIR/build.log)"
    fi
    mv "$tmp/server" "$BIN"
    rm -rf "$tmp"
    log "built $BIN in $((SECONDS - t0))s"
  fi
  exec 9>&-
}

ensure_toxiproxy
if (($# == 0)); then
  echo "$BIN"
else
  exec "$BIN" "$@"
fi
