#!/usr/bin/env bash
# The pipeline's crash test (issue #5): starts the built distribution (embedded MariaDB, real plugins), sets up a
# Sipuni → Usedesk flow against an in-process Usedesk fake, streams call webhooks, kill -9s the platform process
# mid-stream, starts the distribution again, and checks that every acknowledged call has exactly one ticket.
#   bench/crash-test.sh [seconds-before-kill=8] [senders=4]
# Exit 0: passed; 1: an acknowledged call has no ticket or a ticket was created twice.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/switchboard/switchboard-launcher.jar ] || [ ! -f bench/webhook-load/target/switchboard-bench-webhook-load.jar ]; then
  echo "Building the distribution and the bench tools…"
  mvn -B -q -ntp install -DskipTests
fi
exec java -Dsun.net.httpserver.nodelay=true -cp "bench/webhook-load/target/switchboard-bench-webhook-load.jar" io.switchboard.bench.CrashTest "$@"
