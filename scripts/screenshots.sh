#!/usr/bin/env bash
# Takes the docs' screenshots of the registration and forgotten-password pages (headless Chromium, desktop and
# 360 px wide) into docs/screenshots/, against the same real Keycloak the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/test.sh -Dtest=RegistrationScreenshotsIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dscreenshots.dir="$(pwd)/docs/screenshots" "$@"
