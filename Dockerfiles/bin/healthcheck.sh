#!/usr/bin/env bash
# HEALTHCHECK probe that needs only bash (no curl, which the public JRE image lacks): opens a TCP
# connection to the service on loopback and expects `200` from an HTTP GET of its health path.
#
# Usage: healthcheck.sh [PORT] [PATH|--tcp]
#   PORT  default $SCRAPR_PORT
#   PATH  default /health; --tcp only checks that the port accepts connections
# Environment: HEALTHCHECK_WAIT_S (default 1.8; HEALTHCHECK_CONNECT_WAIT_S is its older name): how
#   long to keep trying a refused connection or an answer other than 200
set -uo pipefail

port="${1:-${SCRAPR_PORT:-}}"
path="${2:-/health}"
if [ -z "$port" ]; then
  echo "healthcheck: no port (argument or SCRAPR_PORT)" >&2
  exit 1
fi
# While the service starts, nothing listens yet, and then /health answers 503 until its
# dependencies answer: keep trying every 0.1 s for up to HEALTHCHECK_WAIT_S (a little less than
# the image's check interval), so a service that becomes ready between two checks is found
# healthy when it does, not at the next check.
wait_ms="$(awk -v s="${HEALTHCHECK_WAIT_S:-${HEALTHCHECK_CONNECT_WAIT_S:-1.8}}" 'BEGIN { printf "%d", s * 1000 }')"
failure=""

# probe: one attempt; returns 0 when healthy, else sets failure.
probe() {
  if ! { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    failure="nothing listens on port $port"
    return 1
  fi
  if [ "$path" = "--tcp" ]; then
    exec 3>&-
    return 0
  fi
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3
  local status
  if ! IFS= read -r -t 3 status <&3; then
    exec 3>&-
    failure="no answer from $path on port $port"
    return 1
  fi
  status="${status%$'\r'}"
  case "$status" in
    "HTTP/1."?" 200"*)
      exec 3>&-
      return 0
      ;;
  esac
  # Show the body too: a 503's problem+json names the failing dependency.
  local body
  body="$(timeout 2 cat <&3 | tail -c 300)"
  exec 3>&-
  failure="$path answered '$status' ${body//$'\n'/ }"
  return 1
}

tried_ms=0
until probe; do
  if [ "$tried_ms" -ge "$wait_ms" ]; then
    echo "healthcheck: $failure"
    exit 1
  fi
  sleep 0.1
  tried_ms=$((tried_ms + 100))
done
exit 0
