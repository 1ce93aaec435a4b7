#!/bin/sh
# OCI runtime wrapper for machines whose processes may not raise resource limits (no
# CAP_SYS_RESOURCE): runc and crun fail there with "setrlimit RLIMIT_NOFILE: Operation not
# permitted". It removes the rlimits from what the engine hands over (process.rlimits of the
# bundle's config.json for create/run, rlimits of the --process file for exec, which health
# checks use), so processes inherit the engine's limits instead, then runs the real runtime.
# scripts/containers.sh installs it (with the real runtime's path filled in) only where needed.
set -eu
REAL_RUNTIME=@REAL_RUNTIME@

bundle=.
process=
previous=
command=
for arg in "$@"; do
  case "$previous" in
    --bundle | -b) bundle=$arg ;;
    --process | -p) process=$arg ;;
  esac
  case "$arg" in
    --bundle=*) bundle=${arg#--bundle=} ;;
    --process=*) process=${arg#--process=} ;;
    create | run | exec) [ -n "$command" ] || command=$arg ;;
  esac
  previous=$arg
done

# without_rlimits FILE FILTER
without_rlimits() {
  jq "$2" "$1" >"$1.norlimits"
  mv "$1.norlimits" "$1"
}
case "$command" in
  create | run) [ ! -f "$bundle/config.json" ] || without_rlimits "$bundle/config.json" 'del(.process.rlimits)' ;;
  exec) [ -z "$process" ] || [ ! -f "$process" ] || without_rlimits "$process" 'del(.rlimits)' ;;
esac
exec "$REAL_RUNTIME" "$@"
