#!/usr/bin/env bash
# Compile time (issue 7, item 4): javac on N generated entity sources (default 200), with and
# without the optilock processor on the processor path.
#
#   benchmarks/compile-time.sh            # 200 entities, 10 runs each
#   ENTITIES=500 RUNS=5 WARMUP=0 benchmarks/compile-time.sh
#
# Builds the annotations, runtime and processor jars of this reactor first (mvn package, tests
# skipped). Each timed run is a fresh `javac` process into an empty output directory: the same
# sources and class path, and a processor path that holds either just the annotations jar
# ("without") or the optilock-processor jar alone, as users get it ("with": the jar is shaded and
# carries JavaPoet; docs/integration.md#plain-javac); a third run, "processing only"
# (-proc:only), parses the entities and runs the processor but compiles nothing, which separates the
# processor's own time from javac's time compiling the repositories it wrote. Uses hyperfine when it is
# installed, otherwise a loop timed with date +%s%N; prints medians.
set -euo pipefail
cd "$(dirname "$0")/.."

ENTITIES=${ENTITIES:-200}
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
JAVAC=${JAVAC:-javac}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/optilock-compile-time.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# The jars. The processor's is the shaded one: it needs nothing else on the processor path.
mvn -q -pl processor -am package -DskipTests
jar_of() { ls "$1"/target/optilock-"$1"-*.jar | grep -v -E 'sources|javadoc' | head -1; }
ANNOTATIONS=$(jar_of annotations)
RUNTIME=$(jar_of runtime)
PROCESSOR=$(jar_of processor)
CLASSPATH_="$ANNOTATIONS:$RUNTIME"
WITH="$PROCESSOR"
WITHOUT="$ANNOTATIONS"

# N entities: records with ten components of the kinds the processor maps, one a @VersionField.
SRC="$WORK/src/bench/entities"
mkdir -p "$SRC"
for i in $(seq 1 "$ENTITIES"); do
  cat >"$SRC/Entity$i.java" <<JAVA
package bench.entities;

import dev.optilock.Column;
import dev.optilock.Id;
import dev.optilock.Table;
import dev.optilock.VersionField;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Generated entity $i of $ENTITIES. */
@Table("entity_$i")
public record Entity$i(
    @Id long id,
    String name,
    @Column("description_text") String description,
    long amount,
    int quantity,
    boolean active,
    BigDecimal price,
    Instant createdAt,
    LocalDate dueOn,
    UUID reference,
    @VersionField long version) {}
JAVA
done
find "$WORK/src" -name '*.java' >"$WORK/sources.txt"

javac_cmd() { # processor path [extra javac option] -> the command line
  echo "$JAVAC -nowarn -d $WORK/out -cp $CLASSPATH_ -processorpath $1 ${2:-} @$WORK/sources.txt"
}

# Sanity check: with the processor, every entity gets its repository; without, none.
rm -rf "$WORK/out" && mkdir "$WORK/out" && $(javac_cmd "$WITH")
made=$(find "$WORK/out" -name '*Repository.class' | wc -l)
rm -rf "$WORK/out" && mkdir "$WORK/out" && $(javac_cmd "$WITHOUT")
none=$(find "$WORK/out" -name '*Repository.class' | wc -l)
if [[ $made -ne $ENTITIES || $none -ne 0 ]]; then
  echo "expected $ENTITIES repositories with the processor and 0 without; got $made and $none" >&2
  exit 1
fi

echo "javac: $($JAVAC -version 2>&1); $ENTITIES entities; $RUNS runs each"
if command -v hyperfine >/dev/null 2>&1; then
  mkdir -p benchmarks/target
  hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
    --prepare "rm -rf $WORK/out && mkdir $WORK/out" \
    --export-json benchmarks/target/compile-time.json \
    -n "without processor" "$(javac_cmd "$WITHOUT")" \
    -n "with processor" "$(javac_cmd "$WITH")" \
    -n "processing only" "$(javac_cmd "$WITH" -proc:only)" >/dev/null
  python3 - benchmarks/target/compile-time.json "$ENTITIES" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    print(f"{r['command']:<18} median {r['median'] * 1000:8.1f} ms"
          f"   (mean {r['mean'] * 1000:.1f} ± {r['stddev'] * 1000:.1f} ms;"
          f" CPU user+sys {(r['user'] + r['system']) * 1000:.0f} ms)")
base, proc = results[0]["median"], results[1]["median"]
entities = int(sys.argv[2]) if len(sys.argv) > 2 else 200
print(f"the processor adds {(proc - base) * 1000:.0f} ms ({(proc / base - 1) * 100:.0f}%),"
      f" {(proc - base) * 1000 / entities:.1f} ms per entity, to a cold javac")
print("('processing only' is javac -proc:only: parsing the entities and running the processor,"
      " without attributing or compiling anything: the processor's own share)")
PY
else
  median_ms() {
    sort -n | awk '{ v[NR] = $1 } END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.1f", m / 1e6 }'
  }
  for variant in without with only; do
    path=$WITH option=
    [[ $variant == without ]] && path=$WITHOUT
    [[ $variant == only ]] && option=-proc:only
    for _ in $(seq "$RUNS"); do
      rm -rf "$WORK/out" && mkdir "$WORK/out"
      start=$(date +%s%N)
      $(javac_cmd "$path" $option)
      echo $(($(date +%s%N) - start))
    done | median_ms | xargs printf "%-18s median %8s ms\n" "$variant"
  done
fi
