# Sourced by the bench scripts: finds a JDK, builds the jar when missing (or when REBUILD is set), starts Parley
# on a fresh SQLite data directory on $PORT with a random main account, waits for /healthz, and stops it on exit.
# Sets ROOT, DATA, SID, TOKEN, PARLEY_JAVA. Settings: PORT, PARLEY_SIMULATOR_LATENCY_MS (default 100),
# PARLEY_JAVA_OPTS (default -Xmx1g), PARLEY_JAR (another build's jar, e.g. to compare with the branch point).
ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
source "$ROOT/bin/lib/find-java.sh"
parley_find_java || exit 1
JAR=${PARLEY_JAR:-$ROOT/parley-server/target/parley.jar}
if [[ -z "${PARLEY_JAR:-}" && ( ! -f "$JAR" || -n "${REBUILD:-}" ) ]]; then
    echo "Building Parley…"
    (cd "$ROOT" && JAVA_HOME=$PARLEY_JAVA_HOME ./mvnw -B -q -DskipTests package)
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "Port $PORT is already taken (another bench, or a Parley left running?): its figures would not be this" \
        "build's. Stop it, or set PORT to a free port." >&2
    exit 1
fi
DATA=$(mktemp -d)
SID="AC$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
TOKEN="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "== Parley ${PARLEY_JAR:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)} on $(nproc) cores, data in $DATA (SQLite, synchronous=FULL)"
PARLEY_PORT=$PORT PARLEY_HOST=127.0.0.1 PARLEY_DATA_DIR=$DATA PARLEY_ACCOUNT_SID=$SID PARLEY_AUTH_TOKEN=$TOKEN \
PARLEY_SMPP_PORT=${PARLEY_SMPP_PORT:-off} \
PARLEY_SIMULATOR_LATENCY_MS=${PARLEY_SIMULATOR_LATENCY_MS:-100} \
    "$PARLEY_JAVA" --enable-native-access=ALL-UNNAMED ${PARLEY_JAVA_OPTS:--Xmx1g} -jar "$JAR" >"$DATA/parley.log" 2>&1 &
PARLEY_PID=$!
trap 'kill $PARLEY_PID 2>/dev/null; wait $PARLEY_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://localhost:$PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$PARLEY_PID" 2>/dev/null || break
    sleep 0.5
done
curl -fs "http://localhost:$PORT/healthz" >/dev/null || { echo "Parley did not start; see $DATA/parley.log" >&2; exit 1; }
