#!/usr/bin/env bash
# Startup benchmark of the run command, excluding the Maven build: starts the built distribution N times on one
# data folder (the first start also installs the embedded MariaDB), reads the launcher's own "is up in" figure and
# the resident memory it prints, and stops it with SIGTERM between runs.
#   bench/startup.sh [runs] [extra JVM options for the platform]
# Needs a built distribution: mvn -DskipTests install
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
opts=${2:-}
data=$(pwd)/target/bench-startup-data
mkdir -p "$data"
jar=launcher/target/switchboard/switchboard-launcher.jar
[ -f "$jar" ] || { echo "build first: mvn -DskipTests install" >&2; exit 1; }
for i in $(seq 1 "$runs"); do
  log="$data/run-$i.log"
  if [ -n "$opts" ]; then export SWITCHBOARD_JAVA_OPTS="$opts"; fi
  java -Dswitchboard.data.dir="$data" -Dswitchboard.http.port=18080 -jar "$jar" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do grep -q "Press Ctrl-C" "$log" && break; sleep 0.5; done
  up=$(grep -o "is up in [0-9.]* s" "$log" || echo "did not come up")
  mem=$(grep -o "Memory: .*" "$log" || true)
  echo "run $i: $up; $mem"
  kill -TERM "$pid"; wait "$pid" || true
done
