#!/usr/bin/env bash
# Shows whether each part of the local stack started by start.sh (or demo.sh) answers: PostgreSQL and Kafka on
# their ports, Keycloak's realm, and every service's readiness check.
# Exit code: 0 everything up, 1 something down or not ready, 3 nothing running here.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
if [ ! -f "$GRIDFLEX_RUN_DIR/stack.json" ]; then echo "GridFlex has not been started here."; exit 3; fi
if [ ! -f "$GRIDFLEX_STACK_JAR" ]; then echo "GridFlex is not built here; run deploy/local/start.sh." >&2; exit 3; fi
gridflex_use_jdk 2>/dev/null || gridflex_use_jdk  # quiet unless no JDK is found
exec "$JAVA_HOME/bin/java" -jar "$GRIDFLEX_STACK_JAR" status --run-dir "$GRIDFLEX_RUN_DIR"
