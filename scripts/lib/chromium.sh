# Installs Debian's Chromium and its driver for the browser tests, unless they are already there.
ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "Browser tests need Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2
        return 1
    fi
    echo "Installing chromium and chromium-driver from Debian..." >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null
}
