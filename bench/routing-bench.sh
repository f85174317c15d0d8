#!/usr/bin/env bash
# Routing latency benchmark (issue #7, CT12): open-loop routing requests for cached callers against the built
# distribution (Ringostat → Usedesk fake), on loopback.
#   bench/routing-bench.sh [rate=200] [seconds=30] [callers=200]
# Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/switchboard/switchboard-launcher.jar ] || [ ! -f bench/webhook-load/target/switchboard-bench-webhook-load.jar ]; then
  echo "Building the distribution and the bench tools…"
  mvn -B -q -ntp package -DskipTests -pl launcher,bench/webhook-load -am
fi
exec java ${BENCH_OPTS:-} -cp "bench/webhook-load/target/switchboard-bench-webhook-load.jar" io.switchboard.bench.RoutingBench "$@"
