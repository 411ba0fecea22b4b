#!/usr/bin/env bash
# Loads client numbers from the contracts system's CSV export into Keycloak through its Admin REST API.
# Usage: scripts/load-clients.sh <file.csv> [--dry-run]
# Environment: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (required);
#              KEYCLOAK_REALM [ugyfelportal], KEYCLOAK_ADMIN_REALM [master], KEYCLOAK_ADMIN_CLIENT_ID [admin-cli].
# Builds the loader first if needed. Exit code 0: all rows loaded, 2: some rows rejected, 1: failed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/client-loader/target/ugyfelportal-client-loader-runnable.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -ntp -q -DskipTests -pl client-loader -am package)
fi
# The loader itself needs only Java 17; JAVA_HOME wins over the java on the PATH.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar "$jar" "$@"
