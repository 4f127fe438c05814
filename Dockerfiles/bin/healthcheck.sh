#!/usr/bin/env bash
# HEALTHCHECK probe that needs only bash (no curl, which the public JRE image lacks): opens a TCP
# connection to the service on loopback and expects `200` from an HTTP GET of its health path.
#
# Usage: healthcheck.sh [PORT] [PATH|--tcp]
#   PORT  default $SCRAPR_PORT
#   PATH  default /health; --tcp only checks that the port accepts connections
# Environment: HEALTHCHECK_CONNECT_WAIT_S (default 1.8): how long to retry a refused connection
set -uo pipefail

port="${1:-${SCRAPR_PORT:-}}"
path="${2:-/health}"
if [ -z "$port" ]; then
  echo "healthcheck: no port (argument or SCRAPR_PORT)" >&2
  exit 1
fi
# While the service is still starting, nothing listens yet: keep trying for up to
# HEALTHCHECK_CONNECT_WAIT_S (default 1.8 s, a little less than the image's check interval), so a
# service that starts between two checks is found healthy when it starts, not at the next check.
wait_ms="$(awk -v s="${HEALTHCHECK_CONNECT_WAIT_S:-1.8}" 'BEGIN { printf "%d", s * 1000 }')"
tried_ms=0
until exec 3<>"/dev/tcp/127.0.0.1/$port"; do
  if [ "$tried_ms" -ge "$wait_ms" ]; then
    echo "healthcheck: nothing listens on port $port"
    exit 1
  fi
  sleep 0.1
  tried_ms=$((tried_ms + 100))
done 2>/dev/null
if [ "$path" = "--tcp" ]; then
  exit 0
fi
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
if ! IFS= read -r -t 5 status <&3; then
  echo "healthcheck: no answer from $path on port $port"
  exit 1
fi
status="${status%$'\r'}"
case "$status" in
  "HTTP/1."?" 200"*) exit 0 ;;
  *)
    # Show the body too: a 503's problem+json names the failing dependency.
    body="$(timeout 2 cat <&3 | tail -c 300)"
    echo "healthcheck: $path answered '$status' ${body//$'\n'/ }"
    exit 1
    ;;
esac
