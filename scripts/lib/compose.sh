# Validates the compose files with Debian's docker-compose (installed when missing, as root; otherwise the run fails
# and says what to install). No container engine is needed: 'config -q' only reads and checks the files.
validate_compose_files() {
    if ! command -v docker-compose > /dev/null; then
        if [ "$(id -u)" -ne 0 ]; then
            echo "Validating the compose files needs Debian's docker-compose: sudo apt-get install docker-compose" >&2
            return 1
        fi
        echo "Installing docker-compose from Debian..." >&2
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null
    fi
    echo "Validating docker-compose.yml and deploy/docker-compose.production.yml..."
    docker-compose -f docker-compose.yml config -q
    # The production file requires its secrets; the example values stand in for them.
    docker-compose --env-file deploy/production.env.example -f deploy/docker-compose.production.yml config -q
}
