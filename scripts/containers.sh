#!/usr/bin/env bash
# The container engine for this repository's images and docker-compose.yml, adapted to the
# machine only where the machine needs it. The Dockerfiles and the compose file stay what an
# operator uses; everything this machine kind lacks is made up for here, after detecting it:
#
#   engine    Docker when `docker info` answers, else Podman (installed from Debian's packages
#             when missing and apt-get is there).
#   runtime   Podman's default OCI runtime is tried on a local image; where it fails to set the
#             process rlimits (no CAP_SYS_RESOURCE: "setrlimit RLIMIT_NOFILE: Operation not
#             permitted"), a wrapper (scripts/containers/oci-runtime.sh) that drops
#             process.rlimits before running runc becomes the runtime, through a containers.conf
#             of our own (CONTAINERS_CONF): nothing of the machine's configuration changes.
#   images    node:24-bookworm-slim (the Dockerfiles' base) and the compose file's postgres and
#             apache/kafka images are pulled; each one that cannot be pulled (no registry) is
#             built locally under its official name, from Debian bookworm (mmdebstrap, the
#             machine's Debian mirror) and scripts/containers/*.Containerfile: Node 24 from the
#             repository's pinned `node` package with the machine's CA bundle and npm registry,
#             Debian's PostgreSQL, the Apache Kafka jars from Maven Central. Kept in the engine's
#             storage and rebuilt only when their inputs change.
#   compose   `docker compose`, `docker-compose`, `podman compose` or podman-compose (PyPI,
#             installed into .cache/containers/venv when none is there).
#   health    Podman runs HEALTHCHECKs from systemd timers; without a running systemd nothing
#             runs them, so `health` runs the check itself there.
#
# Where a registry and a normal runtime exist, `prepare` changes nothing and the commands below
# are the engine's own.
#
# Usage: scripts/containers.sh prepare                 detect, adapt, print what was decided
#        scripts/containers.sh env                     the environment, for eval in a shell
#        scripts/containers.sh engine <args...>        docker|podman <args...>
#        scripts/containers.sh compose <args...>       the compose command <args...>
#        scripts/containers.sh health <container>      healthy | unhealthy | starting | none
#        scripts/containers.sh clean                   remove the local stand-in images
#
# Environment (optional): CONTAINER_ENGINE (docker|podman), CONTAINERS_PULL_TIMEOUT (seconds,
# default 60), DEBIAN_MIRROR (default: the first Debian URI of the machine's apt sources).
# Files (git-ignored): .cache/containers/ (env, containers.conf, oci-runtime, venv, contexts).
# Podman needs BUILDAH_FORMAT=docker to keep HEALTHCHECK in built images: `env` sets it.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
readonly SCRIPT_DIR REPO_ROOT
LOG_TO_STDERR=1
# shellcheck source-path=SCRIPTDIR source=lib/messages.sh
source "$SCRIPT_DIR/lib/messages.sh"
readonly STAND_INS="$SCRIPT_DIR/containers" CACHE="$REPO_ROOT/.cache/containers"
readonly ENV_FILE="$CACHE/env" PULL_TIMEOUT="${CONTAINERS_PULL_TIMEOUT:-60}"
# Stand-ins are tagged with official names in the machine-wide image storage: one builder at a time.
readonly LOCK_FILE=/tmp/teranode-p2p-containers.lock
readonly DEBIAN_BASE=localhost/teranode-p2p-local/debian:bookworm
readonly STAND_IN_LABEL=org.teranode-p2p.stand-in

usage() {
  sed -n '/^# Usage:/,/^# *$/p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------- what the repository needs

# The Dockerfiles' base image (their ARG NODE_IMAGE default), once.
node_image() {
  sed -n 's/^ARG NODE_IMAGE=//p' "$REPO_ROOT"/apps/*/Dockerfile | sort -u | head -n1
}

# The third-party images docker-compose.yml runs (services with an image and no build).
compose_images() {
  sed -n 's/^    image: *//p' "$REPO_ROOT/docker-compose.yml" | tr -d "'\"" | sort -u
}

# docker.io/library/<name> for official short names, docker.io/<name> for user/name.
full_name() {
  case "$1" in
    */*/*) echo "$1" ;;
    */*) echo "docker.io/$1" ;;
    *) echo "docker.io/library/$1" ;;
  esac
}

