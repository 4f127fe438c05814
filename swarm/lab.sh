#!/usr/bin/env bash
# TEST ONLY: a real multi-node Docker Swarm on this one machine, provisioned with the operator
# scripts over ssh, and the end-to-end checks that run against it (issue 13).
#
#   swarm/lab.sh up   [--nodes N]   node image (when absent), lab network, a registry with htpasswd
#                                   auth, N Docker-in-Docker nodes (default 3) with sshd and a lab
#                                   key; then swarm/provision-manager.sh --ssh root@node1 and
#                                   swarm/provision-worker.sh --ssh root@nodeK, twice
#   swarm/lab.sh e2e                the checks (PASS/FAIL lines with FIGUREs, then `nodes: N` and
#                                   `lab e2e: N passed, M failed`); needs `up` first
#   swarm/lab.sh down               removes every container, volume and network of the lab
#
# Everything is named scrapr-lab-*; the host's own engine, Swarm and images are left alone. All
# traffic stays between the lab's containers on this machine. The nodes are started with the
# flags of shared/SWARM-LOCAL.md (--privileged fails on the build machines).
# Environment: SCRAPR_LAB_DIR (default /var/tmp/scrapr-lab: keys, ssh config, registry password),
# SCRAPR_LAB_TAG (image tag, default lab), SCRAPR_BASE_IMAGE (default scrapr/base:17),
# SCRAPR_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB="${SCRAPR_LAB_DIR:-/var/tmp/scrapr-lab}"
TAG="${SCRAPR_LAB_TAG:-lab}"
BASE_IMAGE="${SCRAPR_BASE_IMAGE:-scrapr/base:17}"
MIRROR="${SCRAPR_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
NODE_IMAGE="scrapr-lab-node:bookworm"
NETWORK="scrapr-lab-net"
REGISTRY_CONTAINER="scrapr-lab-registry"
REGISTRY="scrapr-lab-registry:5000" # as the nodes resolve it on the lab network
REGISTRY_USER="scrapr"

COMMAND="${1:-}"
[ -n "$COMMAND" ] && shift
NODES=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --nodes) NODES="${2:?--nodes needs a number}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "lab: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done
if [ -z "$NODES" ]; then
  NODES="$(cat "$LAB/nodes" 2>/dev/null || echo 3)"
fi
[[ "$NODES" =~ ^[0-9]+$ ]] && [ "$NODES" -ge 2 ] && [ "$NODES" -le 9 ] \
  || { echo "lab: --nodes must be 2 to 9, was '$NODES'" >&2; exit 64; }

STARTED=$SECONDS
say() { printf '[lab %4ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
die() { echo "lab: $*" >&2; exit 1; }

node_container() { echo "scrapr-lab-node$1"; }
node_ip() {
  docker inspect -f "{{(index .NetworkSettings.Networks \"$NETWORK\").IPAddress}}" "$(node_container "$1")"
}
# The operator's view: ssh (and the Docker CLI over ssh) with the lab's key and ssh config.
lab_env() { PATH="$LAB/bin:$PATH" DOCKER_CONFIG="$LAB/docker-config" "$@"; }
on_node() { local n="$1"; shift; lab_env ssh "root@node$n" "$@"; }
# Quick engine calls on the manager, for the checks (not the operator's path).
mgr() { docker exec "$(node_container 1)" docker "$@"; }

# shellcheck source=lab/up.sh
. "$ROOT/swarm/lab/up.sh"
# shellcheck source=lab/down.sh
. "$ROOT/swarm/lab/down.sh"

case "$COMMAND" in
  up) lab_up ;;
  e2e)
    # shellcheck source=lab/e2e.sh
    . "$ROOT/swarm/lab/e2e.sh"
    lab_e2e
    ;;
  down) lab_down ;;
  -h|--help|"") usage; [ -n "$COMMAND" ] || exit 64 ;;
  *) echo "lab: unknown command '$COMMAND' (up, e2e or down)" >&2; exit 64 ;;
esac
