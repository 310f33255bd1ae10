#!/usr/bin/env bash
# The benchmark command: builds services/benchmarks (and only what it needs) and runs its JMH benchmarks; or, with
# --dispatch, runs dispatch's end-to-end latency harness instead.
#
#   deploy/local/bench.sh                      quick run of everything, allocation per op included (about 3 min)
#   deploy/local/bench.sh -h                   JMH's own options
#   deploy/local/bench.sh Settlement -prof gc  any JMH arguments: a benchmark regex, -f/-wi/-i/-w/-r, -rf json, ...
#   deploy/local/bench.sh --dispatch [-D...]   DR event -> every site's schedule on Kafka, 1,000 sites, through real
#                                              PostgreSQL, Kafka and Keycloak (EventToKafkaBenchmark, 5-7 min); e.g.
#                                              -Dgridflex.bench.events=100 -Dgridflex.bench.telemetry-every=2s
#                                              -Dgridflex.bench.jfr=target/bench.jfr, or any dispatch setting
#                                              (-Dquarkus.datasource.jdbc.additional-jdbc-properties.reWriteBatchedInserts=true)
#   deploy/local/bench.sh --gateway [-D...]    ven-gateway: the VTN hands over an event -> its DrEvent appended on
#                                              Kafka, push and pull, through the real VTN simulator (mutual TLS),
#                                              PostgreSQL and Kafka (GatewayLatencyBenchmark); then push -> every
#                                              site's schedule on Kafka with dispatch's jar and 100 sites
#                                              (PushToSchedulesBenchmark); about 9 min with the build. E.g.
#                                              -Dgridflex.bench.sites=1000 -Dgridflex.bench.push-events=100
#                                              -Dgridflex.bench.pull-events=50, or -Dtest=GatewayLatencyBenchmark alone.
#                                              These harnesses and --dispatch's measure after a warm-up of
#                                              -Dgridflex.bench.warm-up=PT45S: the JIT here compiles for about 35 s
#   deploy/local/bench.sh --settlement-ingest [-D...]
#                                              telemetry from Kafka into PostgreSQL through settlement, sustained, and a
#                                              raw COPY of the same rows (IngestBenchmark, about 2 min);
#                                              -Dgridflex.bench.readings=1000000 -Dgridflex.bench.sites=1000
#   deploy/local/bench.sh --settlement-statement [-D...]
#                                              a monthly statement, 100 sites x a month of one-minute data
#                                              (StatementBenchmark, about 5 min); -Dgridflex.bench.rounds=5
#   deploy/local/bench.sh --settlement-pages [-D...]
#                                              the billing pages over 5,000 statements and a 5,000-line statement,
#                                              logged in through Keycloak in Chromium (PagesBenchmark, about 3 min);
#                                              -Dgridflex.bench.statements=20000 -Dgridflex.bench.lines=20000
#   deploy/local/bench.sh --site-agent [-D...]  one agent shedding half of 5,000 simulated miners: command delay per
#                                              miner, the fleet's draw falling, the SHED ack, the agent's memory and
#                                              CPU per control step (ShedBenchmark, about 2 min);
#                                              -Dgridflex.bench.miners=2000 -Dgridflex.bench.share=0.3
#   deploy/local/bench.sh --data-centre [-D...] one agent keeping a site under its import limit beside a spiky data
#                                              centre read from a Modbus meter (DataCentreBenchmark, 30 min;
#                                              -Dgridflex.bench.duration=5m, -Dgridflex.bench.dc-spike-kw=...)
#   deploy/local/bench.sh --site-link [sites]  the site link with 1,000 (or [sites]) sites on a local broker: broker
#                                              start and restart, onboarding one site, metadata size, an agent's start
#                                              to its first command, the command hop with and without TLS + SCRAM,
#                                              one schedule to each of 100, 500 and 1,000 site topics at once
#                                              (SiteLinkBenchmark, about 6 min)
#
# Without arguments it makes three runs: the steady-state benchmarks with short warm-up and measurement, then the
# OpenADR codec start-up alone as single shots in fresh JVMs (command-line -f/-wi/-i would otherwise override the
# cold-start setup in its annotations), then the 10-event distributeEvent round trip with its long warm-up (about
# 70 s; alone: deploy/local/bench.sh DistributeEventRound -prof gc). --dispatch builds services/dispatch against the installed snapshots of the
# modules it depends on (./mvnw -B install -DskipTests once, as demo.sh does), prints the harness's [bench] lines and
# keeps the whole log in services/dispatch/target/event-to-kafka-benchmark.log. Figures are printed, never checked;
# see docs/benchmarks.md.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
gridflex_use_jdk

