#!/usr/bin/env bash
# Start-up (issue 7, item 3): whole-process time from a cold JVM to the first committed
# compare-and-set update, optilock vs Hibernate, with hand-written JDBC as the floor.
#
#   benchmarks/startup.sh                 # 20 runs per program, on sqlite and postgresql
#   RUNS=10 DBS=sqlite benchmarks/startup.sh
#
# Each program (dev.optilock.benchmarks.startup.*Startup) makes sure row 1 of bench_item exists at
# version 1, then reads and updates it with its library, and exits. Uses hyperfine when it is
# installed (apt-get install -y hyperfine), otherwise a loop timed with date +%s%N. Prints the
# median of each, in milliseconds; hyperfine's JSON goes to benchmarks/target/startup-<db>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-20}
WARMUP=${WARMUP:-2}
DBS=${DBS:-sqlite postgresql}
JAVA=${JAVA:-java}
JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR ]]; then
  mvn -q -pl benchmarks -am package -DskipTests -Pjmh
fi
PROGRAMS=(JdbcStartup OptilockStartup HibernateStartup)

median_ms() { # nanosecond durations on stdin -> median in ms
  sort -n | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.1f", m / 1e6 }'
}

echo "java: $("$JAVA" -version 2>&1 | head -1); runs: $RUNS"
for db in $DBS; do
  echo "== $db"
  if command -v hyperfine >/dev/null 2>&1; then
    args=()
    for program in "${PROGRAMS[@]}"; do
      args+=(-n "$program" "$JAVA -cp $JAR dev.optilock.benchmarks.startup.$program $db")
    done
    hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
      --export-json "benchmarks/target/startup-$db.json" "${args[@]}" >/dev/null
    python3 - "benchmarks/target/startup-$db.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    print(f"{r['command']:<18} median {r['median'] * 1000:8.1f} ms"
          f"   (mean {r['mean'] * 1000:.1f} ± {r['stddev'] * 1000:.1f} ms, min {r['min'] * 1000:.1f};"
          f" CPU user+sys {(r['user'] + r['system']) * 1000:.0f} ms)")
PY
  else
    for program in "${PROGRAMS[@]}"; do
      "$JAVA" -cp "$JAR" "dev.optilock.benchmarks.startup.$program" "$db" >/dev/null # warm-up
      for _ in $(seq "$RUNS"); do
        start=$(date +%s%N)
        "$JAVA" -cp "$JAR" "dev.optilock.benchmarks.startup.$program" "$db" >/dev/null
        echo $(($(date +%s%N) - start))
      done | median_ms | xargs printf "%-18s median %8s ms\n" "$program"
    done
  fi
done
