#!/usr/bin/env bash
# HEALTHCHECK probe that needs only bash (no curl, which the public JRE image lacks): opens a TCP
# connection to the service on loopback and expects `200` from an HTTP GET of its health path.
#
# Usage: healthcheck.sh [PORT] [PATH|--tcp]
#   PORT  default $SCRAPR_PORT
#   PATH  default /health; --tcp only checks that the port accepts connections
set -uo pipefail

port="${1:-${SCRAPR_PORT:-}}"
path="${2:-/health}"
if [ -z "$port" ]; then
  echo "healthcheck: no port (argument or SCRAPR_PORT)" >&2
  exit 1
fi
if ! exec 3<>"/dev/tcp/127.0.0.1/$port"; then
  echo "healthcheck: nothing listens on port $port"
  exit 1
fi
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
