#!/usr/bin/env bash
# The benchmarks, each printing its figures: plain password login vs. our full flow on one real Keycloak at 1, 4
# and 8 concurrent browsers (logins/s, latency percentiles and per step, errors, Keycloak CPU per login, password
# hashes per login, full/plain ratio); the time to draw one DÁP QR code; the server CPU of 1,000 browsers waiting on
# DÁP QR pages, each QR renewed in place when it runs out (printed beside the figures before the status stream);
# whole DÁP logins against plain password logins, in both runs (DapLoginBenchmark: DÁP/plain ratio, JFR breakdown).
#
# Keycloak runs in dev mode on H2 as in the tests, but with templates and themes cached as in production
# (dev mode re-reads and re-parses every template and message bundle on each request) and with its metrics on
# (the password-hash counter). The login benchmark then runs a second time with Keycloak pinned to CPU 0 and the
# load generator + GreenMail to CPU 1, so that ratio measures the server rather than the shared machine.
#
# BENCHMARK_SECONDS   length of each measured run (default 20)
# BENCHMARK_QR_PAGES  waiting DÁP pages (default 1000)
# BENCHMARK_PIN       1 (default): shared run, then the pinned login run; 0: shared run only
# BENCHMARK_JFR       a directory: Keycloak records a flight recording there (keycloak-shared.jfr, -pinned.jfr),
#                     with CPU-time samples (jdk.CPUTimeSample, true on a busy machine too) beside the usual ones;
#                     read it with e.g. `jfr view hot-methods FILE` or `jfr print --events jdk.CPUTimeSample FILE`;
#                     the login benchmark prints a WINDOW line per measured run (flow, browsers, start and end in
#                     epoch ms, logins) to split the recording by flow
# BENCHMARK_CONCURRENCY  the login runs' concurrent browsers (default 1,4,8; e.g. 4 for a profile of one level;
#                     the regression check needs 8)
#
# The pinned login run compares the full flow's extra Keycloak CPU per login (8 browsers) with the figure on the
# `regression-reference:` line of docs/performance.md and prints REGRESSION, failing the run, when it grew by more
# than 2 ms.
set -euo pipefail
if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
    sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"
    exit 0
fi
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
use_jdk_21_or_newer

seconds="${BENCHMARK_SECONDS:-20}"
pin="${BENCHMARK_PIN:-1}"
logs=integration-tests/target/benchmark
mkdir -p "$logs"
rm -f "$logs"/*.log
production_caching="--spi-theme--cache-themes=true --spi-theme--cache-templates=true"

# run NAME UNIT_BENCHMARKS IT_BENCHMARKS [command prefix...]: one Maven run of the given benchmark classes (Surefire runs
# the unit ones, none when the list is empty; Failsafe the ones against Keycloak), its output kept in $logs/NAME.log.
run() {
    local name="$1" unit="$2" its="$3"
    shift 3
    local jfr=() unit_tests=(-DskipUnitTests)
    if [[ -n "$unit" ]]; then
        unit_tests=("-Dtest=$unit" -Dsurefire.failIfNoSpecifiedTests=false)
    fi
    if [[ -n "${BENCHMARK_JFR:-}" ]]; then
        mkdir -p "$BENCHMARK_JFR"
        jfr=("-Dkeycloak.javaOptsAppend=-XX:StartFlightRecording=filename=$(realpath "$BENCHMARK_JFR")/keycloak-$name.jfr,settings=profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=5ms,dumponexit=true")
    fi
    "$@" mvn -B -ntp verify "${unit_tests[@]}" -Dit.test="$its" \
        -Dbenchmark.seconds="$seconds" -Dbenchmark.qrPages="${BENCHMARK_QR_PAGES:-1000}" -DtrimStackTrace=false \
        -Dbenchmark.concurrency="${BENCHMARK_CONCURRENCY:-1,4,8}" "-Dbenchmark.reference=$(realpath docs/performance.md)" \
        "-Dkeycloak.options=$production_caching" ${jfr[@]+"${jfr[@]}"} \
        ${KEYCLOAK_CPUS:+"-Dkeycloak.cpus=$KEYCLOAK_CPUS"} | tee "$logs/$name.log"
}

# A failed run (login errors, hashes, a REGRESSION) fails the script, after the summary of both runs.
status=0
run shared QrImageBenchmark 'LoginBenchmark,DapWaitingBenchmark,DapLoginBenchmark,LinkAnswerBenchmark' || status=$?
if [[ "$pin" == 1 ]]; then
    if (( $(nproc) < 2 )); then
        echo "Pinned run skipped: it needs 2 CPUs, this machine has $(nproc)." >&2
    else
        KEYCLOAK_CPUS=0 run pinned '' 'LoginBenchmark,DapLoginBenchmark,LinkAnswerBenchmark' taskset --cpu-list 1 || status=$?
    fi
fi

echo
echo "Full/plain login ratio (target >= 0.90), shared machine and pinned; the regression check (pinned):"
grep -h -e '^RESULT ' -e '^REGRESSION ' -e '^Regression check' "$logs"/*.log || echo "(no RESULT lines: see $logs/*.log)"
echo "DÁP/plain login ratio (target >= 2.00), shared machine and pinned:"
grep -h '^DAP-RESULT ' "$logs"/*.log || echo "(no DAP-RESULT lines: see $logs/*.log)"
echo "Enumeration-safe link answer, known against unknown address (fails above 2 ms of medians):"
grep -h '^LINK-ANSWER ' "$logs"/*.log || echo "(no LINK-ANSWER lines: see $logs/*.log)"
exit "$status"
