#!/usr/bin/env bash
# The benchmark command: builds services/benchmarks (and only what it needs) and runs its JMH benchmarks.
#
#   deploy/local/bench.sh                      quick run of everything, allocation per op included (about 2 min)
#   deploy/local/bench.sh -h                   JMH's own options
#   deploy/local/bench.sh Settlement -prof gc  any JMH arguments: a benchmark regex, -f/-wi/-i/-w/-r, -rf json, ...
#
# Without arguments it makes two runs: the steady-state benchmarks with short warm-up and measurement, then the
# OpenADR codec start-up alone as single shots in fresh JVMs (command-line -f/-wi/-i would otherwise override the
# cold-start setup in its annotations). Figures are printed, never checked; see docs/benchmarks.md.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
gridflex_use_jdk

echo "Building services/benchmarks..." >&2
gridflex_mvn -q -pl services/benchmarks -am package -DskipTests

BENCH_JAR="$GRIDFLEX_ROOT/services/benchmarks/target/benchmarks.jar"

if [ "$#" -gt 0 ]; then
  gridflex_java -jar "$BENCH_JAR" "$@"
  exit
fi

gridflex_java -jar "$BENCH_JAR" -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc -e 'codecStartUp'
gridflex_java -jar "$BENCH_JAR" -f 5 -wi 0 -i 1 -bm ss -prof gc 'OpenAdrCodecBenchmark.codecStartUp'
