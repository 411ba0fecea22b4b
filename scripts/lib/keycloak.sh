# Sourced by the scripts that run Keycloak from its distribution on Maven Central.

# unpack_keycloak VERSION DIR: unpacks keycloak-quarkus-dist VERSION into DIR (giving DIR/keycloak-VERSION).
# The unpack plugin skips an artifact it has unpacked before anywhere (marker files in the project's target/), so
# each caller, which unpacks only when its own copy is missing, asks it to unpack again.
unpack_keycloak() {
    local version=$1 dir=$2
    echo "Unpacking Keycloak $version from Maven Central..."
    mvn -B -ntp -q -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
        -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:zip" -DoutputDirectory="$dir" \
        -Dmdep.overWriteReleases=true
    if [ ! -f "$dir/keycloak-$version/bin/kc.sh" ]; then
        echo "Keycloak $version could not be unpacked into $dir." >&2
        return 1
    fi
    chmod +x "$dir/keycloak-$version"/bin/*.sh
}

# observability_options: the health, metrics and event-metrics options of deploy/keycloak.conf (the production image's
# and the cluster's) as kc.sh arguments, so that a start-dev counts the same events under the same tags.
observability_options() {
    sed -n -E 's/^[[:space:]]*((health|metrics|event-metrics)-[a-z-]+)[[:space:]]*=[[:space:]]*(.*[^[:space:]])[[:space:]]*$/--\1=\3/p' \
        "$(dirname "${BASH_SOURCE[0]}")/../../deploy/keycloak.conf"
}
