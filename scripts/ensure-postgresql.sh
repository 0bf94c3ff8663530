#!/usr/bin/env bash
# Sourced by scripts/test.sh and ./rr: makes sure PostgreSQL's server programs (initdb, pg_ctl) exist,
# installing the Debian package postgresql when they do not (it does not start a service: the
# tests start private throwaway clusters as the postgres system user the package creates).
# Prints what it does on stderr. Uses rr_as_root and rr_private_server from scripts/ensure-mariadb.sh.

rr_find_initdb() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)
  [ -n "$found" ] && [ -x "$found" ] && echo "$found"
  true
}

# rr_ensure_postgresql PREFIX: returns non-zero (after printing why) when PostgreSQL is missing
# and cannot be installed.
rr_ensure_postgresql() {
  local say="$1"
  if [ -n "$(rr_find_initdb)" ]; then
    echo "$say PostgreSQL: private clusters from $(dirname "$(rr_find_initdb)")" >&2
    return 0
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$say ERROR: /usr/lib/postgresql/*/bin/initdb not found and apt-get is not available: install PostgreSQL 15+ (Debian layout)" >&2
    return 1
  fi
  echo "$say PostgreSQL: initdb not found, installing postgresql from Debian" >&2
  if ! rr_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2; then
    echo "$say install failed; refreshing package lists and trying again" >&2
    rr_as_root apt-get update >&2
    rr_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 || return 1
  fi
  if [ -z "$(rr_find_initdb)" ]; then
    echo "$say ERROR: postgresql installed but /usr/lib/postgresql/*/bin/initdb is still not found" >&2
    return 1
  fi
  echo "$say PostgreSQL: installed $(rr_find_initdb)" >&2
}

# rr_needs_private_postgresql ARGS...: true when ./rr's arguments start a private PostgreSQL
# cluster (quickstart --target postgresql).
rr_needs_private_postgresql() {
  [ "$(rr_private_server "$@")" = postgresql ]
}
