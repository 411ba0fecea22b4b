#!/usr/bin/env bash
# Runs every test: the compose files' validation (docker-compose config -q), `mvn verify` (Surefire's unit tests, then
# Failsafe's integration tests *IT against a real Keycloak started once for the run), then (for the whole suite, i.e.
# without extra arguments) the two-node cluster tests on PostgreSQL (scripts/cluster.sh).
# Usage: scripts/test.sh [extra Maven arguments]
#   scripts/test.sh -Dit.test='PasswordLoginIT,DapLoginIT'                 the unit tests, then these integration tests
#   scripts/test.sh -DskipUnitTests -Dit.test='PasswordLoginIT#demoCustomerLogsIn'   only that integration test
#   scripts/test.sh -Dtest=EmailCodeRulesTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs   one unit test class
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
source scripts/lib/chromium.sh
source scripts/lib/compose.sh
use_jdk_21_or_newer
ensure_chromium
validate_compose_files
if [ "$#" -gt 0 ]; then
    exec mvn -B -ntp verify "$@"
fi
mvn -B -ntp verify
# Reuses the build above; installs PostgreSQL when missing and fails (never skips) when it cannot.
exec scripts/cluster.sh --test
