# Sourced by the scripts that build a real tool from its Go module once (helm.sh, toxiproxy.sh):
# no prebuilt binary can be downloaded here, so the machine's Go builds it into .cache/.
#
# go_install_once TOOL DIR BINARY PACKAGE@VERSION BUILT_NAME LDFLAGS
#   TOOL        name in messages (e.g. helm.sh)
#   DIR         .cache/<tool>/<version>: holds the binary, build.log and the build lock
#   BINARY      where the binary ends up (inside DIR)
#   BUILT_NAME  the file name `go install` gives it (the package's last path element)
go_install_once() {
  local tool="$1" dir="$2" binary="$3" package="$4" built="$5" ldflags="$6"
  [[ -x "$binary" ]] && return 0
  command -v go >/dev/null 2>&1 || {
    echo "$tool: ERROR: go not found: needed once to build $package" >&2
    exit 1
  }
  mkdir -p "$dir"
  # Parallel test workers may all ask at once: one builds, the others wait for it.
  exec 9>"$dir/lock"
  flock -w 1200 9 || {
    echo "$tool: ERROR: timed out waiting for another $tool building $package" >&2
    exit 1
  }
  if [[ ! -x "$binary" ]]; then
    local tmp="$dir/bin.tmp.$$" t0=$SECONDS
    rm -rf "$tmp"
    echo "$tool: building $package (once; up to a few minutes on 2 cores) ..." >&2
    if ! GOBIN="$tmp" GOFLAGS=-buildvcs=false CGO_ENABLED=0 \
      go install -trimpath -ldflags="$ldflags" "$package" >"$dir/build.log" 2>&1; then
      tail -n 30 "$dir/build.log" >&2 || true
      rm -rf "$tmp"
      echo "$tool: ERROR: could not build $package (full log: $dir/build.log)" >&2
      exit 1
    fi
    mv "$tmp/$built" "$binary"
    rm -rf "$tmp"
    echo "$tool: built $binary in $((SECONDS - t0))s" >&2
  fi
  exec 9>&-
}
