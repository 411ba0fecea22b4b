#!/usr/bin/env bash
# Runs every test: unit tests, then the integration tests against a real Keycloak started once for the run.
# Usage: scripts/test.sh [extra Maven arguments, e.g. -Dtest=PasswordLoginIT -Dsurefire.failIfNoSpecifiedTests=false]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
source scripts/lib/chromium.sh
use_jdk_21_or_newer
ensure_chromium
exec mvn -B -ntp verify "$@"
