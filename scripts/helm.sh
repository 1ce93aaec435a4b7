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
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/messages.sh
source "$SCRIPT_DIR/lib/messages.sh"

HELM_VERSION="${HELM_VERSION:-v4.3.2}"
DIR="$REPO_ROOT/.cache/helm/$HELM_VERSION"
HELM="$DIR/helm"

[[ "$HELM_VERSION" =~ ^v4\.[0-9]+\.[0-9]+$ ]] || die "HELM_VERSION must look like v4.x.y (got '$HELM_VERSION')"

# shellcheck source=lib/go-install-once.sh
source "$SCRIPT_DIR/lib/go-install-once.sh"
go_install_once helm.sh "$DIR" "$HELM" "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" helm \
  "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION"
if (($# == 0)); then
  echo "$HELM"
else
  exec "$HELM" "$@"
fi
