# Sourced by run-local.sh and cluster.sh: the development services around Keycloak (mail catcher, DÁP simulator,
# demo portal), the realm's environment for a local run, waiting for Keycloak, and stopping what the script started.

# The background processes the script started; stop_children ends each and whatever it started itself.
children=()

stop_children() {
    local pid
    for pid in "${children[@]}"; do
        pkill -TERM -P "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
}

# start_mail_catcher SMTP_PORT WEB_PORT [LOG]: GreenMail and its web inbox; output to LOG, else to the console.
start_mail_catcher() {
    local jar=(mail-catcher/target/ugyfelportal-mail-catcher-*-standalone.jar)
    if [ -n "${3:-}" ]; then
        java -jar "${jar[0]}" "$1" "$2" > "$3" 2>&1 &
    else
        java -jar "${jar[0]}" "$1" "$2" &
    fi
    children+=($!)
}

# start_dap_simulator PORT HOST ENV_FILE [LOG]: the simulator makes fresh development-only keys at each start and
# writes the realm's DÁP settings for them into ENV_FILE; once it has, they are exported, with the QR scheme that
# makes the QR page's phone button open the simulator's wallet page.
start_dap_simulator() {
    local port=$1 host=$2 env_file=$3 log=${4:-} pid
    local jar=(dap-simulator/target/ugyfelportal-dap-simulator-*-standalone.jar)
    rm -f "$env_file"
    if [ -n "$log" ]; then
        java -jar "${jar[0]}" "$port" "$host" "$env_file" > "$log" 2>&1 &
    else
        java -jar "${jar[0]}" "$port" "$host" "$env_file" &
    fi
    pid=$!
    children+=($pid)
    until [ -s "$env_file" ]; do
        kill -0 "$pid" 2>/dev/null || { echo "The DÁP simulator did not start." >&2; exit 1; }
        sleep 1
    done
    source "$env_file"
    export UGYFELPORTAL_DAP_QR_SCHEME=http://$host:$port/wallet
}

# start_demo_portal PORTAL_URL KEYCLOAK_URL: the demo portal on PORTAL_URL's port, logging in with the realm's portal
# client at KEYCLOAK_URL; its secret comes from UGYFELPORTAL_PORTAL_CLIENT_SECRET (export_realm_environment).
start_demo_portal() {
    local jar=(demo-portal/target/ugyfelportal-demo-portal-*-standalone.jar)
    java -jar "${jar[0]}" "$1" "$2" &
    children+=($!)
}

# export_realm_environment SMTP_PORT: the admin account and the realm file's placeholders for a local run.
export_realm_environment() {
    export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
    export UGYFELPORTAL_SMTP_HOST=127.0.0.1 UGYFELPORTAL_SMTP_PORT=$1
    export UGYFELPORTAL_PORTAL_CLIENT_SECRET=${UGYFELPORTAL_PORTAL_CLIENT_SECRET:-local-dev-secret}
}

# await_realm NAME URL PID LOG: waits until the Keycloak process PID serves the ugyfelportal realm under URL; if the
# process ends first, shows the end of its LOG and stops the script.
await_realm() {
    local name=$1 url=$2 pid=$3 log=$4
    echo "Starting $name (log: $log)..."
    until curl -sf -o /dev/null "$url/realms/ugyfelportal"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name stopped while starting; the end of its log:" >&2
            tail -n 40 "$log" >&2
            exit 1
        fi
        sleep 2
    done
}
