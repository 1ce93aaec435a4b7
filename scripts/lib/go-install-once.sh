# Sourced by the scripts that build a real tool from its Go module once (helm.sh, toxiproxy.sh):
# no prebuilt binary can be downloaded here, so the machine's Go builds it into .cache/. Its
# messages go through lib/messages.sh (source that first).
#
# go_tool TOOL BINARY PACKAGE VERSION_VARIABLE MAJOR LDFLAGS [ARGS...]
#   TOOL              .cache/<TOOL>/<version>/ holds the binary, build.log and the build lock
#   BINARY            the binary's file name there
#   PACKAGE           the Go package to build, without @version
#   VERSION_VARIABLE  the environment variable naming the module version (set before the call)
#   MAJOR             the major version it must have (v4: v4.x.y)
#   LDFLAGS           go install's -ldflags
# Builds the binary if it is not there yet; then, with no ARGS, prints its path, else runs it
# with ARGS in place of the script.
go_tool() {
  local tool="$1" binary_name="$2" package="$3" version_variable="$4" major="$5" ldflags="$6"
  shift 6
  local version="${!version_variable}"
  [[ "$version" =~ ^${major}\.[0-9]+\.[0-9]+$ ]] || die "$version_variable must look like $major.x.y (got '$version')"
  local root dir binary
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  dir="$root/.cache/$tool/$version"
  binary="$dir/$binary_name"
  go_install_once "$dir" "$binary" "$package@$version" "${package##*/}" "$ldflags"
  if (($# == 0)); then
    echo "$binary"
  else
    exec "$binary" "$@"
  fi
}

# go_install_once DIR BINARY PACKAGE@VERSION BUILT_NAME LDFLAGS
#   BUILT_NAME  the file name `go install` gives it (the package's last path element)
go_install_once() {
  local dir="$1" binary="$2" package="$3" built="$4" ldflags="$5"
  [[ -x "$binary" ]] && return 0
  command -v go >/dev/null 2>&1 || die "go not found: needed once to build $package"
  mkdir -p "$dir"
  # Parallel test workers may all ask at once: one builds, the others wait for it.
  exec 9>"$dir/lock"
  flock -w 1200 9 || die "timed out waiting for another ${0##*/} building $package"
  if [[ ! -x "$binary" ]]; then
    local tmp="$dir/bin.tmp.$$" t0=$SECONDS LOG_TO_STDERR=1
    rm -rf "$tmp"
    log "building $package (once; up to a few minutes on 2 cores) ..."
    if ! GOBIN="$tmp" GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
      go install -trimpath -ldflags="$ldflags" "$package" >"$dir/build.log" 2>&1; then
      tail -n 30 "$dir/build.log" >&2 || true
      rm -rf "$tmp"
      die "could not build $package (full log: $dir/build.log)"
    fi
    mv "$tmp/$built" "$binary"
    rm -rf "$tmp"
    log "built $binary in $((SECONDS - t0))s"
  fi
  exec 9>&-
}
