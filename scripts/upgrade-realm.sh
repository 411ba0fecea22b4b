#!/usr/bin/env bash
# Brings an existing realm on a running Keycloak to the state of the realm file, through its Admin REST API:
# authentication flows and executions with their settings, identity providers and mappers, the user profile, client
# scopes, clients, localization texts and realm settings. Users, credentials, sessions, links and events stay as they are;
# values that are ${VAR} placeholders in the file keep the server's value unless --overwrite-environment-values.
# Usage: scripts/upgrade-realm.sh [realm-file.json] [--dry-run] [--overwrite-environment-values]
#        (the file defaults to realm-config/ugyfelportal-realm.json)
# Environment: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (required);
#              KEYCLOAK_REALM [ugyfelportal], KEYCLOAK_ADMIN_REALM [master], KEYCLOAK_ADMIN_CLIENT_ID [admin-cli].
# Builds the command first if needed. Exit code 0: the realm matches the file (or dry run), 2: Keycloak refused
# some changes (listed), 1: failed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/client-loader/target/ugyfelportal-client-loader-runnable.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -ntp -q -DskipTests -pl client-loader -am package)
fi
args=("$@")
if [[ " $* " != *".json "* ]]; then
  args=("$root/realm-config/ugyfelportal-realm.json" "$@")
fi
# Needs only Java 17; JAVA_HOME wins over the java on the PATH.
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$jar" hu.ugyfelportal.upgrade.RealmUpgradeMain "${args[@]}"
