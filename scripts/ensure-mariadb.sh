#!/usr/bin/env bash
# Sourced by scripts/test.sh and ./rr: makes sure the MariaDB server binaries exist, installing
# the Debian package mariadb-server when they do not (~12 s; it does not start a service: the
# tests and the quickstart start private throwaway servers). Prints what it does on stderr.
# Skipped when RR_TEST_MYSQL_URL names an existing server.

rr_find_mariadbd() {
  command -v mariadbd 2>/dev/null || { [ -x /usr/sbin/mariadbd ] && echo /usr/sbin/mariadbd; } || true
}

rr_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# rr_ensure_mariadb PREFIX: returns non-zero (after printing why) when no server can be provided.
rr_ensure_mariadb() {
  local say="$1"
  if [ -n "${RR_TEST_MYSQL_URL:-}" ]; then
    echo "$say MySQL: using RR_TEST_MYSQL_URL (existing server; tests that stop a server will fail)" >&2
    return 0
  fi
  if [ -n "$(rr_find_mariadbd)" ]; then
    echo "$say MySQL: private MariaDB servers from $(rr_find_mariadbd)" >&2
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$say ERROR: mariadbd not found and apt-get is not available: install MariaDB (mariadbd, mariadb-install-db), or set RR_TEST_MYSQL_URL=jdbc:mysql://host:port/?user=U&password=P" >&2
    return 1
  fi
  echo "$say MySQL: mariadbd not found, installing mariadb-server from Debian" >&2
  if ! rr_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server >&2; then
    echo "$say install failed; refreshing package lists and trying again" >&2
    rr_as_root apt-get update >&2
    rr_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server >&2 || return 1
  fi
  if [ -z "$(rr_find_mariadbd)" ]; then
    echo "$say ERROR: mariadb-server installed but mariadbd is still not found" >&2
    return 1
  fi
  echo "$say MySQL: installed $(rr_find_mariadbd)" >&2
}

# rr_private_server ARGS...: prints the private database server ./rr's arguments start - mariadb
# (quickstart, check) or postgresql (quickstart, check or bench with --target postgresql) - or nothing: for help or
# the version, for other subcommands, or when --mysqlHost names an external server.
rr_private_server() {
  local subcommand="" target=mysql target_next="" arg
  for arg in "$@"; do
    if [ -n "$target_next" ]; then
      target="$arg"
      target_next=""
      continue
    fi
    case "$arg" in
      -h|--help|-V|--version|help) return 0 ;;
      --mysqlHost|--mysqlHost=*) return 0 ;;
      --target) target_next=1 ;;
      --target=*) target="${arg#--target=}" ;;
      -*) ;;
      *) [ -z "$subcommand" ] && subcommand="$arg" ;;
    esac
  done
  case "$subcommand:$target" in
    quickstart:postgresql|bench:postgresql|check:postgresql) echo postgresql ;;
    quickstart:*|check:*) echo mariadb ;;
  esac
}

# rr_needs_private_mariadb ARGS...: true when ./rr's arguments start private MariaDB servers.
rr_needs_private_mariadb() {
  [ "$(rr_private_server "$@")" = mariadb ]
}
