#!/usr/bin/env bash
# A bounded soak (docs/performance.md): the router with the chart's heap (75% of 1536 Mi), a steady open-loop load of
# real prompts with issue 18's hostile requests mixed in (one after every 10), /metrics sampled every 10 s.
#   benchmarks/soak.sh [seconds=600] [rate=200] [prompts.jsonl=../shared/data/prompts-3tier.jsonl]
# Needs the router jar: ./mvnw -q -DskipTests package. Prints the samples (CSV) and the load driver's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
rate=${2:-200}
input=${3:-../shared/data/prompts-3tier.jsonl}
jar=extproc-router/target/gearbox-router.jar
port=${GEARBOX_BENCH_PORT:-50071}
admin=${GEARBOX_BENCH_ADMIN_PORT:-9471}
work=$(mktemp -d)
cp examples/quickstart/small.yaml examples/quickstart/medium.yaml examples/quickstart/frontier.yaml \
  benchmarks/policies/soak/routing-policy.yaml "$work"
java -Xmx1152m -XX:+ExitOnOutOfMemoryError -jar "$jar" serve --policy "$work" --port "$port" --admin-port "$admin" \
  > "$work/router.log" 2>&1 &
router=$!
trap 'kill "$sampler" 2>/dev/null || true; kill "$router" 2>/dev/null; wait "$router" 2>/dev/null || true' EXIT
sampler=
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$admin/readyz" > /dev/null && break
  kill -0 "$router" 2>/dev/null || { cat "$work/router.log"; exit 1; }
  sleep 0.5
done
sample() {
  curl -sf "http://127.0.0.1:$admin/metrics" | awk -v t="$1" '
    /^jvm_memory_used_bytes\{area="heap"/ { heap += $NF }
    /^jvm_memory_used_bytes\{area="heap",id="G1 Old Gen"/ { old = $NF }
    /^gearbox_streams_open / { streams = $NF }
    /^gearbox_buffered_bytes / { buffered = $NF }
    /^gearbox_session_store_bytes / { sessions = $NF }
    /^gearbox_failures_total\{/ { failures += $NF }
    END { printf "%s,%.0f,%.0f,%d,%.0f,%.0f,%d\n", t, heap / 1048576, old / 1048576, streams, buffered, sessions, failures }'
}
echo "seconds,heap_mib,old_gen_mib,streams_open,buffered_bytes,session_store_bytes,failures" > "$work/samples.csv"
( start=$(date +%s); while sleep 10; do sample $(( $(date +%s) - start )) >> "$work/samples.csv" || true; done ) &
sampler=$!
java -jar "$jar" load --target "127.0.0.1:$port" --rate "$rate" --duration "$seconds" --warmup 30 \
  --input "$input" --hostile-every 10 --connections 2 || true
kill "$sampler" 2>/dev/null || true
sleep 1
echo "--- samples (every 10 s; the first 30 s are the warm-up)"
cat "$work/samples.csv"
kill -0 "$router" 2>/dev/null && echo "router: still running (pid $router), no restart" || echo "router: EXITED"
grep -c "OutOfMemoryError" "$work/router.log" | sed 's/^/OutOfMemoryError lines in the log: /'
echo "router log: $work/router.log"
