#!/usr/bin/env bash
# The benchmarks, each printing its figures: plain password login vs. our full flow on one real Keycloak at 1, 4
# and 8 concurrent browsers (logins/s, latency percentiles, errors, server CPU per login, full/plain ratio); the
# time to draw one DÁP QR code; the server CPU of 1,000 browsers waiting on DÁP QR pages.
# BENCHMARK_SECONDS sets the length of each measured run (default 20); BENCHMARK_QR_PAGES the waiting pages (1000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
use_jdk_21_or_newer
exec mvn -B -ntp verify -Dtest='QrImageBenchmark,LoginBenchmark,DapWaitingBenchmark' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.seconds="${BENCHMARK_SECONDS:-20}" \
    -Dbenchmark.qrPages="${BENCHMARK_QR_PAGES:-1000}" -DtrimStackTrace=false
