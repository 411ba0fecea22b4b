#!/usr/bin/env bash
# The soak: load/SoakRun (not in the normal test run yet, see docs/testing.md). Against one real Keycloak it runs
# every workload over and over (password+code logins, abandoned code logins, link requests behind a mail relay that
# stalls each mail 1 s, DÁP logins answered, abandoned before and after the wallet's fetch, declined, status streams
# opened and dropped), then moves the test clock past every lifetime and prints and asserts: the entries of the
# actionTokens and authenticationSessions caches back to their baseline, live threads back, the heap after a full GC
# within 10 %, no 5xx, every promised link mail sent (line SOAK in the output).
#
# SOAK_SECONDS   how long the workloads run (default 600)
set -euo pipefail
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"
    exit 0
fi
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
use_jdk_21_or_newer
mkdir -p integration-tests/target/soak
exec mvn -B -ntp verify -DskipUnitTests -Dit.test=SoakRun -Dsoak.seconds="${SOAK_SECONDS:-600}" \
    | tee integration-tests/target/soak/soak.log
