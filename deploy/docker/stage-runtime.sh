#!/bin/sh
# Stages what one built app needs at run time into OUT (build stage of apps/<app>/Dockerfile,
# run from the workspace root after `nx build <app>`):
# - the workspace manifests: the root package.json and lock file and every apps/*, libs/*
#   package.json, so `npm install --omit=dev` in OUT matches the lock file's workspaces;
# - the app's dist, and the dist of every workspace library its built code imports, followed
#   through the libraries' own imports (a library imported but not built is an error;
#   .dockerignore keeps host builds out, so only what `nx build` made exists), each with its
#   assets/ folder if it has one (files the code reads next to itself, e.g. the dashboard page);
# - proto/ when @teranode-p2p/contracts is among them (it loads the .proto files at run time);
# - the health check (deploy/docker/healthcheck.mjs, which imports @teranode-p2p/config);
# - an empty data/ folder.
# Installing the production dependencies is the Dockerfile's next step, in OUT.
#   sh deploy/docker/stage-runtime.sh <out> <app>
set -eu
[ $# -eq 2 ] || { echo "usage: sh deploy/docker/stage-runtime.sh <out> <app>" >&2; exit 2; }
out=$1
app=$2
healthcheck=deploy/docker/healthcheck.mjs

fail() { echo "stage-runtime: $*" >&2; exit 1; }

# The workspace packages (@teranode-p2p/<name>) the JavaScript files under the given paths import.
imports() {
  find "$@" -type f \( -name '*.js' -o -name '*.mjs' \) -exec cat {} + \
    | grep -oE "[\"']@teranode-p2p/[a-z0-9-]+" | sed -E "s|^.@teranode-p2p/||" | sort -u
}

[ -f "apps/$app/dist/main.js" ] || fail "apps/$app/dist/main.js missing: build $app first"
[ -f "$healthcheck" ] || fail "$healthcheck missing"

libs=""
pending=$(imports "apps/$app/dist" "$healthcheck")
while [ -n "$pending" ]; do
  next=""
  for lib in $pending; do
    case " $libs " in *" $lib "*) continue ;; esac
    [ -f "libs/$lib/package.json" ] || fail "the build imports @teranode-p2p/$lib, which is not a library under libs/"
    [ -d "libs/$lib/dist" ] || fail "libs/$lib/dist missing: nx build $app should have built it"
    libs="$libs $lib"
    next="$next $(imports "libs/$lib/dist")"
  done
  pending=$next
done

mkdir -p "$out/data"
cp --parents package.json package-lock.json apps/*/package.json libs/*/package.json "$out"
cp --parents "$healthcheck" "$out"
for project in "apps/$app" $(for lib in $libs; do echo "libs/$lib"; done); do
  cp -r --parents "$project/dist" "$out"
  if [ -d "$project/assets" ]; then cp -r --parents "$project/assets" "$out"; fi
done
case " $libs " in *" contracts "*) cp -r --parents proto "$out" ;; esac
find "$out/apps" "$out/libs" -name '.tsbuildinfo' -delete
