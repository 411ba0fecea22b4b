#!/usr/bin/env bash
# The login benchmark: plain password login vs. our full flow on one real Keycloak, at 1, 4 and 8 concurrent
# browsers; prints logins/s, latency percentiles, errors, server CPU per login and the full/plain ratio.
# BENCHMARK_SECONDS sets the length of each measured run (default 20; the whole benchmark takes ~14 of them).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
use_jdk_21_or_newer
exec mvn -B -ntp verify -Dtest=LoginBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbenchmark.seconds="${BENCHMARK_SECONDS:-20}" -DtrimStackTrace=false
