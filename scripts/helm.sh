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

HELM_VERSION="${HELM_VERSION:-v4.3.2}"
DIR="$REPO_ROOT/.cache/helm/$HELM_VERSION"
HELM="$DIR/helm"

log() { echo "helm.sh: $*" >&2; }
die() {
  echo "helm.sh: ERROR: $*" >&2
  exit 1
}

[[ "$HELM_VERSION" =~ ^v4\.[0-9]+\.[0-9]+$ ]] || die "HELM_VERSION must look like v4.x.y (got '$HELM_VERSION')"

ensure_helm() {
  [[ -x "$HELM" ]] && return 0
  command -v go >/dev/null 2>&1 || die "go not found: needed once to build Helm $HELM_VERSION"
  mkdir -p "$DIR"
  # Parallel test workers may all ask at once: one builds, the others wait for it.
  exec 9>"$DIR/lock"
  flock -w 1200 9 || die "timed out waiting for another helm.sh building $HELM_VERSION"
  if [[ ! -x "$HELM" ]]; then
    local tmp="$DIR/bin.tmp.$$" t0=$SECONDS
    rm -rf "$tmp"
    log "building Helm $HELM_VERSION from helm.sh/helm/v4 (once; a few minutes on 2 cores) ..."
    if ! GOBIN="$tmp" GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
      go install -trimpath -ldflags="-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" >"$DIR/build.log" 2>&1; then
      tail -n 30 "$DIR/build.log" >&2 || true
      rm -rf "$tmp"
      die "could not build Helm $HELM_VERSION (full log: $DIR/build.log)"
    fi
    mv "$tmp/helm" "$HELM"
    rm -rf "$tmp"
    log "built $HELM in $((SECONDS - t0))s"
  fi
  exec 9>&-
}

ensure_helm
if (($# == 0)); then
  echo "$HELM"
else
  exec "$HELM" "$@"
fi
