#!/usr/bin/env bash
# Builds scrapr's images, tags and pushes them to $REGISTRY, and deploys swarm/stack.yml.
# Run it on a Swarm manager (or with DOCKER_HOST pointing at one).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: REGISTRY=registry.example:5000 swarm/deploy.sh [options]

  1. builds the six service images (swarm/build-images.sh) as $REGISTRY/scrapr/<service>:TAG,
     or, with --images PREFIX, tags the PREFIX<service>:TAG images already on the engine;
  2. pushes them to $REGISTRY, so every node can pull them (logging in first when
     REGISTRY_USER and REGISTRY_PASSWORD are set; else `docker login $REGISTRY` beforehand);
  3. creates the secrets the stack needs when they are missing: scrapr_registry_auth (from
     REGISTRY_USER:REGISTRY_PASSWORD, an empty line without them) and, with --create-token,
     scrapr_api_token;
  4. deploys swarm/stack.yml as the stack `scrapr` (docker stack deploy --with-registry-auth).
Upgrading is the same command with a new tag: Swarm rolls each service one task at a time and
rolls back a service whose new tasks fail.
Run it on a Swarm manager, or anywhere with DOCKER_HOST=ssh://USER@MANAGER.

Options:
  --registry REGISTRY   default $REGISTRY; required (a registry every node can pull from)
  --tag TAG             default: the git commit (short), or `latest` outside git
  --images PREFIX       push the PREFIX<service>:TAG images already built on this engine (e.g.
                        scrapr/) instead of building
  --stack NAME          default scrapr
  --base IMAGE          base image for the builds (default the Dockerfiles' eclipse-temurin:17-jre)
  --docker-gid GID      group of /var/run/docker.sock on the managers (default: this node's)
  --consul-url URL      default $CONSUL_URL, else the stack's own Consul: the node's agent, then
                        the servers (http://_gateway:8500,http://consul:8500)
  --skip-build          deploy images already pushed with TAG
  --create-token        create the scrapr_api_token secret with a random token if it is missing
  -h, --help            this help

Environment passed to the stack (see the head of swarm/stack.yml): GATEWAY_PORT (80),
CONFIG_PORT (3003), ALLOWED_TARGETS, MONGO_IMAGE, CONSUL_IMAGE, CONSUL_SERVERS (1),
CONSUL_AGENT_NODES (every node), REDIS_IMAGE, ENDPOINT_MODE (vip), PUBLISH_MODE (ingress).
REGISTRY_USER, REGISTRY_PASSWORD: the registry's credentials.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REGISTRY="${REGISTRY:-}"
TAG=""
STACK="scrapr"
BASE=""
DOCKER_GID=""
CONSUL="${CONSUL_URL:-}"
SKIP_BUILD=0
CREATE_TOKEN=0
IMAGES=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --registry) REGISTRY="${2:?--registry needs a registry}"; shift 2 ;;
    --tag) TAG="${2:?--tag needs a tag}"; shift 2 ;;
    --stack) STACK="${2:?--stack needs a name}"; shift 2 ;;
    --base) BASE="${2:?--base needs an image}"; shift 2 ;;
    --docker-gid) DOCKER_GID="${2:?--docker-gid needs a group id}"; shift 2 ;;
    --consul-url) CONSUL="${2:?--consul-url needs a URL}"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    --images) IMAGES="${2:?--images needs a prefix, e.g. scrapr/}"; shift 2 ;;
    --create-token) CREATE_TOKEN=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "deploy: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done

say() { echo "deploy: $*"; }
[ -n "$REGISTRY" ] || { echo "deploy: set REGISTRY (or --registry): every node pulls the images from it" >&2; exit 64; }
REGISTRY="${REGISTRY%/}/"
command -v docker >/dev/null 2>&1 || { echo "deploy: docker is not installed" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "deploy: no Docker engine answers" >&2; exit 1; }
[ "$(docker info --format '{{.Swarm.ControlAvailable}}')" = "true" ] \
  || { echo "deploy: this engine is not a Swarm manager (run swarm/provision-manager.sh first)" >&2; exit 1; }
