#!/usr/bin/env bash
# Start/stop the machine's Debian PostgreSQL cluster for tests and CI, and make
# sure the project's role and databases exist with password auth on 127.0.0.1.
#
# Usage: scripts/postgres.sh start|stop|status|restart
#
#   start   install the server from Debian's packages if missing, create a
#           cluster if none exists, start it, make it listen on 127.0.0.1:$PGPORT,
#           ensure role teranode/teranode (scram) and the databases
#           teranode_p2p_test and teranode_p2p owned by it, then print DATABASE_URL.
#   stop    stop the cluster (fast shutdown).
#   status  exit 0 when the cluster is up and accepts connections on 127.0.0.1.
#
# Environment (optional): PGPORT (default 5432), PG_START_TIMEOUT (default 60).
# Must run as root (uses pg_ctlcluster and runuser -u postgres).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/wait-port.sh
source "$SCRIPT_DIR/lib/wait-port.sh"
# shellcheck source-path=SCRIPTDIR source=lib/messages.sh
source "$SCRIPT_DIR/lib/messages.sh"

HOST=127.0.0.1
PORT="${PGPORT:-5432}"
START_TIMEOUT="${PG_START_TIMEOUT:-60}"
DB_ROLE=teranode
DB_PASSWORD=teranode
DATABASES=(teranode_p2p_test teranode_p2p)
HBA_MARK="# added by scripts/postgres.sh"

usage() {
  echo "usage: $0 start|stop|status|restart" >&2
  exit 2
}

[[ "$PORT" =~ ^[0-9]+$ ]] || die "PGPORT must be a number (got '$PORT')"
((EUID == 0)) || die "must run as root (needs pg_ctlcluster and runuser -u postgres)"

# ---------------------------------------------------------------- install / cluster

