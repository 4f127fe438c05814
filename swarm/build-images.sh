#!/usr/bin/env bash
# Builds scrapr's Docker images from Dockerfiles/: the six services and, with --with-test-images,
# the test-only images (Consul and MongoDB stand-ins, the test site, a Redis on the base image).
# Packages the jars first when any is missing (./mvnw -DskipTests package).
#
# Each build gets a small context streamed as a tar (Dockerfiles/ plus the jar and lib/ the image
# needs, at their repository paths) rather than the whole work tree.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: swarm/build-images.sh [options]

Builds PREFIX<service>:TAG for config-discovery, datasource, scraper, endpoint, gateway and
orchestrator from Dockerfiles/<service>.Dockerfile. Each service image carries a class-data
sharing archive from a training run at build time (Dockerfiles/bin/cds-train.sh).

Options:
  --base IMAGE          base image with Java 17 and bash (default: the Dockerfiles' own,
                        eclipse-temurin:17-jre); e.g. scrapr/base:17 where nothing can be pulled
  --tag TAG             image tag (default: latest)
  --prefix PREFIX       image name prefix (default: scrapr/); e.g. registry.example:5000/scrapr/
  --with-test-images    also build the test-only images: consul-standin, mongo-standin,
                        test-site and redis (redis needs a base with redis-server: --base or
                        REDIS_BASE_IMAGE, default scrapr/base:17)
  --only NAMES          build only these images (comma-separated, e.g. scraper,endpoint)
  --docker-gid GID      group id of the Docker socket on the managers, baked into the
                        orchestrator image (default: the local socket's group, when present)
  --package             run ./mvnw -DskipTests package (of the modules the images copy, with
                        fresh target/lib/ directories) even when the jars exist
  -h, --help            this help

Environment: MVNW_ARGS (extra arguments for ./mvnw, e.g. -o), REDIS_BASE_IMAGE.
Prints one line per image built; on failure, the end of the build's output.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE=""
TAG="latest"
PREFIX="scrapr/"
WITH_TEST=0
ONLY=""
DOCKER_GID=""
FORCE_PACKAGE=0

while [ "$#" -gt 0 ]; do
  case "$1" in
    --base) BASE="${2:?--base needs an image}"; shift 2 ;;
    --tag) TAG="${2:?--tag needs a tag}"; shift 2 ;;
    --prefix) PREFIX="${2?--prefix needs a prefix}"; shift 2 ;;
    --with-test-images) WITH_TEST=1; shift ;;
    --only) ONLY="${2:?--only needs names}"; shift 2 ;;
    --docker-gid) DOCKER_GID="${2:?--docker-gid needs a group id}"; shift 2 ;;
    --package) FORCE_PACKAGE=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "build-images: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
done

command -v docker >/dev/null 2>&1 || { echo "build-images: docker is not installed" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "build-images: no Docker engine answers (docker info failed)" >&2; exit 1; }

# image name -> "Dockerfile|module whose target/ it copies"
declare -A SPEC=(
  [config-discovery]="Dockerfiles/config-discovery.Dockerfile|config-discovery"
  [datasource]="Dockerfiles/datasource.Dockerfile|datasource"
  [scraper]="Dockerfiles/scraper.Dockerfile|scraper"
  [endpoint]="Dockerfiles/endpoint.Dockerfile|endpoint"
  [gateway]="Dockerfiles/gateway.Dockerfile|gateway"
  [orchestrator]="Dockerfiles/orchestrator.Dockerfile|orchestrator"
  [consul-standin]="Dockerfiles/test/consul-standin.Dockerfile|testkit"
  [mongo-standin]="Dockerfiles/test/mongo-standin.Dockerfile|testkit"
  [test-site]="Dockerfiles/test/test-site.Dockerfile|testkit"
  [redis]="Dockerfiles/test/redis.Dockerfile|"
)
SERVICES=(config-discovery datasource scraper endpoint gateway orchestrator)
TEST_IMAGES=(consul-standin mongo-standin test-site redis)

IMAGES=("${SERVICES[@]}")
[ "$WITH_TEST" -eq 1 ] && IMAGES+=("${TEST_IMAGES[@]}")
if [ -n "$ONLY" ]; then
  IFS=',' read -r -a IMAGES <<<"$ONLY"
  for name in "${IMAGES[@]}"; do
    [ -n "${SPEC[$name]+x}" ] || { echo "build-images: no image named '$name'" >&2; exit 64; }
  done
fi

# Package when a jar or lib/ an image needs is missing.
need_package="$FORCE_PACKAGE"
for name in "${IMAGES[@]}"; do
  module="${SPEC[$name]#*|}"
  [ -z "$module" ] && continue
  if [ ! -f "$ROOT/$module/target/scrapr-$module.jar" ] || [ ! -d "$ROOT/$module/target/lib" ]; then
    need_package=1
  fi
done
if [ "$need_package" -eq 1 ]; then
  # Only the modules the images copy (and what they depend on), each with a fresh lib/: Maven's
  # copy-dependencies adds to lib/ but never removes, and a jar left there by an older build (a
  # module since renamed or split) would shadow classes of its successor at run time.
  modules=()
  for name in "${IMAGES[@]}"; do
    module="${SPEC[$name]#*|}"
    [ -n "$module" ] && [[ " ${modules[*]} " != *" $module "* ]] && modules+=("$module")
  done
  echo "build-images: packaging the jars (./mvnw -DskipTests package -pl $(IFS=,; echo "${modules[*]}") -am)"
  for module in "${modules[@]}"; do rm -rf "${ROOT:?}/$module/target/lib"; done
  log="$(mktemp -t scrapr-package.XXXXXX.log)"
  # shellcheck disable=SC2086
  if ! (cd "$ROOT" && ./mvnw -B -q -DskipTests -DskipFuzz=true ${MVNW_ARGS:-} package \
      -pl "$(IFS=,; echo "${modules[*]}")" -am) >"$log" 2>&1; then
    echo "build-images: ./mvnw package failed; last lines:" >&2
    tail -n 40 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi

if [ -z "$DOCKER_GID" ] && [ -S /var/run/docker.sock ]; then
  DOCKER_GID="$(stat -c %g /var/run/docker.sock)"
fi

build() {
  local name="$1" dockerfile="${SPEC[$1]%|*}" module="${SPEC[$1]#*|}"
  local image="${PREFIX}${name}:${TAG}" args=() context=(Dockerfiles)
  local base="$BASE"
  if [ "$name" = "redis" ]; then base="${REDIS_BASE_IMAGE:-${BASE:-scrapr/base:17}}"; fi
  [ -n "$base" ] && args+=(--build-arg "BASE_IMAGE=$base")
  [ "$name" = "orchestrator" ] && [ -n "$DOCKER_GID" ] && args+=(--build-arg "DOCKER_GID=$DOCKER_GID")
  if [ -n "$module" ]; then
    context+=("$module/target/lib" "$module/target/scrapr-$module.jar")
  fi
  local log started
  log="$(mktemp -t scrapr-build.XXXXXX.log)"
  started=$SECONDS
  if ! tar -C "$ROOT" -c "${context[@]}" \
      | docker build "${args[@]}" -f "$dockerfile" -t "$image" - >"$log" 2>&1; then
    echo "build-images: building $image from $dockerfile failed; last lines:" >&2
    tail -n 30 "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
  echo "build-images: $image ($((SECONDS - started)) s)"
}

for name in "${IMAGES[@]}"; do
  build "$name"
done
