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
# shellcheck source-path=SCRIPTDIR source=lib/messages.sh
source "$SCRIPT_DIR/lib/messages.sh"
# shellcheck source=lib/go-install-once.sh
source "$SCRIPT_DIR/lib/go-install-once.sh"

TOXIPROXY_VERSION="${TOXIPROXY_VERSION:-v2.5.0}"
go_tool toxiproxy toxiproxy-server github.com/Shopify/toxiproxy/v2/cmd/server TOXIPROXY_VERSION v2 \
  "-s -w" "$@"
