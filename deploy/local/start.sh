#!/usr/bin/env bash
# Starts the whole platform in the background. Logs: deploy/local/.run/logs/ (one file per process);
# endpoints: deploy/local/.run/stack.json. Stop it with deploy/local/stop.sh.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
gridflex_use_jdk
pidfile="$GRIDFLEX_RUN_DIR/stack.pid"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "GridFlex is already running (pid $(cat "$pidfile")). Use deploy/local/stop.sh first." >&2
  exit 1
fi
gridflex_build_if_needed
mkdir -p "$GRIDFLEX_RUN_DIR/logs"
nohup "$JAVA_HOME/bin/java" -jar "$GRIDFLEX_STACK_JAR" run --run-dir "$GRIDFLEX_RUN_DIR" "$@" \
  > "$GRIDFLEX_RUN_DIR/logs/stack.log" 2>&1 &
echo $! > "$pidfile"
echo "Starting GridFlex (pid $!); following $GRIDFLEX_RUN_DIR/logs/stack.log until it is up..."
for _ in $(seq 1 600); do
  if grep -q "GridFlex is running" "$GRIDFLEX_RUN_DIR/logs/stack.log" 2>/dev/null; then
    cat "$GRIDFLEX_RUN_DIR/logs/stack.log"; exit 0
  fi
  if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    cat "$GRIDFLEX_RUN_DIR/logs/stack.log"; echo "GridFlex did not start." >&2; rm -f "$pidfile"; exit 1
  fi
  sleep 1
done
echo "GridFlex is still starting after 10 minutes; see $GRIDFLEX_RUN_DIR/logs/" >&2
exit 1
