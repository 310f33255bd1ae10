#!/usr/bin/env bash
# Stops what start.sh started: services first, then Keycloak, Kafka and PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
pidfile="$GRIDFLEX_RUN_DIR/stack.pid"
if [ ! -f "$pidfile" ] || ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "GridFlex is not running."; rm -f "$pidfile"; exit 0
fi
pid="$(cat "$pidfile")"
kill -TERM "$pid"
for _ in $(seq 1 120); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; echo "GridFlex stopped."; exit 0; }
  sleep 1
done
echo "GridFlex (pid $pid) did not stop within 2 minutes; killing it." >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pidfile"
