# Finds a JDK 21+ (Keycloak 26.7 needs it at run time) and exports JAVA_HOME and PATH for it.
# JAVA_HOME wins when it is new enough; otherwise the newest JDK under /usr/lib/jvm is taken.

_java_feature_version() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

use_jdk_21_or_newer() {
    local candidate version best="" best_version=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        version=$(_java_feature_version "$JAVA_HOME")
        if [ "${version:-0}" -ge 21 ]; then
            best="$JAVA_HOME"; best_version=$version
        fi
    fi
    if [ -z "$best" ]; then
        for candidate in /usr/lib/jvm/*; do
            [ -x "$candidate/bin/javac" ] || continue
            version=$(_java_feature_version "$candidate")
            if [ "${version:-0}" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
                best="$candidate"; best_version=$version
            fi
        done
    fi
    if [ -z "$best" ]; then
        echo "No JDK 21 or newer found. Keycloak 26.7 needs one: set JAVA_HOME to a JDK 21+," >&2
        echo "or install one under /usr/lib/jvm (e.g. apt-get install openjdk-21-jdk-headless)." >&2
        return 1
    fi
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
    if [ "$best_version" -ge 23 ]; then
        # Maven 3.8's bundled Guava uses sun.misc.Unsafe; JDK 23+ warns about it on every run.
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
    echo "Using JDK $best_version at $JAVA_HOME" >&2
}
