#!/usr/bin/env bash
# log and die for the scripts here, each message prefixed with the script's file name.
# Source it; it defines functions only and changes no shell options. log writes to stdout, or
# to stderr when LOG_TO_STDERR=1 (a script whose stdout is its answer, such as a path).

log() {
  if [[ "${LOG_TO_STDERR:-}" == 1 ]]; then
    echo "${0##*/}: $*" >&2
  else
    echo "${0##*/}: $*"
  fi
}

die() {
  echo "${0##*/}: ERROR: $*" >&2
  exit 1
}