installed_versions() {
  local d
  for d in /usr/lib/postgresql/*/bin/postgres; do
    [[ -x "$d" ]] || continue
    d="${d#/usr/lib/postgresql/}"
    echo "${d%%/*}"
  done | sort -n
}

ensure_installed() {
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -n "$(installed_versions)" ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL server is not installed and apt-get is unavailable"
  log "PostgreSQL server not installed; installing Debian package 'postgresql' ..."
  local out
  if ! out="$(apt-get update -qq 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql 2>&1 9>&-)"; then
    echo "$out" | tail -n 20 >&2
    die "apt-get install postgresql failed"
  fi
  [[ -n "$(installed_versions)" ]] || die "apt-get installed postgresql but no server binary was found under /usr/lib/postgresql"
}

# Sets VER NAME STATUS LOGFILE for the cluster to use, creating one if needed.
# Preference: a cluster already on $PORT, else 'main' of the newest version,
# else the newest cluster of any name.
VER="" NAME="" STATUS="" LOGFILE=""
select_cluster() {
  local line best_port="" best_main="" best_any=""
  while read -r line; do
    [[ -n "$line" ]] || continue
    # shellcheck disable=SC2086
    set -- $line # ver name port status owner datadir logfile
    [[ "$3" == "$PORT" && -z "$best_port" ]] && best_port="$line"
    [[ "$2" == "main" ]] && best_main="$line"
    best_any="$line"
  done < <(pg_lsclusters -h 2>/dev/null | sort -k1,1n)
  line="${best_port:-${best_main:-$best_any}}"
  if [[ -z "$line" ]]; then
    local ver
    ver="$(installed_versions | tail -n1)"
    log "no PostgreSQL cluster found; creating cluster $ver/main on port $PORT"
    local out
    if ! out="$(pg_createcluster --port "$PORT" --encoding UTF8 --locale C.UTF-8 "$ver" main 2>&1)"; then
      echo "$out" >&2
      die "pg_createcluster $ver main failed"
    fi
    line="$(pg_lsclusters -h "$ver" main 2>/dev/null | head -n1)"
    [[ -n "$line" ]] || die "cluster $ver/main was created but pg_lsclusters does not list it"
  fi
  # shellcheck disable=SC2086
  set -- $line
  VER="$1" NAME="$2" STATUS="$4" LOGFILE="${7:-}"
}

refresh_status() {
  # shellcheck disable=SC2046
  set -- $(pg_lsclusters -h "$VER" "$NAME" 2>/dev/null | head -n1)
  STATUS="${4:-down}"
}

is_online() {
  refresh_status
  [[ "$STATUS" == online* ]]
}

conf_get() {
  pg_conftool -s "$VER" "$NAME" show "$1" 2>/dev/null || true
}

# Returns 0 when a restart is needed (port or listen_addresses changed).
ensure_config() {
  local needs_restart=1 cur
  cur="$(conf_get port)"
  if [[ "$cur" != "$PORT" ]]; then
    log "setting port = $PORT in cluster $VER/$NAME (was ${cur:-unset})"
    pg_conftool "$VER" "$NAME" set port "$PORT"
    needs_restart=0
  fi
  local raw
  raw="$(conf_get listen_addresses)" # empty when unset: the default 'localhost' is fine
  cur="${raw//\'/}"
  cur="${cur// /}"
  if [[ -n "$raw" && "$cur" != *localhost* && "$cur" != *127.0.0.1* && "$cur" != *'*'* ]]; then
    cur="${cur:+$cur,}127.0.0.1"
    log "setting listen_addresses = '$cur' in cluster $VER/$NAME (was $raw)"
    pg_conftool "$VER" "$NAME" set listen_addresses "$cur"
    needs_restart=0
  fi
  return "$needs_restart"
}

# Puts a password rule for our role on 127.0.0.1 first in pg_hba.conf.
# Returns 0 when the file changed (a reload is needed).
ensure_hba() {
  local hba
  hba="$(conf_get hba_file)"
  hba="${hba//\'/}"
  [[ -n "$hba" ]] || hba="/etc/postgresql/$VER/$NAME/pg_hba.conf"
  [[ -f "$hba" ]] || die "pg_hba.conf not found at $hba"
  local rule="host    all    $DB_ROLE    127.0.0.1/32    scram-sha-256"
  if grep -qxF "$rule" "$hba"; then
    return 1
  fi
  log "adding '$rule' to $hba"
  { printf '%s\n%s\n' "$HBA_MARK" "$rule"; cat "$hba"; } >"$hba.tmp"
  chown --reference="$hba" "$hba.tmp"
  chmod --reference="$hba" "$hba.tmp"
  mv "$hba.tmp" "$hba"
  return 0
}

show_log_and_die() {
  echo "postgres.sh: ERROR: $*" >&2
  if [[ -n "$LOGFILE" && -f "$LOGFILE" ]]; then
    echo "----- last 30 lines of $LOGFILE -----" >&2
    tail -n 30 "$LOGFILE" >&2
    echo "----- end of log -----" >&2
  fi
  exit 1
}

wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if pg_isready -q -h "$HOST" -p "$PORT" -t 2; then
      return 0
    fi
    sleep 0.5
  done
  show_log_and_die "PostgreSQL $VER/$NAME is not accepting connections on $HOST:$PORT after ${START_TIMEOUT}s"
}

# psql as the postgres superuser over the local socket (peer auth).
su_psql() {
  (cd / && runuser -u postgres -- psql -X -q -p "$PORT" -v ON_ERROR_STOP=1 "$@")
}

ensure_role_and_dbs() {
  su_psql -d postgres -c "DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_ROLE') THEN
    CREATE ROLE $DB_ROLE LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
  ELSE
    ALTER ROLE $DB_ROLE LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
  END IF;
END
\$\$;" >/dev/null || die "could not create/update role $DB_ROLE"
  local db
  for db in "${DATABASES[@]}"; do
    if [[ "$(su_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]]; then
      log "creating database $db owned by $DB_ROLE"
      su_psql -d postgres -c "CREATE DATABASE $db OWNER $DB_ROLE" >/dev/null || die "could not create database $db"
    else
      su_psql -d postgres -c "ALTER DATABASE $db OWNER TO $DB_ROLE" >/dev/null || die "could not set owner of $db"
    fi
  done
}

verify_password_login() {
  local out
  if ! out="$(PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -h "$HOST" -p "$PORT" -U "$DB_ROLE" -d "${DATABASES[0]}" -tAc 'SELECT 1' 2>&1)" ||
    [[ "$out" != "1" ]]; then
    die "password login as $DB_ROLE on $HOST:$PORT failed: $out"
  fi
}

# ---------------------------------------------------------------- commands

lock() {
  exec 9>"/tmp/postgres-sh-$PORT.lock"
  flock -w $((START_TIMEOUT + 60)) 9 || die "timed out waiting for another postgres.sh on port $PORT"
}

cmd_start() {
  lock
  ensure_installed
  select_cluster
  local restart=1 reload=1
  ensure_config && restart=0
  ensure_hba && reload=0

  if is_online; then
    if ((restart == 0)); then
      log "restarting cluster $VER/$NAME to apply the new settings"
      pg_ctlcluster "$VER" "$NAME" restart 9>&- || show_log_and_die "pg_ctlcluster $VER $NAME restart failed"
    elif ((reload == 0)); then
      pg_ctlcluster "$VER" "$NAME" reload 9>&- || show_log_and_die "pg_ctlcluster $VER $NAME reload failed"
    else
      log "cluster $VER/$NAME already running"
    fi
  else
    if port_open "$HOST" "$PORT"; then
      die "port $PORT on $HOST is in use by another process; cluster $VER/$NAME cannot start there (set PGPORT)"
    fi
    log "starting cluster $VER/$NAME on $HOST:$PORT"
    pg_ctlcluster "$VER" "$NAME" start 9>&- || show_log_and_die "pg_ctlcluster $VER $NAME start failed"
  fi
  wait_ready
  ensure_role_and_dbs
  verify_password_login
  log "PostgreSQL $VER/$NAME ready on $HOST:$PORT"
  echo "DATABASE_URL=postgres://$DB_ROLE:$DB_PASSWORD@$HOST:$PORT/${DATABASES[0]}"
}

cmd_stop() {
  lock
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [[ -z "$(pg_lsclusters -h 2>/dev/null)" ]]; then
    log "no PostgreSQL cluster on this machine; nothing to stop"
    return 0
  fi
  select_cluster
  if ! is_online; then
    log "cluster $VER/$NAME is not running"
    return 0
  fi
  log "stopping cluster $VER/$NAME"
  pg_ctlcluster "$VER" "$NAME" stop 9>&- || show_log_and_die "pg_ctlcluster $VER $NAME stop failed"
  log "stopped"
}

cmd_status() {
  if ! command -v pg_lsclusters >/dev/null 2>&1 || [[ -z "$(pg_lsclusters -h 2>/dev/null)" ]]; then
    log "no PostgreSQL cluster on this machine"
    return 1
  fi
  select_cluster
  if is_online && pg_isready -q -h "$HOST" -p "$PORT" -t 3; then
    log "cluster $VER/$NAME running and accepting connections on $HOST:$PORT"
    echo "DATABASE_URL=postgres://$DB_ROLE:$DB_PASSWORD@$HOST:$PORT/${DATABASES[0]}"
    return 0
  fi
  log "cluster $VER/$NAME is $STATUS (not accepting connections on $HOST:$PORT)"
  return 1
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart)
    cmd_stop
    exec 9>&-
    cmd_start
    ;;
  *) usage ;;
esac
