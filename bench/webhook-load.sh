#!/usr/bin/env bash
# Webhook ingest load generator (issue #5): closed-loop Sipuni call events against --target, interleaved with
# phases against --noop on the same server, in one run. Builds the tool when it is missing or older than its
# sources (or those of the test kit it takes the events from), then runs it with the given arguments.
#   bench/webhook-load.sh --target=URL [--noop=URL] [--method=POST|GET] [--concurrency=32] [--duration=20] ...
#   bench/webhook-load.sh --help
# Exit code: 0 valid run, 1 invalid run (a non-2xx or an error), 2 bad options.
# JVM options of the generator: WEBHOOK_LOAD_JAVA_OPTS (default -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/webhook-load/target/switchboard-bench-webhook-load.jar
if [ ! -f "$jar" ] || [ -n "$(find bench/webhook-load/pom.xml bench/webhook-load/src/main plugin-testkit/src/main \
      plugin-api/src/main pom.xml -newer "$jar" -type f -print -quit)" ]; then
  echo "building the load generator..." >&2
  mvn -q -B -ntp -pl bench/webhook-load -am -DskipTests install >&2
fi
# shellcheck disable=SC2086
exec java ${WEBHOOK_LOAD_JAVA_OPTS:--Xmx256m} -jar "$jar" "$@"
