# shellcheck shell=bash
# Finds a JDK new enough for Parley. Sourced by bin/parley and bin/test.
#
#   parley_find_java   sets PARLEY_JAVA (the java binary) and PARLEY_JAVA_HOME, or prints why not
#                      to stderr and returns 1.
#
# Looks at JAVA_HOME, then `java` on PATH, then the usual install folders (the newest JDK there wins).
# A candidate counts only if it is a JDK (has javac: Parley builds itself on first use) of version
# PARLEY_MIN_JAVA (21) or newer.

PARLEY_MIN_JAVA=${PARLEY_MIN_JAVA:-21}

# Major version of the JDK at HOME ("1.8.0_292" -> 8, "25.0.3" -> 25), from its release file if it
# has one (no JVM start), else by asking its java. Prints nothing when it cannot tell.
_parley_java_major() {
    local home=$1 version=""
    if [[ -r "$home/release" ]]; then
        version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release" 2>/dev/null | head -n 1) || true
    fi
    if [[ -z "$version" && -x "$home/bin/java" ]]; then
        version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = //p' | head -n 1) || true
    fi
    version=${version#1.}
    version=${version%%[^0-9]*}
    [[ -n "$version" ]] && printf '%s\n' "$version"
    return 0 # callers run under set -e: "unknown" is an empty answer, not a failure
}

# The home of the java binary on PATH (which is often a chain of symlinks), asked of java itself.
_parley_path_java_home() {
    local java
    java=$(command -v java 2>/dev/null) || return 1
    "$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1
}

# Is HOME a JDK of at least PARLEY_MIN_JAVA? Records what it saw in _parley_seen either way.
_parley_try_home() {
    local home=$1 major
    [[ -n "$home" && -x "$home/bin/java" ]] || return 1
    # Symlinked aliases (default-java, java-1.17.0-openjdk-amd64, sdkman's current) count once.
    home=$(cd -P "$home" 2>/dev/null && pwd -P) || return 1
    [[ "$_parley_visited" == *" $home "* ]] && return 1
    _parley_visited+="$home "
    major=$(_parley_java_major "$home")
    if [[ ! -x "$home/bin/javac" ]]; then
        _parley_seen+=("$home (${major:+Java $major }runtime only, no javac)")
        return 1
    fi
    if [[ -z "$major" || "$major" -lt "$PARLEY_MIN_JAVA" ]]; then
        _parley_seen+=("$home (Java ${major:-of unknown version})")
        return 1
    fi
    PARLEY_JAVA_HOME=$home
    PARLEY_JAVA="$home/bin/java"
    return 0
}

# Says so when JAVA_HOME was set but passed over, so nobody wonders which JDK runs.
_parley_note_java_home() {
    if [[ -n "${JAVA_HOME:-}" ]]; then
        echo "Note: JAVA_HOME is not a JDK $PARLEY_MIN_JAVA+: ${_parley_seen[0]:-$JAVA_HOME}." \
            "Using $PARLEY_JAVA_HOME." >&2
    fi
}

parley_find_java() {
    _parley_seen=()
    _parley_visited=" "
    PARLEY_JAVA= PARLEY_JAVA_HOME=

    if [[ -n "${JAVA_HOME:-}" ]]; then
        _parley_try_home "$JAVA_HOME" && return 0
        [[ -x "$JAVA_HOME/bin/java" ]] || _parley_seen+=("$JAVA_HOME (no bin/java)")
    fi

    local path_home
    if path_home=$(_parley_path_java_home) && _parley_try_home "$path_home"; then
        _parley_note_java_home
        return 0
    fi

    # The newest JDK among the usual install folders.
    local dir major best="" best_major=0
    shopt -s nullglob
    for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
        /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [[ -x "$dir/bin/java" ]] || continue
        major=$(_parley_java_major "$dir")
        if [[ -x "$dir/bin/javac" && -n "$major" && "$major" -ge "$PARLEY_MIN_JAVA" ]]; then
            if ((major > best_major)); then
                best=$dir best_major=$major
            fi
        else
            _parley_try_home "$dir" || true # only records why it does not fit
        fi
    done
    shopt -u nullglob
    if [[ -n "$best" ]] && _parley_try_home "$best"; then
        _parley_note_java_home
        return 0
    fi

    local looked="nothing usable"
    if ((${#_parley_seen[@]} > 0)); then
        looked=$(printf '%s, ' "${_parley_seen[@]}")
        looked=${looked%, }
    fi
    {
        echo "Parley needs a JDK $PARLEY_MIN_JAVA or newer; none found (looked at: JAVA_HOME, java on PATH," \
            "/usr/lib/jvm, /opt/java, /opt/jdk*, ~/.sdkman/candidates/java, /Library/Java/JavaVirtualMachines;" \
            "found: $looked)."
        echo "Install one, or set JAVA_HOME."
    } >&2
    return 1
}
