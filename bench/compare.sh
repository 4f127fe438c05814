#!/usr/bin/env bash
# Runs bench sections on a base revision and on the working tree, one after the other in one run,
# so both sides of a comparison share the machine's state: bench/compare.sh BASE_REV section...
# The base revision is built in a temporary git worktree (its own bench sources, plus this tree's
# bench sources where the base lacks a section), with `package`, so nothing lands in ~/.m2.
# Prints the load average before and after; results go to bench/target/compare/<side>/.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
[ $# -ge 2 ] || { echo "usage: bench/compare.sh BASE_REV section..." >&2; exit 2; }
base=$1; shift
runs=${BENCH_RUNS:-1}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null
# Sections asked for that the base does not have yet come from this tree, with the helpers the
# base lacks; sections not asked for and missing in the base are left out (they may not compile
# against the base), and their lines dropped from this tree's Bench.java.
src=bench/src/main/java/io/scrapr/bench
cp "$src/Bench.java" "$work/base/$src/Bench.java"
for f in "$src"/*.java; do
  [ -e "$work/base/$f" ] && continue
  class=$(basename "$f" .java)
  if [[ $class == *Bench ]] && ! grep -Eq "case \"($(IFS='|'; echo "$*"))\" -> $class\." "$src/Bench.java"; then
    sed -i "/ -> $class\./d" "$work/base/$src/Bench.java"
  else
    cp "$f" "$work/base/$f"
  fi
done
echo "== building base $(git rev-parse --short "$base") and the working tree"
(cd "$work/base" && ./mvnw -q -B -ntp -o -Pbench -DskipTests -Dspotless.check.skip=true -Dspotless.apply.skip=true -pl bench -am package)
./mvnw -q -B -ntp -o -Pbench -DskipTests -pl bench -am package
mkdir -p bench/target/compare
echo "== load before: $(uptime)"
for section in "$@"; do
  for side in base head; do
    dir=$([ $side = base ] && echo "$work/base" || echo "$here")
    out="$here/bench/target/compare/$side"
    mkdir -p "$out"
    echo "== $section on $side ($(uptime))"
    (cd "$dir" && timeout 1800 java -XX:+UseSerialGC -Xss512k -Dbench.results="$out" ${BENCH_JAVA_OPTS:-} \
      -cp "bench/target/scrapr-bench.jar:bench/target/lib/*" io.scrapr.bench.Bench "$section" "$runs" \
      > "$out/$section.log" 2>&1) || echo "bench: $section on $side failed; see $out/$section.log"
    grep '^\[bench\]' "$out/$section.log" | sed "s/^/[$side] /"
  done
done
echo "== load after: $(uptime)"
