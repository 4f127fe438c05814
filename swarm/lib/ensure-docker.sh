#!/usr/bin/env bash
# Makes this machine ready for scrapr's Swarm tests and deploys, idempotently and quietly:
#   1. installs docker.io and debootstrap when missing (Debian; needs root),
#   2. starts dockerd when no engine answers, and waits until `docker info` does,
#   3. initialises a one-node Swarm on 127.0.0.1 when the Swarm is not active,
#   4. creates the attachable overlay network $1 (default: scrapr) when missing,
#   5. builds the base image scrapr/base:17 (Java 17 + redis-server) with debootstrap when absent,
#      because no registry can be pulled from on the build machines (see shared/SWARM-LOCAL.md).
# Prints nothing on success; on failure prints what failed and the tail of its log, exits non-zero.
#
# Usage: swarm/lib/ensure-docker.sh [network]
# Environment: SCRAPR_BASE_IMAGE (default scrapr/base:17), SCRAPR_DEBIAN_MIRROR
# (default http://deb.debian.org/debian), DOCKERD_LOG (default /var/log/dockerd.log).
set -euo pipefail

NETWORK="${1:-scrapr}"
BASE_IMAGE="${SCRAPR_BASE_IMAGE:-scrapr/base:17}"
MIRROR="${SCRAPR_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"
WORK_LOG="$(mktemp -t ensure-docker.XXXXXX.log)"
ROOTFS=""
cleanup() {
  rm -f "$WORK_LOG"
  # The debootstrap root file system is large; never leave it behind.
  if [ -n "$ROOTFS" ]; then as_root rm -rf "$ROOTFS" || true; fi
}
trap cleanup EXIT

fail() {
  echo "ensure-docker: $1" >&2
  if [ -s "${2:-$WORK_LOG}" ]; then
    echo "--- last lines of ${2:-its output}:" >&2
    tail -n 20 "${2:-$WORK_LOG}" >&2
  fi
  exit 1
}

# Runs a command with its output kept in the work log, shown only if it fails.
quietly() {
  "$@" >"$WORK_LOG" 2>&1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ "${#missing[@]}" -eq 0 ] && return 0
  quietly as_root apt-get update -qq || fail "apt-get update failed"
  quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    $(printf '%s\n' "${missing[@]}" | sort -u) || fail "apt-get install ${missing[*]} failed"
}

ensure_engine() {
  docker info >/dev/null 2>&1 && return 0
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    # Not a systemd machine: start the daemon ourselves, in a session of its own (setsid), so
    # that ending the job or process group that called us does not take the engine down. No
    # registry answers here, so Swarm tasks use local images without first trying to pull them.
    as_root env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 \
      setsid sh -c "nohup dockerd >>'$DOCKERD_LOG' 2>&1 </dev/null &"
  fi
  local i
  for i in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return 0
    sleep 1
  done
  fail "the Docker engine did not answer within 60 s" "$DOCKERD_LOG"
}

ensure_swarm() {
  local state
  state="$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || true)"
  [ "$state" = "active" ] && return 0
  quietly docker swarm init --advertise-addr 127.0.0.1 || fail "docker swarm init failed (state: ${state:-unknown})"
}

ensure_network() {
  docker network inspect "$NETWORK" >/dev/null 2>&1 && return 0
  quietly docker network create --driver overlay --attachable "$NETWORK" \
    || docker network inspect "$NETWORK" >/dev/null 2>&1 \
    || fail "could not create the overlay network $NETWORK"
}

ensure_base_image() {
  docker image inspect "$BASE_IMAGE" >/dev/null 2>&1 && return 0
  ROOTFS="$(mktemp -d -t scrapr-rootfs.XXXXXX)"
  quietly as_root debootstrap --variant=minbase \
    --include=openjdk-17-jre-headless,redis-server,ca-certificates,curl \
    bookworm "$ROOTFS" "$MIRROR" || fail "debootstrap of $BASE_IMAGE failed"
  as_root tar -C "$ROOTFS" -c . | quietly docker import - "$BASE_IMAGE" \
    || fail "docker import of $BASE_IMAGE failed"
}

ensure_packages
ensure_engine
ensure_swarm
ensure_network
ensure_base_image