# ---------------------------------------------------------------- engine

ENGINE="" COMPOSE=()
CONTAINERS_CONF_FILE=""

install_debian_packages() {
  command -v apt-get >/dev/null 2>&1 && ((EUID == 0)) || die "missing $*, and apt-get (as root) is not available to install it"
  log "installing $* from Debian's packages ..."
  local out
  if ! out="$( (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") 2>&1)"; then
    echo "$out" | tail -n 20 >&2
    die "apt-get install $* failed"
  fi
}

choose_engine() {
  if [[ -n "${CONTAINER_ENGINE:-}" ]]; then
    ENGINE=$CONTAINER_ENGINE
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    ENGINE=docker
  else
    ENGINE=podman
  fi
  case "$ENGINE" in
    docker) command -v docker >/dev/null 2>&1 || die "CONTAINER_ENGINE=docker, but docker is not installed" ;;
    podman) command -v podman >/dev/null 2>&1 || install_debian_packages podman ;;
    *) die "CONTAINER_ENGINE must be docker or podman (got '$ENGINE')" ;;
  esac
}

engine() {
  if [[ -n "$CONTAINERS_CONF_FILE" ]]; then
    CONTAINERS_CONF="$CONTAINERS_CONF_FILE" "$ENGINE" "$@"
  else
    "$ENGINE" "$@"
  fi
}

image_exists() { engine image inspect "$1" >/dev/null 2>&1; }

