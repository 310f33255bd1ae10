#!/usr/bin/env bash
# The test command: unit and integration tests against real PostgreSQL, Kafka and Keycloak, which the build
# downloads from Maven Central and starts itself on loopback, and the settlement pages in a headless Chromium (Debian's
# chromium and chromium-driver, installed here when missing and run as root). Extra arguments go to Maven.
#
# Modules that do not depend on each other are built and tested side by side (GRIDFLEX_TEST_THREADS Maven threads,
# 2 by default; 1 for one module at a time): every module starts its own PostgreSQL, Kafka and Keycloak on free
# ports, so they share nothing but the unpacked distributions, which they only read (Keycloak's one-time build of
# its installation holds a file lock). docs/benchmarks.md records the suite's time either way.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
gridflex_use_jdk
gridflex_use_chromium
gridflex_mvn verify -T "${GRIDFLEX_TEST_THREADS:-2}" "$@"
