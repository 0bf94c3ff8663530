#!/usr/bin/env bash
# Builds every module and runs every test, unit and integration, exactly as CI does.
#   bash scripts/test.sh              # the whole build: mvn -B verify
#   bash scripts/test.sh -pl common   # extra arguments go to Maven
# Integration tests need the Cloud Spanner emulator (gcloud component) and a MySQL-compatible
# server: a private MariaDB is started per test JVM, installed here from Debian when missing.
# PostgreSQL tests start private clusters of the postgresql package, installed here when missing.
# Set RR_TEST_MYSQL_URL to use an existing server instead.
set -euo pipefail

cd "$(dirname "$0")/.."
started=$(date +%s)
say() { echo "[test.sh] $*"; }
fail() { echo "[test.sh] ERROR: $*" >&2; exit 1; }

# shellcheck source=scripts/ensure-mariadb.sh
. scripts/ensure-mariadb.sh
# shellcheck source=scripts/ensure-postgresql.sh
. scripts/ensure-postgresql.sh

# 1. A MySQL-compatible server for the integration tests.
rr_ensure_mariadb "[test.sh]" || fail "no MySQL-compatible server available (see above)"
rr_ensure_postgresql "[test.sh]" || fail "no PostgreSQL available (see above)"

# 2. The Cloud Spanner emulator (same lookup as dev.rr.common.local.SpannerEmulator).
if [ -n "${SPANNER_EMULATOR_HOST:-}" ]; then
  say "Spanner: using the emulator at SPANNER_EMULATOR_HOST=${SPANNER_EMULATOR_HOST}"
else
  if [ -n "${RR_SPANNER_EMULATOR_BIN:-}" ]; then
    emulator="${RR_SPANNER_EMULATOR_BIN}"
  else
    sdk_root=$(gcloud info --format='value(installation.sdk_root)' 2>/dev/null || true)
    emulator="${sdk_root:-/usr/lib/google-cloud-sdk}/bin/cloud_spanner_emulator/emulator_main"
  fi
  [ -x "$emulator" ] || fail "Cloud Spanner emulator not found at $emulator. Install it with 'gcloud components install cloud-spanner-emulator' (or the package google-cloud-cli-spanner-emulator), or set RR_SPANNER_EMULATOR_BIN to emulator_main."
  say "Spanner: emulator $emulator"
fi

# 3. The build. The Spanner client's metrics exporters would call Google's monitoring endpoint.
export SPANNER_DISABLE_BUILTIN_METRICS=true
export SPANNER_DISABLE_GRPC_GCP_OTEL_METRICS=true
export SPANNER_DISABLE_DIRECT_ACCESS_GRPC_BUILTIN_METRICS=true
command -v mvn >/dev/null 2>&1 || fail "mvn not found: install Maven 3.8+ (apt-get install maven)"
say "Java: $(java -version 2>&1 | head -1)"
say "Maven: $(mvn -B -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
say "running: mvn -B -ntp verify $* (local repository ~/.m2)"
status=0
mvn -B -ntp verify "$@" || status=$?
say "finished in $(( $(date +%s) - started ))s with exit code $status"
exit $status
