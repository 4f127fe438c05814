#!/usr/bin/env bash
# Build-time only: a training run of a service that leaves a class-data sharing archive of the
# classes it loaded (-XX:ArchiveClassesAtExit, a dynamic AppCDS archive on top of the JDK's own),
# which run-java.sh then maps at every start (-XX:SharedArchiveFile): the JVM skips finding,
# parsing and verifying those classes, so the service starts sooner, and the archive's pages are
# shared read-only by every container of the image on a node.
#
# Starts the service through run-java.sh with the image's JAVA_OPTS (the archive is only used with
# the same JVM flags and class path), with a Redis on loopback when its settings name one and
# redis-server is installed, waits until its HTTP port answers, calls a few of its routes, then
# stops it with SIGTERM; the JVM writes the archive as it exits.
#
# Usage: cds-train.sh MAIN_CLASS [ARGS...]   (settings as environment variables, as at run time)
# Environment: SCRAPR_PORT (the port to wait for), CDS_ARCHIVE (default /app/cds/app.jsa),
#              CDS_TRAIN_PATHS (default "/health /metrics /status"), CDS_TRAIN_WAIT_S (default 120),
#              CDS_TRAIN_CONFIGURATION (a stored configuration's JSON, put into that Redis as the
#              cached copy of SCRAPR_CONFIG_ID, for the services that need one to start)
set -euo pipefail

archive="${CDS_ARCHIVE:-/app/cds/app.jsa}"
port="${SCRAPR_PORT:?cds-train: SCRAPR_PORT names the port to wait for}"
paths="${CDS_TRAIN_PATHS:-/health /metrics /status}"
wait_s="${CDS_TRAIN_WAIT_S:-120}"
log="$(mktemp -t cds-train.XXXXXX.log)"
mkdir -p "$(dirname "$archive")"
rm -f "$archive"

redis_pid=""
if [[ "${SCRAPR_REDIS_URL:-}" =~ ^redis://(127\.0\.0\.1|localhost):([0-9]+) ]] \
  && command -v redis-server >/dev/null 2>&1; then
  redis-server --port "${BASH_REMATCH[2]}" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize no >/dev/null 2>&1 &
  redis_pid=$!
  # A configuration to start from, as the copy in Redis that a service falls back on while
  # config-discovery is unreachable (it is, during training).
  if [ -n "${CDS_TRAIN_CONFIGURATION:-}" ] && [ -n "${SCRAPR_CONFIG_ID:-}" ]; then
    for _ in $(seq 1 100); do
      redis-cli -p "${BASH_REMATCH[2]}" PING >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -p "${BASH_REMATCH[2]}" SET "scrapr:config:$SCRAPR_CONFIG_ID" \
      "$CDS_TRAIN_CONFIGURATION" >/dev/null
  fi
fi

started=$SECONDS
JAVA_OPTS="${JAVA_OPTS:-} -XX:ArchiveClassesAtExit=$archive" \
  "$(dirname "$0")/run-java.sh" "$@" >"$log" 2>&1 &
java_pid=$!

get() { # path: one HTTP GET on loopback, the answer discarded
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  timeout 5 cat <&3 >/dev/null || true
  exec 3>&-
}

listening=1
until get /health 2>/dev/null; do
  if ! kill -0 "$java_pid" 2>/dev/null; then
    # E.g. config-discovery and the datasource stop at start without a MongoDB: the archive then
    # holds what they loaded until then (the JVM writes it at any exit), which still helps.
    listening=0
    break
  fi
  if [ $((SECONDS - started)) -ge "$wait_s" ]; then
    echo "cds-train: $* did not listen on port $port within $wait_s s; its output:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  sleep 0.2
done
# A few rounds of its routes, and a moment for what starts in the background (discovery,
# schedules, pools) to load its classes too.
if [ "$listening" -eq 1 ]; then
  for _ in 1 2 3; do
    for path in $paths; do get "$path" 2>/dev/null || true; done
    sleep 1
  done
  kill -TERM "$java_pid"
fi
status=0
wait "$java_pid" || status=$?
[ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
if [ ! -s "$archive" ]; then
  echo "cds-train: $* exited ($status) without writing $archive; its output:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
chmod 0644 "$archive"
if [ "$listening" -eq 0 ]; then
  echo "cds-train: $* stopped ($status) before it listened on port $port (no MongoDB, Redis or peer" \
    "at build time); the archive holds the classes of its start until then. Its last lines:"
  grep -v '^\[' "$log" | grep -E 'ERROR|cannot start' | head -n 3 || true
fi
echo "cds-train: $archive, $(($(stat -c %s "$archive") / 1024)) KiB, trained in $((SECONDS - started)) s"
rm -f "$log"
