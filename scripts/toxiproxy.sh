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
# shellcheck source-path=SCRIPTDIR source=lib/messages.sh
source "$SCRIPT_DIR/lib/messages.sh"

TOXIPROXY_VERSION="${TOXIPROXY_VERSION:-v2.5.0}"
DIR="$REPO_ROOT/.cache/toxiproxy/$TOXIPROXY_VERSION"
BIN="$DIR/toxiproxy-server"

[[ "$TOXIPROXY_VERSION" =~ ^v2\.[0-9]+\.[0-9]+$ ]] || die "TOXIPROXY_VERSION must look like v2.x.y (got '$TOXIPROXY_VERSION')"

# shellcheck source=lib/go-install-once.sh
source "$SCRIPT_DIR/lib/go-install-once.sh"
go_install_once toxiproxy.sh "$DIR" "$BIN" "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" server "-s -w"
if (($# == 0)); then
  echo "$BIN"
else
  exec "$BIN" "$@"
fi
