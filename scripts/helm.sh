#!/usr/bin/env bash
# The real Helm CLI for tests and CI, built once from its Go module (helm.sh/helm/v4 on the Go
# module proxy: no prebuilt binary can be downloaded here) with the machine's Go.
#
# Usage: scripts/helm.sh              # build if needed, print the binary's path
#        scripts/helm.sh <args...>    # build if needed, run helm <args...>
#
# Environment (optional):
#   HELM_VERSION   the helm.sh/helm/v4 module version   default v4.3.2
#
# Files (under the repo root, git-ignored .cache/):
#   .cache/helm/<version>/helm       the binary (built once per version)
#   .cache/helm/<version>/build.log  the last build's output
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/messages.sh
source "$SCRIPT_DIR/lib/messages.sh"
# shellcheck source=lib/go-install-once.sh
source "$SCRIPT_DIR/lib/go-install-once.sh"

HELM_VERSION="${HELM_VERSION:-v4.3.2}"
go_tool helm helm helm.sh/helm/v4/cmd/helm HELM_VERSION v4 \
  "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" "$@"
