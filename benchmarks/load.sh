#!/usr/bin/env bash
# Starts a router on a policy, drives it with the load driver over loopback, stops it.
#   benchmarks/load.sh POLICY [load options...]      e.g. benchmarks/load.sh examples/quickstart --rate 500
# Needs the router jar: ./mvnw -q -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
policy=$1
shift
jar=extproc-router/target/gearbox-router.jar
port=${GEARBOX_BENCH_PORT:-50061}
admin=${GEARBOX_BENCH_ADMIN_PORT:-9461}
java ${ROUTER_JAVA_OPTS:-} -jar "$jar" serve --policy "$policy" --port "$port" --admin-port "$admin" \
  > "${TMPDIR:-/tmp}/gearbox-bench-router.log" 2>&1 &
router=$!
trap 'kill "$router" 2>/dev/null; wait "$router" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$admin/readyz" > /dev/null; then
    break
  fi
  kill -0 "$router" 2>/dev/null || { cat "${TMPDIR:-/tmp}/gearbox-bench-router.log"; exit 1; }
  sleep 0.5
done
java ${LOAD_JAVA_OPTS:-} -jar "$jar" load --target "127.0.0.1:$port" "$@"
