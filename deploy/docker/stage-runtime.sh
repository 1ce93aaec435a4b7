#!/bin/sh
# Stages what the built apps need at run time into OUT (build stage of the root Dockerfile):
# the workspace manifests, the apps' and their libraries' dist folders (only what
# `nx build` made exists: .dockerignore keeps host builds out), proto/ (read at run time by
# the gRPC servers) and the health check, then installs production dependencies only.
#   sh deploy/docker/stage-runtime.sh <out> <app>...
set -eu
out=$1
shift
mkdir -p "$out/data"
cp --parents package.json package-lock.json apps/*/package.json libs/*/package.json "$out"
cp -r --parents proto deploy/docker/healthcheck.mjs "$out"
for app in "$@"; do
  [ -f "apps/$app/dist/main.js" ] || { echo "apps/$app/dist/main.js missing: build $app first" >&2; exit 1; }
  cp -r --parents "apps/$app/dist" "$out"
done
for dist in libs/*/dist; do
  if [ -d "$dist" ]; then cp -r --parents "$dist" "$out"; fi
done
find "$out/apps" "$out/libs" -name '.tsbuildinfo' -delete
if [ "${STAGE_SKIP_INSTALL:-}" != 1 ]; then
  # --ignore-scripts: the root postinstall generates the contracts, already compiled into dist.
  (cd "$out" && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
fi
