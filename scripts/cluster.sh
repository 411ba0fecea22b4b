#!/usr/bin/env bash
# Runs the Ügyfélportál login as a two-node Keycloak cluster on this machine, no Docker: a private PostgreSQL
# (Debian's package, installed when missing; data in target/cluster/postgres), and two Keycloak 26.7.3 processes in
# production mode on 127.0.0.1 with the bundle, sharing that database and forming one Infinispan cluster with
# Keycloak's default 'jdbc-ping' stack (the nodes find each other through a table in the shared database).
#
#   scripts/cluster.sh                  for a human: also starts the mail catcher and the DÁP simulator, prints the
#                                       URLs of both nodes; Ctrl-C stops everything
#   scripts/cluster.sh --test [args]    prepares the database and the two node installations, then runs the cluster
#                                       integration tests (Maven profile 'cluster'), which start the nodes, the mail
#                                       catcher and the simulator themselves, restart nodes, and stop them; the exit
#                                       code is the tests' result. Extra arguments go to Maven.
#
# Every run begins with an empty database, so the realm file (and the demo customers) are imported as they are now,
# once, by node A; node B joins without importing. Ports are free ones picked at each start.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/jdk.sh
source scripts/lib/keycloak.sh
source scripts/lib/services.sh
source scripts/lib/postgres.sh

MODE=run
if [ "${1:-}" = "--test" ]; then
    MODE=test
    shift
fi

use_jdk_21_or_newer
ensure_postgresql_installed

KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
RUN_DIR=$PWD/target/cluster
DIST=$RUN_DIR/dist/keycloak-$KEYCLOAK_VERSION
BUILT=$RUN_DIR/keycloak-built
BUNDLE_JAR=bundle/target/ugyfelportal-keycloak-bundle.jar
KEYCLOAK_CONF=deploy/keycloak.conf
PG_DIR=$RUN_DIR/postgres
DB_NAME=keycloak
DB_USER=keycloak
NODES=(a b)

is_listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A port nobody listens on, between 10000 and 15000, so that JGroups' failure detection (its port + 50000) fits too.
free_port() {
    local port
    while true; do
        port=$(shuf -i 10000-15000 -n 1)
        if ! is_listening "$port" && ! is_listening $((port + 50000)); then
            echo "$port"
            return
        fi
    done
}

stop_all() {
    trap - INT TERM EXIT
    echo "Stopping the cluster..."
    local pid node_pid_file
    stop_children
    # Nodes the tests started (and restarted) record their kc.sh process; one left behind by a crashed test JVM ends here.
    for node in "${NODES[@]}"; do
        node_pid_file=$RUN_DIR/node-$node/node.pid
        if [ -f "$node_pid_file" ]; then
            pid=$(cat "$node_pid_file")
            if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$RUN_DIR/node-$node" ]; then
                pkill -TERM -P "$pid" 2>/dev/null || true
                kill "$pid" 2>/dev/null || true
            fi
        fi
    done
    wait 2>/dev/null || true
    stop_private_postgres "$PG_DIR"
}
trap stop_all INT TERM EXIT

# The nodes get the bundle as the sources are now (in --test mode Maven rebuilds it again, unchanged, before the tests).
if [ "$MODE" = run ]; then
    echo "Building the bundle, the mail catcher and the DÁP simulator..."
    mvn -B -ntp -q -DskipTests -pl bundle,mail-catcher,dap-simulator -am package
else
    echo "Building the bundle..."
    mvn -B -ntp -q -DskipTests -pl bundle -am package
fi

if [ ! -x "$DIST/bin/kc.sh" ]; then
    unpack_keycloak "$KEYCLOAK_VERSION" "$RUN_DIR/dist"
fi

# One optimized build with the bundle and the production image's options (deploy/keycloak.conf: PostgreSQL, health,
# metrics, event metrics), redone only when the bundle or that file changed: the bundle's entries' names and CRCs
# where unzip is at hand (a rebuild renews the JAR's timestamps, not its content), else the JAR's own checksum.
bundle_fingerprint() {
    if command -v unzip > /dev/null; then
        unzip -v "$BUNDLE_JAR" | awk 'length($7) == 8 && $7 ~ /^[0-9a-f]+$/ {print $7, $8}' | sha256sum
    else
        sha256sum < "$BUNDLE_JAR"
    fi | cut -d' ' -f1
}
built_from="$KEYCLOAK_VERSION $(bundle_fingerprint) $(sha256sum < "$KEYCLOAK_CONF" | cut -d' ' -f1)"
if [ "$(cat "$BUILT/built-from" 2>/dev/null)" != "$built_from" ]; then
    echo "Building Keycloak for PostgreSQL with the bundle..."
    rm -rf "$BUILT"
    cp -a "$DIST" "$BUILT"
    cp "$BUNDLE_JAR" "$BUILT/providers/"
    cp "$KEYCLOAK_CONF" "$BUILT/conf/keycloak.conf"
    "$BUILT/bin/kc.sh" build > "$RUN_DIR/build.log" 2>&1 \
        || { echo "kc.sh build failed; see $RUN_DIR/build.log" >&2; exit 1; }
    echo "$built_from" > "$BUILT/built-from"
