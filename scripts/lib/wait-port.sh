#!/usr/bin/env bash
# Small TCP helpers shared by scripts/kafka.sh and scripts/postgres.sh.
# Source it; it defines functions only and changes no shell options.

# port_open HOST PORT -> 0 when something accepts TCP connections on HOST:PORT.
port_open() {
  local host="$1" port="$2"
  timeout 2 bash -c "exec 3<>/dev/tcp/${host}/${port}" >/dev/null 2>&1
}

# wait_port HOST PORT TIMEOUT_SECONDS [PID]
# Waits until HOST:PORT accepts connections. Returns 1 on timeout, and 2 early
# when PID is given and that process has exited.
wait_port() {
  local host="$1" port="$2" timeout_s="$3" pid="${4:-}"
  local deadline=$((SECONDS + timeout_s))
  while ((SECONDS < deadline)); do
    if port_open "$host" "$port"; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      return 2
    fi
    sleep 0.5
  done
  return 1
}
