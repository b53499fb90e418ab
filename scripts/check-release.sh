#!/usr/bin/env bash
# Builds what a release to Maven Central would upload, without deploying anything, and checks it
# (docs/release.md):
#   - annotations, runtime, processor, test-kit (optilock-test) and spring-boot-starter each have a main jar,
#     a sources jar and a javadoc jar
#     (javadoc errors fail the build), each signed (.asc, verified with gpg);
#   - their effective POMs carry what Central requires: name, description, url, licence, developer, scm;
#   - annotations, runtime, test-kit and spring-boot-starter jars name their module (Automatic-Module-Name);
#   - two builds of the same sources give byte-identical jars (reproducible time stamps);
#   - samples, samples-legacy, samples-spring-boot and benchmarks are never deployed.
# Signing uses a throwaway key made for this run in a temporary GNUPGHOME, never the user's keys.
#
#   scripts/check-release.sh          # about two minutes
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=$(mktemp -d "${TMPDIR:-/tmp}/optilock-release-check.XXXXXX")
trap 'gpgconf --kill all >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key \
  'optilock release check <release-check@optilock.invalid>' ed25519 sign 1d 2>/dev/null

PUBLISHED=(annotations runtime processor test-kit spring-boot-starter)
# The artifact of a module folder: optilock-<folder>, except the test kit's.
artifact() { [ "$1" = test-kit ] && echo optilock-test || echo "optilock-$1"; }
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok:   $*"; }

build() { # the release profile on the published modules, tests skipped (the test command runs them)
  mvn -q -P release -DskipTests -pl annotations,runtime,processor,test-kit,spring-boot-starter -am clean verify
}

echo "== build 1"
build
declare -A FIRST
for m in "${PUBLISHED[@]}"; do
  a=$(artifact "$m")
  for kind in "" -sources -javadoc; do
    jar=$(ls "$m"/target/"$a"-*"$kind".jar 2>/dev/null | grep -v -E "original|$( [ -z "$kind" ] && echo 'sources|javadoc' || echo '^$')" | head -1 || true)
    if [ -z "$jar" ]; then fail "$m: no ${kind:-main} jar in $m/target"; continue; fi
    ok "$jar ($(stat -c %s "$jar") bytes)"
    if gpg --batch --quiet --verify "$jar.asc" "$jar" 2>/dev/null; then ok "$jar.asc verifies"; else fail "$jar: no valid signature"; fi
    FIRST[$jar]=$(sha256sum "$jar" | cut -d' ' -f1)
  done
  # (listed into a variable first: grep -q closing a pipe early would fail the pipeline under pipefail)
  sources=$(unzip -Z1 "$m"/target/"$a"-*-sources.jar)
  grep -q '\.java$' <<<"$sources" || fail "$m: sources jar holds no .java file"
  javadoc=$(unzip -Z1 "$m"/target/"$a"-*-javadoc.jar)
  grep -qx 'element-list' <<<"$javadoc" && grep -q 'package-summary\.html$' <<<"$javadoc" \
    || fail "$m: javadoc jar has no element-list or package summary"
done

for pair in annotations:dev.optilock runtime:dev.optilock.runtime test-kit:dev.optilock.test spring-boot-starter:dev.optilock.spring.boot; do
  m=${pair%%:*}; name=${pair#*:}
  jar=$(ls "$m"/target/"$(artifact "$m")"-*.jar | grep -v -E 'sources|javadoc' | head -1)
  got=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
  [ "$got" = "$name" ] && ok "$m: Automatic-Module-Name $got" || fail "$m: Automatic-Module-Name '$got', expected $name"
done

echo "== POMs"
for m in "${PUBLISHED[@]}"; do
  pom="$WORK/$m-effective.xml"
  mvn -q -pl "$m" org.apache.maven.plugins:maven-help-plugin:3.5.1:effective-pom -Doutput="$pom" >/dev/null
  for field in '<name>' '<description>' '<url>https://' '<licenses>' '<developers>' '<scm>' '<connection>scm:git:'; do
    grep -q -- "$field" "$pom" && ok "$m POM has $field" || fail "$m: effective POM lacks $field"
  done
done
for m in samples samples-legacy samples-spring-boot benchmarks; do
  pom="$WORK/$m-effective.xml"
  mvn -q -pl "$m" org.apache.maven.plugins:maven-help-plugin:3.5.1:effective-pom -Doutput="$pom" >/dev/null
  grep -q '<maven.deploy.skip>true</maven.deploy.skip>' "$pom" && ok "$m is never deployed" || fail "$m: maven.deploy.skip is not true"
done

echo "== build 2 (reproducible?)"
build
for jar in "${!FIRST[@]}"; do
  now=$(sha256sum "$jar" | cut -d' ' -f1)
  [ "$now" = "${FIRST[$jar]}" ] && ok "$jar: same bytes in both builds" || fail "$jar: bytes differ between two builds"
done

if [ "$failures" -ne 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
echo "release check passed"