harness() {
  local module="$1" test="$2" name="$3"
  shift 3
  log="$GRIDFLEX_ROOT/services/$module/target/$name.log"
  mkdir -p "$(dirname "$log")"
  echo "Running $module's $test (a few minutes); full log: $log" >&2
  status=0
  gridflex_mvn -pl "services/$module" test -Dgroups=benchmark -DexcludedGroups=none -Dtest="$test" \
    -Dsurefire.failIfNoSpecifiedTests=false "$@" >"$log" 2>&1 || status=$?
  grep -F '[bench]' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
  fi
  exit "$status"
}

case "${1:-}" in
  --site-link)
    shift
    echo "Building deploy/local..." >&2
    gridflex_mvn -q -pl deploy/local -am package -DskipTests
    gridflex_java -cp "$GRIDFLEX_ROOT/deploy/local/target/gridflex-local-stack.jar" io.gridflex.stack.SiteLinkBenchmark "$@"
    exit
    ;;
  --gateway)
    shift
    # The benchmarks run the VTN simulator's and dispatch's packaged jars, and the gateway's modules from source (-am),
    # so the figures are of this checkout rather than of whatever snapshots are installed.
    echo "Packaging the VTN simulator and dispatch..." >&2
    gridflex_mvn -q -pl services/vtn-simulator,services/dispatch -am package -DskipTests
    harness ven-gateway GatewayLatencyBenchmark,PushToSchedulesBenchmark gateway-benchmark -am "$@"
    ;;
  --site-agent) shift; harness site-agent ShedBenchmark shed-benchmark "$@" ;;
  --data-centre) shift; harness site-agent DataCentreBenchmark data-centre-benchmark "$@" ;;
  --settlement-ingest) shift; harness settlement IngestBenchmark ingest-benchmark "$@" ;;
  --settlement-statement) shift; harness settlement StatementBenchmark statement-benchmark "$@" ;;
  --settlement-pages) shift; gridflex_use_chromium; harness settlement PagesBenchmark pages-benchmark "$@" ;;
esac

if [ "${1:-}" = "--dispatch" ]; then
  shift
  log="$GRIDFLEX_ROOT/services/dispatch/target/event-to-kafka-benchmark.log"
  mkdir -p "$(dirname "$log")"
  echo "Running dispatch's EventToKafkaBenchmark (a few minutes); full log: $log" >&2
  status=0
  gridflex_mvn -pl services/dispatch test -Dgroups=benchmark -DexcludedGroups=none "$@" >"$log" 2>&1 || status=$?
  grep -F '[bench]' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
  fi
  exit "$status"
fi

echo "Building services/benchmarks..." >&2
gridflex_mvn -q -pl services/benchmarks -am package -DskipTests

BENCH_JAR="$GRIDFLEX_ROOT/services/benchmarks/target/benchmarks.jar"

if [ "$#" -gt 0 ]; then
  gridflex_java -jar "$BENCH_JAR" "$@"
  exit
fi

gridflex_java -jar "$BENCH_JAR" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -e 'codecStartUp|DistributeEventRound'
gridflex_java -jar "$BENCH_JAR" -f 5 -wi 0 -i 1 -bm ss -prof gc 'OpenAdrCodecBenchmark.codecStartUp'
# Issue 6's figure, with the warm-up in its annotations (8 x 5 s: the JIT needs ~35 s to reach a steady state).
gridflex_java -jar "$BENCH_JAR" -prof gc 'DistributeEventRoundBenchmark'
