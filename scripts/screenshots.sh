#!/usr/bin/env bash
# Takes screenshots of every page a customer meets (login, code, chooser, demo portal, error pages, DÁP QR and
# linking, logout, registration and forgotten password) in Hungarian and English, 1280 and 390 px wide, into
# docs/screenshots/<locale>/, with headless Chromium against the same real Keycloak the tests use (ScreenshotsIT).
# Earlier screenshots are removed first, so a page that no longer exists leaves no picture behind.
set -euo pipefail
cd "$(dirname "$0")/.."
find docs/screenshots -name '*.png' -delete 2>/dev/null || true
exec scripts/test.sh -DskipUnitTests -Dit.test=ScreenshotsIT \
    -Dscreenshots.dir="$(pwd)/docs/screenshots" "$@"