# Pulls IMAGE unless it is there; 1 when the registry cannot be reached.
pull() {
  image_exists "$1" && [[ "$(engine image inspect --format "{{ index .Config.Labels \"$STAND_IN_LABEL\" }}" "$1" 2>/dev/null)" =~ ^(|\<no value\>)$ ]] && return 0
  log "pulling $1 ..."
  timeout "$PULL_TIMEOUT" "$ENGINE" pull -q "$1" >/dev/null 2>&1
}

# ---------------------------------------------------------------- runtime (podman)

# 0 when `podman run` works with the runtime configured so far.
runtime_works() {
  local image=$1 out
  out="$(engine run --rm --network none "$image" true 2>&1)" && return 0
  log "podman run failed: ${out##*$'\n'}"
  return 1
}

install_runtime_wrapper() {
  local real
  command -v jq >/dev/null 2>&1 || install_debian_packages jq
  command -v runc >/dev/null 2>&1 || install_debian_packages runc
  real="$(command -v runc)"
  mkdir -p "$CACHE"
  sed "s|@REAL_RUNTIME@|$real|" "$STAND_INS/oci-runtime.sh" >"$CACHE/oci-runtime.tmp"
  chmod +x "$CACHE/oci-runtime.tmp"
  mv "$CACHE/oci-runtime.tmp" "$CACHE/oci-runtime"
  cat >"$CACHE/containers.conf" <<EOF
# Written by scripts/containers.sh: the OCI runtime without process rlimits ($real underneath).
[engine]
runtime = "no-rlimits"

[engine.runtimes]
no-rlimits = ["$CACHE/oci-runtime"]
EOF
  CONTAINERS_CONF_FILE="$CACHE/containers.conf"
}

# ---------------------------------------------------------------- stand-in images

debian_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  local uri
  uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs: *//p' | tr ' ' '\n' | grep -E '/debian/?$' | head -n1 || true)"
  [[ -n "$uri" ]] || uri="$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\(http[^ ]*\/debian\/\{0,1\}\) .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n1 || true)"
  echo "${uri:-http://deb.debian.org/debian}"
}

# Debian bookworm, minbase, without documentation: the root of every stand-in. Needs no runtime.
ensure_debian_base() {
  image_exists "$DEBIAN_BASE" && return 0
  command -v mmdebstrap >/dev/null 2>&1 || install_debian_packages mmdebstrap
  local mirror tar t0=$SECONDS
  mirror="$(debian_mirror)"
  mkdir -p "$CACHE"
  tar="$CACHE/debian-bookworm.tar"
  log "building $DEBIAN_BASE with mmdebstrap from $mirror (about a minute) ..."
  local security="${mirror%/debian*}/debian-security"
  if ! mmdebstrap --variant=minbase \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
    bookworm "$tar" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
    "deb $security bookworm-security main" >"$CACHE/mmdebstrap.log" 2>&1; then
    tail -n 20 "$CACHE/mmdebstrap.log" >&2
    die "mmdebstrap failed (log: $CACHE/mmdebstrap.log)"
  fi
  engine import --change 'CMD ["bash"]' "$tar" "$DEBIAN_BASE" >/dev/null
  rm -f "$tar"
  log "built $DEBIAN_BASE in $((SECONDS - t0))s"
}

# A digest of a build context and its Containerfile: the stand-in is rebuilt when it changes.
inputs_digest() {
  local context=$1 containerfile=$2
  {
    sha256sum "$containerfile"
    (cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

# build_stand_in IMAGE CONTAINERFILE CONTEXT [build args...]
build_stand_in() {
  local image=$1 containerfile=$2 context=$3 digest current t0=$SECONDS
  shift 3
  digest="$(inputs_digest "$context" "$containerfile")"
  current="$(engine image inspect --format "{{ index .Config.Labels \"$STAND_IN_LABEL\" }}" "$image" 2>/dev/null || true)"
  if [[ "$current" == "$digest" ]]; then
    log "$image: local stand-in up to date"
    return 0
  fi
  log "building a local stand-in for $image ..."
  local flags=()
  [[ "$ENGINE" != podman ]] || flags=(--pull=never --format docker)
  if ! engine build "${flags[@]}" --label "$STAND_IN_LABEL=$digest" \
    -f "$containerfile" -t "$image" "$@" "$context" >"$CACHE/build-$(basename "$containerfile").log" 2>&1; then
    tail -n 30 "$CACHE/build-$(basename "$containerfile").log" >&2
    die "building the stand-in for $image failed"
  fi
  log "built the stand-in for $image in $((SECONDS - t0))s"
}

stand_in_node() {
  local image=$1 context="$CACHE/node-context" node version npm_version registry
  node="$REPO_ROOT/node_modules/node/bin/node"
  [[ -x "$node" ]] || die "$node missing: run npm install first (the stand-in uses the pinned Node)"
  version="$("$node" --version)"
  [[ "$image" == *":${version:1:2}"* ]] || die "$image needs Node ${image#*:}, the repository pins $version"
  npm_version="$(npm --version)"
  registry="$(npm config get registry)"
  mkdir -p "$context"
  ln -f "$node" "$context/node" 2>/dev/null || cp "$node" "$context/node"
  if [[ "$(cat "$context/npm/package.json" 2>/dev/null | jq -r .version 2>/dev/null)" != "$npm_version" ]]; then
    rm -rf "$context/npm" "$context"/npm-*.tgz
    (cd "$context" && npm pack -q "npm@$npm_version" >/dev/null && tar xzf npm-*.tgz && mv package npm && rm -f npm-*.tgz)
  fi
  cp /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
  printf 'registry=%s\n' "$registry" >"$context/npmrc"
  build_stand_in "$(full_name "$image")" "$STAND_INS/node.Containerfile" "$context" \
    --build-arg "NODE_VERSION=${version#v}"
}

stand_in_postgres() {
  local image=$1 context="$CACHE/postgres-context"
  mkdir -p "$context"
  cp "$STAND_INS/postgres-entrypoint.sh" "$context/"
  build_stand_in "$(full_name "$image")" "$STAND_INS/postgres.Containerfile" "$context" \
    --build-arg "PG_MAJOR=${image#*:}"
}

stand_in_kafka() {
  local image=$1 version=${1#*:} context="$CACHE/kafka-context" libs
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "cannot read a Kafka version from $image"
  # The same Maven Central jars scripts/kafka.sh runs, at the version the compose file names.
  libs="$REPO_ROOT/.cache/kafka/libs-$version"
  if [[ ! -f "$libs/kafka_2.13-$version.jar" ]]; then
    command -v mvn >/dev/null 2>&1 || die "mvn (Maven) not found: needed once to fetch the Kafka $version jars"
    log "fetching the Apache Kafka $version jars from Maven Central ..."
    rm -rf "$libs.tmp"
    mvn -B -q -f "$REPO_ROOT/tools/kafka/pom.xml" dependency:copy-dependencies \
      -Dkafka.version="$version" -DoutputDirectory="$libs.tmp" >"$CACHE/kafka-fetch.log" 2>&1 ||
      die "Maven could not fetch the Kafka $version jars (log: $CACHE/kafka-fetch.log)"
    mv "$libs.tmp" "$libs"
  fi
  rm -rf "$context"
  mkdir -p "$context"
  cp -rl "$libs" "$context/libs" 2>/dev/null || cp -r "$libs" "$context/libs"
  cp -r "$STAND_INS/kafka-bin" "$context/kafka-bin"
  cp "$STAND_INS/kafka-run.sh" "$context/"
  build_stand_in "$(full_name "$image")" "$STAND_INS/kafka.Containerfile" "$context"
}

# ---------------------------------------------------------------- compose

choose_compose() {
  if [[ "$ENGINE" == docker ]]; then
    if docker compose version >/dev/null 2>&1; then
      COMPOSE=(docker compose)
    elif command -v docker-compose >/dev/null 2>&1; then
      COMPOSE=(docker-compose)
    else
      die "neither 'docker compose' nor docker-compose is installed"
    fi
  elif podman compose version >/dev/null 2>&1; then
    COMPOSE=(podman compose)
  elif command -v podman-compose >/dev/null 2>&1; then
    COMPOSE=(podman-compose)
  else
    if [[ ! -x "$CACHE/venv/bin/podman-compose" ]]; then
      log "installing podman-compose from PyPI into $CACHE/venv ..."
      local python=python3
      [[ -x /usr/bin/python3 ]] && python=/usr/bin/python3
      "$python" -m venv "$CACHE/venv" || die "python3 -m venv failed (apt-get install python3-venv)"
      "$CACHE/venv/bin/pip" install -q podman-compose >"$CACHE/pip.log" 2>&1 ||
        die "pip install podman-compose failed (log: $CACHE/pip.log)"
    fi
    COMPOSE=("$CACHE/venv/bin/podman-compose")
  fi
}

# 0 when podman runs HEALTHCHECKs by itself (through systemd timers).
podman_runs_healthchecks() {
  [[ "$(systemctl is-system-running 2>/dev/null || true)" =~ ^(running|degraded|starting)$ ]]
}

# ---------------------------------------------------------------- commands

write_env() {
  mkdir -p "$CACHE"
  {
    echo "CONTAINER_ENGINE=$ENGINE"
    printf 'CONTAINERS_COMPOSE=%q\n' "${COMPOSE[*]}"
    [[ -z "$CONTAINERS_CONF_FILE" ]] || echo "CONTAINERS_CONF=$CONTAINERS_CONF_FILE"
    [[ "$ENGINE" != podman ]] || echo "BUILDAH_FORMAT=docker"
    if [[ "$ENGINE" == podman ]] && ! podman_runs_healthchecks; then
      echo "CONTAINERS_HEALTHCHECKS=manual"
    else
      echo "CONTAINERS_HEALTHCHECKS=engine"
    fi
  } >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

cmd_prepare() {
  # Decided again from nothing: a shell that took our environment before (eval "$(… env)")
  # must not hand in the previous decision.
  if [[ "${CONTAINERS_CONF:-}" == "$CACHE/containers.conf" ]]; then unset CONTAINERS_CONF; fi
  mkdir -p "$CACHE"
  exec 9>"$LOCK_FILE"
  flock -w 1800 9 || die "timed out waiting for another containers.sh prepare"
  local t0=$SECONDS node missing=() adapted=() image
  choose_engine
  node="$(node_image)"
  [[ -n "$node" ]] || die "no ARG NODE_IMAGE=… in apps/*/Dockerfile"

  local images=("$node")
  mapfile -t -O 1 images < <(compose_images)
  for image in "${images[@]}"; do
    pull "$(full_name "$image")" || missing+=("$image")
  done
  ((${#missing[@]} == 0)) || log "cannot pull ${missing[*]}: building local stand-ins"

  if [[ "$ENGINE" == podman ]]; then
    # The runtime is tried on an image that is there: a pulled one, or the Debian base.
    local probe
    probe="$(full_name "$node")"
    if [[ " ${missing[*]} " == *" $node "* ]]; then
      ensure_debian_base
      probe=$DEBIAN_BASE
    fi
    if ! runtime_works "$probe"; then
      install_runtime_wrapper
      runtime_works "$probe" || die "podman run fails with the rlimit-dropping runtime too"
      adapted+=("OCI runtime without rlimits")
    fi
  fi

  for image in "${missing[@]}"; do
    ensure_debian_base
    case "$image" in
      node:*) stand_in_node "$image" ;;
      postgres:*) stand_in_postgres "$image" ;;
      apache/kafka:*) stand_in_kafka "$image" ;;
      *) die "no local stand-in for $image" ;;
    esac
    adapted+=("local $image")
  done
  choose_compose
  write_env
  # shellcheck source=/dev/null
  source "$ENV_FILE"
  [[ "$CONTAINERS_HEALTHCHECKS" == engine ]] || adapted+=("health checks run on demand")
  local summary="none needed"
  if ((${#adapted[@]} > 0)); then
    summary="$(printf '%s, ' "${adapted[@]}")"
    summary=${summary%, }
  fi
  log "engine $ENGINE, compose '${COMPOSE[*]}', adaptations: $summary ($((SECONDS - t0))s)"
}

# Loads the decisions of the last prepare (running it when there is none).
load_env() {
  [[ -f "$ENV_FILE" ]] || cmd_prepare
  # shellcheck source=/dev/null
  source "$ENV_FILE"
  ENGINE=$CONTAINER_ENGINE
  read -r -a COMPOSE <<<"$CONTAINERS_COMPOSE"
  CONTAINERS_CONF_FILE="${CONTAINERS_CONF:-}"
  if [[ -n "$CONTAINERS_CONF_FILE" ]]; then export CONTAINERS_CONF="$CONTAINERS_CONF_FILE"; fi
  if [[ -n "${BUILDAH_FORMAT:-}" ]]; then export BUILDAH_FORMAT; fi
}

cmd_health() {
  (($# == 1)) || usage
  local container=$1 status
  status="$(engine inspect --format '{{ if .State.Health }}{{ .State.Health.Status }}{{ else }}none{{ end }}' "$container" 2>/dev/null)" ||
    die "no container $container"
  if [[ "$status" == none ]] && [[ "$ENGINE" == podman ]]; then
    # podman 4 reports an image HEALTHCHECK under .State.Healthcheck
    status="$(engine inspect --format '{{ if .State.Healthcheck }}{{ .State.Healthcheck.Status }}{{ else }}none{{ end }}' "$container" 2>/dev/null || echo none)"
  fi
  if [[ "$CONTAINERS_HEALTHCHECKS" == manual && "$status" != none ]]; then
    if engine healthcheck run "$container" >/dev/null 2>&1; then status=healthy; else status=unhealthy; fi
  fi
  echo "${status:-none}"
}

# Removes the stand-ins (never a pulled official image: only ours carry the label at the top;
# images built on a stand-in inherit it, so only the names the repository uses are looked at).
cmd_clean() {
  load_env
  local image label
  for image in "$(node_image)" $(compose_images); do
    image="$(full_name "$image")"
    label="$(engine image inspect --format "{{ index .Config.Labels \"$STAND_IN_LABEL\" }}" "$image" 2>/dev/null || true)"
    if [[ -n "$label" && "$label" != "<no value>" ]] && engine rmi "$image" >/dev/null 2>&1; then
      log "removed the stand-in $image"
    fi
  done
  engine rmi "$DEBIAN_BASE" >/dev/null 2>&1 && log "removed $DEBIAN_BASE" || true
  rm -f "$ENV_FILE"
}

case "${1:-}" in
  prepare) cmd_prepare ;;
  env)
    load_env
    sed 's/^/export /' "$ENV_FILE"
    ;;
  engine)
    shift
    load_env
    exec "$ENGINE" "$@"
    ;;
  compose)
    shift
    load_env
    cd "$REPO_ROOT"
    exec "${COMPOSE[@]}" "$@"
    ;;
  health)
    shift
    load_env
    cmd_health "$@"
    ;;
  clean) cmd_clean ;;
  *) usage ;;
esac
