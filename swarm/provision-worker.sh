#!/usr/bin/env bash
# Joins a node to scrapr's Swarm as a worker (and, with --consul, runs a Consul agent on it).
# Idempotent.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: swarm/provision-worker.sh --manager ADDR (--token TOKEN | --token-from USER@MANAGER) [options]

Prepares this node (or --ssh's) as a scrapr worker:
  1. `docker swarm join` with the worker token, unless the node is already in a Swarm;
  2. with --consul only: a Consul agent, container `scrapr-consul` on the host network, joined
     to the server that `provision-manager.sh --consul` runs, restarted with the engine;
  3. node labels, set from the manager when --token-from gives ssh access to it (workers
     cannot label themselves); otherwise the command to run on the manager is printed.

Options:
  --manager ADDR          the manager's address (Swarm port 2377 and Consul server there)
  --token TOKEN           the worker join token (`docker swarm join-token -q worker` on the manager)
  --token-from USER@HOST  fetch the token (and set labels) over ssh from that manager
  --ssh USER@HOST         run on that node over ssh instead of here
  --advertise-addr ADDR   the address the Swarm and Consul advertise for this node
  --labels K=V,...        node labels (default none), e.g. scrapr.mongo=true
  --consul-image IMAGE    default hashicorp/consul:1.20
  --consul                run the host-network Consul agent here (default: the stack's Consul)
  --no-consul             do not run a Consul agent here (the default)
  -h, --help              this help

Needs a running Docker engine (20.10 or later) on the node; fails with a clear message without.
EOF
}

SELF="${BASH_SOURCE[0]}"
# shellcheck source=lib/remote.sh
. "$(dirname "$SELF")/lib/remote.sh"

SSH=""
MANAGER=""
TOKEN=""
TOKEN_FROM=""
ADDR=""
LABELS=""
CONSUL_IMAGE="hashicorp/consul:1.20"
CONSUL=0
while [ "$#" -gt 0 ]; do
  case "$1" in
    --ssh) SSH="${2:?--ssh needs USER@HOST}"; shift 2 ;;
    --manager) MANAGER="${2:?--manager needs an address}"; shift 2 ;;
    --token) TOKEN="${2:?--token needs a token}"; shift 2 ;;
    --token-from) TOKEN_FROM="${2:?--token-from needs USER@HOST}"; shift 2 ;;
    --advertise-addr) ADDR="${2:?--advertise-addr needs an address}"; shift 2 ;;
    --labels) LABELS="${2?--labels needs K=V,...}"; shift 2 ;;
    --consul-image) CONSUL_IMAGE="${2:?--consul-image needs an image}"; shift 2 ;;
    --consul) CONSUL=1; shift ;;
    --no-consul) CONSUL=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "provision-worker: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done
[ -n "$MANAGER" ] || { echo "provision-worker: --manager ADDR is required (see --help)" >&2; exit 64; }

# The token and the labels come from the manager, so fetch the token on the operator's side.
if [ -z "$TOKEN" ] && [ -n "$TOKEN_FROM" ]; then
  TOKEN="$(ssh -o BatchMode=yes "$TOKEN_FROM" docker swarm join-token -q worker)" \
    || { echo "provision-worker: could not read the join token over ssh from $TOKEN_FROM" >&2; exit 1; }
fi

args=(--manager "$MANAGER" --consul-image "$CONSUL_IMAGE")
[ -n "$TOKEN" ] && args+=(--token "$TOKEN")
[ -n "$ADDR" ] && args+=(--advertise-addr "$ADDR")
[ "$CONSUL" -eq 1 ] && args+=(--consul)
if [ -n "$SSH" ]; then
  # Labels are set below, from here, once the remote node has joined.
  status=0
  ( run_here_or_over_ssh "$SSH" "$SELF" "${args[@]}" ) || status=$?
  [ "$status" -eq 0 ] || exit "$status"
  if [ -n "$LABELS" ]; then
    node="$(ssh -o BatchMode=yes "$SSH" docker info --format '{{.Swarm.NodeID}}')"
    if [ -n "$TOKEN_FROM" ]; then
      IFS=',' read -r -a labels <<<"$LABELS"
      for label in "${labels[@]}"; do
        ssh -o BatchMode=yes "$TOKEN_FROM" docker node update --label-add "$label" "$node" >/dev/null
      done
      echo "provision-worker: labels set on $node: $LABELS"
    else
      echo "provision-worker: on the manager, run: docker node update $(printf -- '--label-add %s ' ${LABELS//,/ })$node"
    fi
  fi
  exit 0
fi

say() { echo "provision-worker [$(hostname)]: $*"; }
require_docker provision-worker

state="$(docker info --format '{{.Swarm.LocalNodeState}}')"
if [ "$state" = "active" ]; then
  say "already in a Swarm (managers: $(docker info --format '{{range .Swarm.RemoteManagers}}{{.Addr}} {{end}}'))"
else
  [ -n "$TOKEN" ] || { echo "provision-worker: --token or --token-from is needed to join" >&2; exit 64; }
  join=(docker swarm join --token "$TOKEN")
  [ -n "$ADDR" ] && join+=(--advertise-addr "$ADDR")
  "${join[@]}" "$MANAGER:2377" >/dev/null
  say "joined the Swarm of $MANAGER"
fi
[ -n "$ADDR" ] || ADDR="$(docker info --format '{{.Swarm.NodeAddr}}')"

if [ "$CONSUL" -eq 1 ]; then
  if [ "$(docker inspect -f '{{.State.Running}}' scrapr-consul 2>/dev/null)" = "true" ]; then
    say "Consul agent scrapr-consul already running"
  elif docker inspect scrapr-consul >/dev/null 2>&1; then
    docker start scrapr-consul >/dev/null
    say "Consul agent scrapr-consul started again"
  else
    docker run -d --name scrapr-consul --restart unless-stopped --network host \
      -v scrapr-consul-data:/consul/data "$CONSUL_IMAGE" \
      agent "-retry-join=$MANAGER" -client=0.0.0.0 "-bind=$ADDR" -data-dir=/consul/data >/dev/null
    say "Consul agent scrapr-consul running, joining $MANAGER"
  fi
fi

if [ -n "$LABELS" ]; then
  say "workers cannot label themselves; on the manager, run:" \
    "docker node update $(printf -- '--label-add %s ' ${LABELS//,/ })$(docker info --format '{{.Swarm.NodeID}}')"
fi
say "done"
