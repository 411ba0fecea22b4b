# A private PostgreSQL instance for local runs (the two-node cluster): Debian's server programs, a data directory of
# its own below the project's target/, its own port on 127.0.0.1, no Unix socket outside that directory. It never
# touches a system-wide PostgreSQL cluster. PostgreSQL refuses to run as root, so as root it runs as the 'postgres'
# user that Debian's package creates.
#
#   ensure_postgresql_installed              apt-get installs Debian's 'postgresql' when initdb is missing
#   start_private_postgres DIR PORT          initdb into DIR on first use, then start it on 127.0.0.1:PORT
#   recreate_database DIR PORT DB USER PASSWORD   a fresh, empty database owned by USER (password login over TCP)
#   stop_private_postgres DIR                stops it (fast shutdown); harmless when it is not running

_postgres_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

ensure_postgresql_installed() {
    if _postgres_bin_dir > /dev/null; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "PostgreSQL is not installed, and only root can install it: run 'sudo apt-get install postgresql'." >&2
        return 1
    fi
    echo "Installing PostgreSQL from the Debian packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q --no-install-recommends postgresql < /dev/null > /dev/null; then
        apt-get update -q < /dev/null > /dev/null || true
        apt-get install -y -q --no-install-recommends postgresql < /dev/null > /dev/null || {
            echo "Could not install Debian's 'postgresql' package (see apt-get's messages above)." >&2
            return 1
        }
    fi
    _postgres_bin_dir > /dev/null || { echo "Installed 'postgresql', but found no initdb under /usr/lib/postgresql." >&2; return 1; }
}

# Runs a PostgreSQL program as the user owning the data directory: 'postgres' when we are root, else ourselves.
_as_postgres_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start_private_postgres() {
    local dir=$1 port=$2 bin
    bin=$(_postgres_bin_dir)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres: "$dir"
        chmod 700 "$dir"
        if ! runuser -u postgres -- test -x "$dir"; then
            echo "The 'postgres' user cannot reach $dir (a parent directory is closed to it)." >&2
            return 1
        fi
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
        # Local (socket) logins only for the owner; TCP logins need a password.
        _as_postgres_owner "$bin/initdb" -D "$dir" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=peer --auth-host=scram-sha-256 > "$dir.initdb.log" 2>&1 \
            || { echo "initdb failed; see $dir.initdb.log" >&2; return 1; }
    fi
    # A previous run killed hard may have left this instance running: it is ours, stop it first.
    stop_private_postgres "$dir"
    _as_postgres_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$dir'" start > /dev/null \
        || { echo "PostgreSQL did not start; the end of its log:" >&2; tail -n 20 "$dir/server.log" >&2; return 1; }
}

recreate_database() {
    local dir=$1 port=$2 database=$3 user=$4 password=$5 bin
    bin=$(_postgres_bin_dir)
    dir=$(cd "$dir" && pwd)
    PGOPTIONS='-c client_min_messages=warning' _as_postgres_owner "$bin/psql" -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres > /dev/null <<SQL
DROP DATABASE IF EXISTS "$database" WITH (FORCE);
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN CREATE ROLE "$user" LOGIN; END IF;
END \$\$;
ALTER ROLE "$user" PASSWORD '$password';
CREATE DATABASE "$database" OWNER "$user" ENCODING 'UTF8';
SQL
}

stop_private_postgres() {
    local dir=$1 bin
    bin=$(_postgres_bin_dir) || return 0
    [ -f "$dir/postmaster.pid" ] || return 0
    _as_postgres_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop > /dev/null 2>&1 || true
}
