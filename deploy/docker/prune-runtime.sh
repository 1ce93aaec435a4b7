#!/bin/sh
# Removes from the staged runtime folder, once its production dependencies are installed (build
# stage of apps/<app>/Dockerfile, run in that folder), what Node never loads at run time: source
# maps, TypeScript (declarations, sources, build info) of the app, its libraries and their
# dependencies, and the test folders dependency packages ship. Measured on ban-service: 41 MB
# of source maps, 16 MB of TypeScript and 5 MB of tests out of 156 MB of node_modules.
#   sh deploy/docker/prune-runtime.sh      (in the staged folder)
set -eu
[ $# -eq 0 ] || { echo "usage: sh deploy/docker/prune-runtime.sh (in the staged folder)" >&2; exit 2; }
[ -f package.json ] && [ -d node_modules ] || {
  echo "prune-runtime: run it in the staged folder after npm install (no package.json or node_modules in $(pwd))" >&2
  exit 1
}
find . -type f \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
  -o -name '*.tsbuildinfo' \) -delete
for package in node_modules/*/ node_modules/@*/*/; do
  for tests in test tests __tests__; do
    if [ -d "$package$tests" ]; then rm -rf "$package$tests"; fi
  done
done
