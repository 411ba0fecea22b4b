#!/usr/bin/env bash
# Runs the whole system locally, no Docker: Keycloak 26.7.3 from Maven Central in dev mode (embedded H2) with
# the bundle, the realm and the demo customers, a mail catcher whose inbox is a web page, and the DÁP simulator.
# Every start begins with a fresh database, so the realm file is always imported as it is now.
# Ports: KEYCLOAK_PORT (8080), MAIL_SMTP_PORT (2525), MAIL_WEB_PORT (8025), DAP_SIMULATOR_PORT (8090).
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
RUN_DIR=.local
KEYCLOAK_HOME=$RUN_DIR/keycloak-$KEYCLOAK_VERSION

for port in "$KEYCLOAK_PORT" "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT" "$DAP_SIMULATOR_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Port $port is already in use (another run?). Stop it, or choose other ports with" \
             "KEYCLOAK_PORT / MAIL_SMTP_PORT / MAIL_WEB_PORT / DAP_SIMULATOR_PORT." >&2
        exit 1
    fi
done

echo "Building the bundle, the mail catcher and the DÁP simulator..."
mvn -B -ntp -q -DskipTests -pl bundle,mail-catcher,dap-simulator -am package

if [ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]; then
    unpack_keycloak "$KEYCLOAK_VERSION" "$RUN_DIR"
fi
rm -rf "$KEYCLOAK_HOME/data"
mkdir -p "$KEYCLOAK_HOME/data/import" "$KEYCLOAK_HOME/providers"
cp realm-config/ugyfelportal-realm.json realm-config/demo/ugyfelportal-users-0.json "$KEYCLOAK_HOME/data/import/"
cp bundle/target/ugyfelportal-keycloak-bundle.jar "$KEYCLOAK_HOME/providers/"

stop_all() {
    trap - INT TERM EXIT
    echo "Stopping..."
    stop_children
    wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

start_mail_catcher "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT"
start_dap_simulator "$DAP_SIMULATOR_PORT" localhost "$RUN_DIR/dap-simulator.env"
export_realm_environment "$MAIL_SMTP_PORT"
mapfile -t observability < <(observability_options)
"$KEYCLOAK_HOME/bin/kc.sh" start-dev --http-port="$KEYCLOAK_PORT" --http-management-port=$((KEYCLOAK_PORT + 1000)) \
    "${observability[@]}" --import-realm > "$RUN_DIR/keycloak.log" 2>&1 &
children+=($!)
KEYCLOAK_PID=$!
await_realm Keycloak "http://localhost:$KEYCLOAK_PORT" "$KEYCLOAK_PID" "$RUN_DIR/keycloak.log"

cat <<INFO

The Ügyfélportál login is running.
  Customer login (account console): http://localhost:$KEYCLOAK_PORT/realms/ugyfelportal/account
  Admin console:                     http://localhost:$KEYCLOAK_PORT/admin   (admin / admin)
  Mail inbox (login codes, links):   http://localhost:$MAIL_WEB_PORT/
  DÁP simulator (the phone):         http://localhost:$DAP_SIMULATOR_PORT/   (paste the QR link, pick an identity)
  Metrics (Prometheus):              http://localhost:$((KEYCLOAK_PORT + 1000))/metrics
  Demo customers (password after the colon):
    kovacs.janos@example.hu     : Demo-jelszo-1   (two client numbers: the chooser)
    nagy.eva@example.hu         : Demo-jelszo-2   (one client number)
    fekete.epito.kft@example.hu : Demo-jelszo-3   (a company only)
Press Ctrl-C to stop.
INFO
wait "$KEYCLOAK_PID"