docker network inspect scrapr >/dev/null 2>&1 \
  || { echo "deploy: the overlay network scrapr is missing (run swarm/provision-manager.sh)" >&2; exit 1; }

if [ -z "$TAG" ]; then
  TAG="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo latest)"
fi
REGISTRY_HOST="${REGISTRY%%/*}"
if [ -n "${REGISTRY_USER:-}" ] && [ -n "${REGISTRY_PASSWORD:-}" ]; then
  printf '%s' "$REGISTRY_PASSWORD" \
    | docker login --username "$REGISTRY_USER" --password-stdin "$REGISTRY_HOST" >/dev/null \
    || { echo "deploy: docker login $REGISTRY_HOST as $REGISTRY_USER failed" >&2; exit 1; }
  say "logged in to $REGISTRY_HOST as $REGISTRY_USER"
fi

if ! docker secret inspect scrapr_api_token >/dev/null 2>&1; then
  if [ "$CREATE_TOKEN" -eq 1 ]; then
    head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' | docker secret create scrapr_api_token - >/dev/null
    say "created the secret scrapr_api_token (read it with a one-off task, or rotate it with a new secret)"
  else
    echo "deploy: the secret scrapr_api_token is missing; create it first, e.g." >&2
    echo "  openssl rand -hex 32 | tee ~/scrapr-token | docker secret create scrapr_api_token -" >&2
    echo "or pass --create-token" >&2
    exit 1
  fi
fi

# The orchestrator creates the scrapers, endpoints and their Redis with these credentials.
if ! docker secret inspect scrapr_registry_auth >/dev/null 2>&1; then
  if [ -n "${REGISTRY_USER:-}" ] && [ -n "${REGISTRY_PASSWORD:-}" ]; then
    printf '%s:%s\n' "$REGISTRY_USER" "$REGISTRY_PASSWORD" | docker secret create scrapr_registry_auth - >/dev/null
    say "created the secret scrapr_registry_auth ($REGISTRY_USER@$REGISTRY_HOST)"
  else
    echo | docker secret create scrapr_registry_auth - >/dev/null
    say "created the secret scrapr_registry_auth empty (a public registry; set REGISTRY_USER and REGISTRY_PASSWORD otherwise)"
  fi
fi

SERVICES=(config-discovery datasource scraper endpoint gateway orchestrator)
if [ "$SKIP_BUILD" -eq 0 ]; then
  if [ -n "$IMAGES" ]; then
    for service in "${SERVICES[@]}"; do
      docker image inspect "${IMAGES}$service:$TAG" >/dev/null 2>&1 \
        || { echo "deploy: --images: no image ${IMAGES}$service:$TAG on this engine" >&2; exit 1; }
      docker tag "${IMAGES}$service:$TAG" "${REGISTRY}scrapr/$service:$TAG"
    done
  else
    build=("$ROOT/swarm/build-images.sh" --prefix "${REGISTRY}scrapr/" --tag "$TAG" --package)
    [ -n "$BASE" ] && build+=(--base "$BASE")
    [ -n "$DOCKER_GID" ] && build+=(--docker-gid "$DOCKER_GID")
    "${build[@]}"
  fi
  for service in "${SERVICES[@]}"; do
    docker push -q "${REGISTRY}scrapr/$service:$TAG" >/dev/null \
      || { echo "deploy: pushing ${REGISTRY}scrapr/$service:$TAG failed (docker login $REGISTRY?)" >&2; exit 1; }
    say "pushed ${REGISTRY}scrapr/$service:$TAG"
  done
fi

say "deploying stack $STACK (tag $TAG, Consul ${CONSUL:-of the stack: the agent of each node, then the servers})"
deploy=(docker stack deploy --with-registry-auth --prune)
# Docker CLI 26+ waits for the services to converge unless told not to; watch them instead.
docker stack deploy --help 2>/dev/null | grep -q -- '--detach' && deploy+=(--detach=true)
if [ -n "$CONSUL" ]; then export CONSUL_URL="$CONSUL"; else unset CONSUL_URL; fi
REGISTRY="$REGISTRY" SCRAPR_TAG="$TAG" "${deploy[@]}" -c "$ROOT/swarm/stack.yml" "$STACK"
say "done; watch it with: docker stack services $STACK"
