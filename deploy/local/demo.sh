#!/usr/bin/env bash
# Builds what is needed, starts the whole platform on this machine (PostgreSQL, Kafka, Keycloak, every service,
# the VTN simulator and two simulated mining sites), runs one DR event and narrates each step. Then keeps running
# until Ctrl-C; with --exit-after-demo it stops by itself and exits non-zero if any step failed.
# Other options: --reduction-kw N, --duration-seconds N, --random-ports, --run-dir DIR.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
gridflex_use_jdk
gridflex_build_if_needed
exec "$JAVA_HOME/bin/java" -jar "$GRIDFLEX_STACK_JAR" demo --run-dir "$GRIDFLEX_RUN_DIR" "$@"
