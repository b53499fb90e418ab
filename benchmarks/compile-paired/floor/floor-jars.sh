#!/usr/bin/env bash
# Builds JARS directories for compile-paired.py whose "processor" is one of FloorProcessors: what
# any processor costs javac, whatever it writes (issue 14). Run after
# `mvn -q -pl processor -am package -DskipTests`; then, for example:
#   benchmarks/compile-paired/floor/floor-jars.sh /tmp/floor
#   benchmarks/compile-paired/compile-paired.py 5 optilock=/tmp/floor/optilock \
#     empty=/tmp/floor/empty one=/tmp/floor/one nothing=/tmp/floor/nothing
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:?usage: floor-jars.sh OUTPUT_DIRECTORY}
version=$(cd "$root" && ls annotations/target/optilock-annotations-*.jar | grep -v -e sources -e javadoc | head -1 \
  | sed 's/.*optilock-annotations-\(.*\)\.jar/\1/')
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -d "$classes/all" "$here/FloorProcessors.java"
for variant in optilock empty one nothing; do
  mkdir -p "$out/$variant"
  cp "$root/annotations/target/optilock-annotations-$version.jar" "$root/runtime/target/optilock-runtime-$version.jar" "$out/$variant/"
done
cp "$root/processor/target/optilock-processor-$version.jar" "$out/optilock/"
for pair in empty:EmptyClassPerEntity one:OneFileForAll nothing:NothingWritten; do
  variant=${pair%%:*}
  mkdir -p "$classes/$variant/META-INF/services"
  cp -r "$classes/all/floor" "$classes/$variant/"
  echo "floor.FloorProcessors\$${pair#*:}" > "$classes/$variant/META-INF/services/javax.annotation.processing.Processor"
  (cd "$classes/$variant" && jar cf "$out/$variant/optilock-processor-$version.jar" .)
done
echo "built $out/{optilock,empty,one,nothing}"
