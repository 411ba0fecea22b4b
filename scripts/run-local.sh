#!/usr/bin/env bash
# Runs the whole system locally, no Docker: Keycloak 26.7.3 from Maven Central in dev mode (embedded H2) with
# the bundle, the realm and the demo customers, a mail catcher whose inbox is a web page, the DÁP simulator, and a
# demo portal on the realm's portal client. Every start begins with a fresh database, so the realm file is always
# imported as it is now.
# Ports: KEYCLOAK_PORT (8080), MAIL_SMTP_PORT (2525), MAIL_WEB_PORT (8025), DAP_SIMULATOR_PORT (8090); the demo portal
# listens on the port of UGYFELPORTAL_PORTAL_URL (http://localhost:3000), the realm's portal address.
# Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
source scripts/lib/keycloak.sh
source scripts/lib/services.sh
use_jdk_21_or_newer

KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
KEYCLOAK_PORT=${KEYCLOAK_PORT:-8080}
MAIL_SMTP_PORT=${MAIL_SMTP_PORT:-2525}
MAIL_WEB_PORT=${MAIL_WEB_PORT:-8025}
DAP_SIMULATOR_PORT=${DAP_SIMULATOR_PORT:-8090}
UGYFELPORTAL_PORTAL_URL=${UGYFELPORTAL_PORTAL_URL:-http://localhost:3000}
export UGYFELPORTAL_PORTAL_URL=${UGYFELPORTAL_PORTAL_URL%/}
PORTAL_PORT=$(sed -n 's,^https\?://[^/]*:\([0-9]\+\)$,\1,p' <<< "$UGYFELPORTAL_PORTAL_URL")
if [ -z "$PORTAL_PORT" ]; then
    echo "UGYFELPORTAL_PORTAL_URL must name its port, e.g. http://localhost:3000 (it is $UGYFELPORTAL_PORTAL_URL)." >&2
    exit 1
fi
RUN_DIR=.local
KEYCLOAK_HOME=$RUN_DIR/keycloak-$KEYCLOAK_VERSION

for port in "$KEYCLOAK_PORT" "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT" "$DAP_SIMULATOR_PORT" "$PORTAL_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Port $port is already in use (another run?). Stop it, or choose other ports with" \
             "KEYCLOAK_PORT / MAIL_SMTP_PORT / MAIL_WEB_PORT / DAP_SIMULATOR_PORT / UGYFELPORTAL_PORTAL_URL." >&2
        exit 1
    fi
done

# Debian's Maven 3.8 writes colour resets even in quiet batch mode: dropped from what it prints, errors kept.
without_colour_codes() {
    sed 's/\x1b\[[0-9;]*m//g'
}

echo "Building the bundle, the mail catcher, the DÁP simulator and the demo portal..."
mvn -B -ntp -q -DskipTests -pl bundle,mail-catcher,dap-simulator,demo-portal -am package 2>&1 | without_colour_codes

if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
    unpack_keycloak "$KEYCLOAK_VERSION" "$RUN_DIR" 2>&1 | without_colour_codes
fi
rm -rf "$KEYCLOAK_HOME/data"
mkdir -p "$KEYCLOAK_HOME/data/import" "$KEYCLOAK_HOME/providers"
cp realm-config/ugyfelportal-realm.json realm-config/demo/ugyfelportal-users-0.json "$KEYCLOAK_HOME/data/import/"
cp bundle/target/ugyfelportal-keycloak-bundle.jar "$KEYCLOAK_HOME/providers/"

stop_all() {
    trap - INT TERM EXIT
    # After Ctrl-C on "run-local.sh | tee", the pipe is gone: printing must not end the script before its children.
    trap '' PIPE
    echo "Stopping..." 2>/dev/null || true
    stop_children
    wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

start_mail_catcher "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT"
start_dap_simulator "$DAP_SIMULATOR_PORT" localhost "$RUN_DIR/dap-simulator.env"
# Keycloak's vault (one file per secret), as docs/operations.md keeps them in production: the simulator's dev-only
# signing key and a pseudonym key for this start's fresh database.
VAULT_DIR=$RUN_DIR/vault
mkdir -p "$VAULT_DIR" && chmod 700 "$VAULT_DIR"
printf '%s' "$UGYFELPORTAL_DAP_SIGNING_KEY" > "$VAULT_DIR/ugyfelportal_dap-signing-key"
head -c 48 /dev/urandom | base64 -w0 > "$VAULT_DIR/ugyfelportal_dap-pseudonym-key"
export_realm_environment "$MAIL_SMTP_PORT"
start_demo_portal "$UGYFELPORTAL_PORTAL_URL" "http://localhost:$KEYCLOAK_PORT"
mapfile -t observability < <(observability_options)
# Its log goes to a file, not a terminal: plain text, without colour codes.
"$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --http-management-port=$((KEYCLOAK_PORT + 1000)) \
    "${observability[@]}" --vault=file --vault-dir="$VAULT_DIR" --import-realm --log-console-color=false \
    > "$RUN_DIR/keycloak.log" 2>&1 &
children+=($!)
KEYCLOAK_PID=$!
await_realm Keycloak "http://localhost:$KEYCLOAK_PORT" "$KEYCLOAK_PID" "$RUN_DIR/keycloak.log"

cat <<INFO

The Ügyfélportál login is running.
  Demo portal (start here):          $UGYFELPORTAL_PORTAL_URL/   (log in, see the chosen client number)
  Customer login (account console): http://localhost:$KEYCLOAK_PORT/realms/ugyfelportal/account
  Admin console:                     http://localhost:$KEYCLOAK_PORT/admin   (admin / admin)
  Mail inbox (login codes, links):   http://localhost:$MAIL_WEB_PORT/
  DÁP simulator (the phone):         http://localhost:$DAP_SIMULATOR_PORT/   (paste the QR link, pick an identity)
  Metrics (Prometheus):              http://localhost:$((KEYCLOAK_PORT + 1000))/metrics
  Demo customers (password after the colon):
    kovacs.janos@example.hu     : Demo-jelszo-1   (two client numbers: the chooser)
    nagy.eva@example.hu         : Demo-jelszo-2   (one client number)
    fekete.epito.kft@example.hu : Demo-jelszo-3   (a company only)
    szabo.anna@example.hu       : no password yet (register it: login page -> Regisztrációs oldal)
Step by step: docs/try-it.md
Press Ctrl-C to stop.
INFO
wait "$KEYCLOAK_PID"
