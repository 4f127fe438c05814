#!/usr/bin/env bash
# Runs the scrapr benchmarks on demand (never part of ./mvnw verify) and prints their figures;
# each section also appends to bench/target/results/<section>.md, its full output (with the
# services' logs) going to bench/target/<section>.log.
#   bench/run.sh [section ...]   sections: ingest endpoint wire scraper freshness scale footprint reconcile bigcollection (default: all)
#   BENCH_RUNS=3 (runs per figure), BENCH_SKIP_BUILD=1 (use what is built), BENCH_JAVA_OPTS (extra
#   -D options, e.g. -Dbench.serviceOpts=-Xmx64m,-XX:+UseSerialGC -Dbench.aloneOnly=true for footprint)
# Needs wrk, and nginx and taskset for `wire` (its JVM runs under taskset -c 0, wrk on core 1);
# installs wrk and nginx with apt-get when they are missing. Traffic stays on loopback; every
# loop is bounded.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(ingest endpoint wire scraper freshness scale footprint reconcile bigcollection)
missing=()
command -v wrk >/dev/null || missing+=(wrk)
if [[ " ${sections[*]} " == *" wire "* ]]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]} (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null ||
    { echo "bench: could not install ${missing[*]}; install them and run again" >&2; exit 1; }
fi
export PATH="$PATH:/usr/sbin"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -B -ntp -Pbench -DskipTests -pl bench -am install
fi
runs=${BENCH_RUNS:-3}
mkdir -p bench/target
for section in "${sections[@]}"; do
  echo "== $section ($(uptime))"
  # The wire section's servers share core 0 (the JVM sizes itself for one core); wrk gets core 1.
  pin=()
  [ "$section" = wire ] && pin=(taskset -c 0)
  # The scrapr script's JVM options, so the in-process figures match `scrapr run`.
  set +e
  # shellcheck disable=SC2086
  timeout 1800 ${pin[@]+"${pin[@]}"} java -XX:+UseSerialGC -Xss512k -Dbench.results=bench/target/results ${BENCH_JAVA_OPTS:-} \
    -cp "bench/target/scrapr-bench.jar:bench/target/lib/*" io.scrapr.bench.Bench "$section" "$runs" \
    > "bench/target/$section.log" 2>&1 &
  pid=$!
  tail -f --pid=$pid -n +1 "bench/target/$section.log" | grep --line-buffered '^\[bench\]'
  wait $pid
  status=$?
  set -e
  [ $status -eq 0 ] || echo "bench: $section failed (exit $status); see bench/target/$section.log"
done
