#!/usr/bin/env bash
# The test command: unit and integration tests against real PostgreSQL, Kafka and Keycloak, which the build
# downloads from Maven Central and starts itself on loopback. Extra arguments go to Maven.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
gridflex_use_jdk
gridflex_mvn verify "$@"
