#!/usr/bin/env bash
# Brings an existing realm on a running Keycloak to a new realm file through its Admin REST API, the way a package
# manager treats a changed configuration file: only what changed between the realm file the realm was last brought to
# (remembered in the realm) and the new one is made; what an operator changed or added stays; a value both changed is
# a conflict, printed with both values, the realm's kept. Authentication flows and executions with their settings,
# identity providers and mappers, the user profile, client scopes, clients, localization texts and realm settings;
# users, credentials, sessions, links, roles, groups and events stay as they are. Values that are ${VAR} placeholders
# in the file keep the server's value unless --overwrite-environment-values (refused when a variable is unset and has
# no default or an empty one).
# Usage: scripts/upgrade-realm.sh [realm-file.json] [--dry-run] [--overwrite-environment-values] [--prune]
#                                 [--force-file-values]
#        (the file defaults to realm-config/ugyfelportal-realm.json; see docs/operations.md, "Upgrades")
# Environment: KEYCLOAK_URL, KEYCLOAK_ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD (required);
#              KEYCLOAK_REALM [ugyfelportal], KEYCLOAK_ADMIN_REALM [master], KEYCLOAK_ADMIN_CLIENT_ID [admin-cli].
# Builds the command first if needed. Exit code 0: done (or dry run), 1: failed or refused before any change,
# 2: Keycloak refused a change (the run stopped there), 3: done, with conflicts or a broken secret to look at.
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
