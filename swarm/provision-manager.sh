#!/usr/bin/env bash
# Makes a node scrapr's Swarm manager: Swarm initialised, the overlay network, node labels, and
# (with --consul) a Consul server on the host. Idempotent: run it again and it changes only what
# is missing.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: swarm/provision-manager.sh [options]

Initialises a Docker Swarm on this node (or on --ssh's) and prepares it for scrapr:
  1. `docker swarm init` unless the node already manages a Swarm;
  2. the attachable overlay network `scrapr` (the stack and the orchestrator's services use it);
  3. node labels: scrapr.consul=true and scrapr.mongo=true by default (the stack's Consul server
     and MongoDB's volume live on the nodes labelled so);
  4. with --consul only: a Consul server outside the stack, container `scrapr-consul` on the host
     network, data in the volume `scrapr-consul-data`, restarted with the engine (HTTP API
     http://ADDR:8500; deploy with CONSUL_URL pointing at it). By default the stack runs Consul.
Prints the command that joins workers.

Options:
  --ssh USER@HOST         run on that node over ssh instead of here
  --advertise-addr ADDR   the address other nodes reach this one at (default: Docker's choice)
  --labels K=V,...        node labels (default scrapr.consul=true,scrapr.mongo=true)
  --consul-image IMAGE    default hashicorp/consul:1.20
  --consul-servers N      Consul's -bootstrap-expect (default 1; 3 for three server managers)
  --consul-join ADDR      join an existing Consul server (an additional server manager)
  --consul                run the host-network Consul server here (default: the stack's Consul)
  --no-consul             do not run Consul here (the default)
  -h, --help              this help

Needs a running Docker engine (20.10 or later) on the node; fails with a clear message without.
EOF
}

SELF="${BASH_SOURCE[0]}"
# shellcheck source=lib/remote.sh
. "$(dirname "$SELF")/lib/remote.sh"

SSH=""
ADDR=""
LABELS="scrapr.consul=true,scrapr.mongo=true"
CONSUL_IMAGE="hashicorp/consul:1.20"
CONSUL_SERVERS=1
CONSUL_JOIN=""
CONSUL=0
ARGS=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --ssh) SSH="${2:?--ssh needs USER@HOST}"; shift 2; continue ;;
    --advertise-addr) ADDR="${2:?--advertise-addr needs an address}"; ARGS+=("$1" "$2"); shift 2; continue ;;
    --labels) LABELS="${2?--labels needs K=V,...}"; ARGS+=("$1" "$2"); shift 2; continue ;;
    --consul-image) CONSUL_IMAGE="${2:?--consul-image needs an image}"; ARGS+=("$1" "$2"); shift 2; continue ;;
    --consul-servers) CONSUL_SERVERS="${2:?--consul-servers needs a number}"; ARGS+=("$1" "$2"); shift 2; continue ;;
    --consul-join) CONSUL_JOIN="${2:?--consul-join needs an address}"; ARGS+=("$1" "$2"); shift 2; continue ;;
    --consul) CONSUL=1; ARGS+=("$1"); shift; continue ;;
    --no-consul) CONSUL=0; ARGS+=("$1"); shift; continue ;;
    -h|--help) usage; exit 0 ;;
    *) echo "provision-manager: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done

run_here_or_over_ssh "$SSH" "$SELF" "${ARGS[@]+"${ARGS[@]}"}" || true

say() { echo "provision-manager [$(hostname)]: $*"; }
require_docker provision-manager

state="$(docker info --format '{{.Swarm.LocalNodeState}}')"
if [ "$state" = "active" ]; then
  if [ "$(docker info --format '{{.Swarm.ControlAvailable}}')" != "true" ]; then
    echo "provision-manager: $(hostname) is a Swarm worker; run this on a manager" \
      "(or promote it: docker node promote $(hostname))" >&2
    exit 1
  fi
  say "Swarm already active; this node is a manager"
else
  init=(docker swarm init)
  [ -n "$ADDR" ] && init+=(--advertise-addr "$ADDR")
  "${init[@]}" >/dev/null
  say "Swarm initialised"
fi
[ -n "$ADDR" ] || ADDR="$(docker info --format '{{.Swarm.NodeAddr}}')"

if docker network inspect scrapr >/dev/null 2>&1; then
  say "overlay network scrapr exists"
else
  docker network create --driver overlay --attachable scrapr >/dev/null
  say "overlay network scrapr created"
fi

node="$(docker info --format '{{.Swarm.NodeID}}')"
IFS=',' read -r -a labels <<<"$LABELS"
for label in "${labels[@]}"; do
  [ -n "$label" ] || continue
  docker node update --label-add "$label" "$node" >/dev/null
done
[ -n "$LABELS" ] && say "labels set: $LABELS"

if [ "$CONSUL" -eq 1 ]; then
  if [ "$(docker inspect -f '{{.State.Running}}' scrapr-consul 2>/dev/null)" = "true" ]; then
    say "Consul server scrapr-consul already running"
  elif docker inspect scrapr-consul >/dev/null 2>&1; then
    docker start scrapr-consul >/dev/null
    say "Consul server scrapr-consul started again"
  else
    join=()
    [ -n "$CONSUL_JOIN" ] && join=("-retry-join=$CONSUL_JOIN")
    docker run -d --name scrapr-consul --restart unless-stopped --network host \
      -v scrapr-consul-data:/consul/data "$CONSUL_IMAGE" \
      agent -server "-bootstrap-expect=$CONSUL_SERVERS" -ui -client=0.0.0.0 \
      "-bind=$ADDR" -data-dir=/consul/data "${join[@]+"${join[@]}"}" >/dev/null
    say "Consul server scrapr-consul running (HTTP API http://$ADDR:8500)"
  fi
fi

say "done. Join workers with:"
echo "  swarm/provision-worker.sh --ssh USER@WORKER --manager $ADDR --token $(docker swarm join-token -q worker)"
if [ "$CONSUL" -eq 1 ]; then
  echo "Deploy with: CONSUL_URL=http://$ADDR:8500 REGISTRY=... swarm/deploy.sh ..."
else
  echo "Deploy with: REGISTRY=... swarm/deploy.sh ... (on this manager, or DOCKER_HOST=ssh://USER@$ADDR)"
fi
