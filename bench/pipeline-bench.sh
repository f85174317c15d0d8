#!/usr/bin/env bash
# The pipeline benchmark (issue #5): durable webhook ingest against the no-op endpoint of the same server, then
# end-to-end events/s into tickets at a Usedesk fake; the built distribution with its embedded MariaDB, on loopback.
#   bench/pipeline-bench.sh [seconds-per-phase=15] [concurrency=32] [e2e|ingest]   (only the end-to-end / ingest part)
#   bench/pipeline-bench.sh 15 32 chat        chat commands to tickets (issue #16), a cold and a warm round
#   bench/pipeline-bench.sh 15 32 call-chat   whole-call rounds and chat rounds in turn (call, chat, call, chat) and the
#                                             chat/call ratios; BENCH_OPTS=-Dbench.chatCommands=N (default 1500 per round)
#   bench/pipeline-bench.sh 15 32 conv        conversations <-> tasks both ways (issue #17): Chatra chats to a Planfix
#                                             task and comments, Planfix comments back to the chat; two rounds (cold,
#                                             warm); BENCH_OPTS=-Dbench.conversations=N (300) -Dbench.messages=K (3)
#                                             -Dbench.replies=M (2) -Dbench.convRounds=R (2) -Dbench.replyConcurrency=C
#                                             -Dbench.pollMillis=MS (25). The first argument is not used by conv.
# Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f launcher/target/switchboard/switchboard-launcher.jar ] || [ ! -f bench/webhook-load/target/switchboard-bench-webhook-load.jar ]; then
  echo "Building the distribution and the bench tools…"
  mvn -B -q -ntp install -DskipTests
fi
# Platform settings for the run go in BENCH_OPTS, e.g. BENCH_OPTS=-Dswitchboard.pipeline.workers=32
# BENCH_OPTS=-Dbench.keep=true keeps the run's database and logs under target/pipeline-bench/
# BENCH_OPTS=-Dbench.moreRounds=3 adds three whole-call end-to-end rounds (new client numbers each): closer to steady
# state, as the platform's JIT compiler still takes a third of its CPU in the third round
# conv: Planfix declares 1 request/s and Chatra 60 a minute (the vendors' limits); the fakes take any rate, so the
# operator's override the ITs use (platform/pom.xml) is passed on to the platform. BENCH_OPTS comes after it and wins.
CONV_OPTS=""
if [ "${3:-}" = conv ]; then
  CONV_OPTS="-Dswitchboard.http.rate-limits=usedesk=6000,zendesk=6000,planfix=6000,chatra=6000"
fi
exec java -Dsun.net.httpserver.nodelay=true ${CONV_OPTS} ${BENCH_OPTS:-} -cp "bench/webhook-load/target/switchboard-bench-webhook-load.jar" io.switchboard.bench.PipelineBench "$@"