fi

echo "Starting PostgreSQL (data: $PG_DIR)..."
PG_PORT=$(free_port)
DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
start_private_postgres "$PG_DIR" "$PG_PORT"
recreate_database "$PG_DIR" "$PG_PORT" "$DB_NAME" "$DB_USER" "$DB_PASSWORD"

# Each node: its own copy of the built installation (its own data/ for temporary files and transaction logs), and
# its runtime options in conf/keycloak.conf, so that whoever starts it runs just 'bin/kc.sh start --optimized'.
declare -A HTTP_PORT
for node in "${NODES[@]}"; do
    home=$RUN_DIR/node-$node
    rm -rf "$home" "$home.log"
    cp -a "$BUILT" "$home"
    HTTP_PORT[$node]=$(free_port)
    { cat "$KEYCLOAK_CONF"; cat <<CONF

# Node $node of the local two-node cluster, appended by scripts/cluster.sh.
db-url=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB_NAME
db-username=$DB_USER
db-password=$DB_PASSWORD
http-enabled=true
http-host=127.0.0.1
http-port=${HTTP_PORT[$node]}
http-management-port=$(free_port)
# Every URL is built from the address the request came to, so each node can be reached directly.
hostname-strict=false
# Clustering: Keycloak's default cache stack 'jdbc-ping', with JGroups on loopback.
cache-embedded-network-bind-address=127.0.0.1
cache-embedded-network-bind-port=$(free_port)
spi-cache-embedded--default--node-name=node-$node
CONF
    } > "$home/conf/keycloak.conf"
    chmod 600 "$home/conf/keycloak.conf"
done
mkdir -p "$RUN_DIR/node-a/data/import"
cp realm-config/ugyfelportal-realm.json realm-config/demo/ugyfelportal-users-0.json "$RUN_DIR/node-a/data/import/"

if [ "$MODE" = test ]; then
    echo "Running the cluster integration tests..."
    set +e
    mvn -B -ntp -pl integration-tests -am -Pcluster -DskipUnitTests \
        -Dcluster.node.a.home="$RUN_DIR/node-a" -Dcluster.node.a.url="http://127.0.0.1:${HTTP_PORT[a]}" \
        -Dcluster.node.b.home="$RUN_DIR/node-b" -Dcluster.node.b.url="http://127.0.0.1:${HTTP_PORT[b]}" \
        "$@" verify
    result=$?
    set -e
    exit $result
fi

MAIL_SMTP_PORT=$(free_port)
MAIL_WEB_PORT=$(free_port)
DAP_SIMULATOR_PORT=$(free_port)

start_mail_catcher "$MAIL_SMTP_PORT" "$MAIL_WEB_PORT" "$RUN_DIR/mail-catcher.log"
start_dap_simulator "$DAP_SIMULATOR_PORT" 127.0.0.1 "$RUN_DIR/dap-simulator.env" "$RUN_DIR/dap-simulator.log"
export_realm_environment "$MAIL_SMTP_PORT"

# Starts a node in the background and waits until it serves the realm.
start_node() {
    local node=$1 home=$RUN_DIR/node-$1 pid
    shift
    (cd "$home" && exec bin/kc.sh start --optimized "$@") > "$RUN_DIR/node-$node.log" 2>&1 &
    pid=$!
    children+=($pid)
    await_realm "Keycloak node $node" "http://127.0.0.1:${HTTP_PORT[$node]}" "$pid" "$RUN_DIR/node-$node.log"
}
# Node A imports the realm into the empty database; node B starts after it and only joins the cluster.
start_node a --import-realm
start_node b
for _ in $(seq 1 30); do
    grep -q "ISPN000094.*(2)" "$RUN_DIR/node-b.log" && break
    sleep 1
done
cluster_view=$(grep -h "ISPN000094" "$RUN_DIR/node-b.log" | tail -n 1 | sed 's/.*ISPN000094: //')

cat <<INFO

The Ügyfélportál login is running on two clustered Keycloak nodes (one PostgreSQL database).
  Cluster view (node B's log): ${cluster_view:-"(no view with 2 members yet: check $RUN_DIR/node-b.log)"}
  Node A, customer login:  http://127.0.0.1:${HTTP_PORT[a]}/realms/ugyfelportal/account
  Node B, customer login:  http://127.0.0.1:${HTTP_PORT[b]}/realms/ugyfelportal/account
  Admin console:           http://127.0.0.1:${HTTP_PORT[a]}/admin   (admin / admin; same on node B)
  Mail inbox:              http://127.0.0.1:$MAIL_WEB_PORT/
  DÁP simulator:           http://127.0.0.1:$DAP_SIMULATOR_PORT/
  PostgreSQL:              127.0.0.1:$PG_PORT, database $DB_NAME (password in $RUN_DIR/node-a/conf/keycloak.conf)
  Demo customers: as for scripts/run-local.sh (e.g. kovacs.janos@example.hu : Demo-jelszo-1).
A browser keeps its cookies per host, not per port: start a login on node A, then change the port in the address
bar to node B's and go on there. Press Ctrl-C to stop everything.
INFO
wait
