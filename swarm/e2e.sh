#!/usr/bin/env bash
# scrapr's end-to-end run on a real (one-node) Docker Swarm.
#
# Makes sure a Docker engine, a Swarm and the base image exist (swarm/lib/ensure-docker.sh), builds
# every image from Dockerfiles/, deploys swarm/e2e/stack.yml (the services, the Consul and MongoDB
# stand-ins, two test sites), then checks issue 4's seven behaviours and issue 9's two (a datasource
# of two tasks rolled while scrapers run; a scraper's companion Redis killed during an outage)
# through the deployed APIs, failing loudly with what it saw. Prints its figures as it goes. Removes everything it deployed,
# even on failure; leaves the engine and the base image.
#
# Figures for issue 12 as FIGURE lines: POST -> services running and -> first item at the gateway
# (with where the time went: orchestrator, Swarm, JVM start, first scrape), start -> healthy per
# image (from Docker's container events), and the scraper and endpoint containers' memory at
# steady state (cgroup, as docker stats shows it, and the JVM process's RSS).
#
# Usage: swarm/e2e.sh [--skip-build] [--keep] [--first-only] [-h|--help]
#   --skip-build   use the images already tagged E2E_TAG (default: build them)
#   --keep         leave the stack running at the end (for debugging; remove with --down)
#   --down         only remove what a previous run left, then exit
#   --first-only   checks 1 and 2 only, then the steady-state figures after a minute of scraping
#                  (for measuring start-up and memory; not the CI's run)
# Environment:
#   SCRAPR_E2E_OFFICIAL_IMAGES=1   mongo:7 and hashicorp/consul instead of the stand-ins
#   SCRAPR_BASE_IMAGE              base image for the builds (default scrapr/base:17)
#   E2E_TAG                        image tag (default test)
#   E2E_GATEWAY_PORT, E2E_CONFIG_DISCOVERY_PORT, E2E_ORCHESTRATOR_PORT, E2E_CONSUL_PORT
#                                  host ports (defaults 18080, 13003, 13004, 18500); the datasource
#                                  has none and is reached from a probe container on the network
set -euo pipefail

usage() { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SKIP_BUILD=0
KEEP=0
DOWN_ONLY=0
FIRST_ONLY=0
while [ "$#" -gt 0 ]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --keep) KEEP=1 ;;
    --down) DOWN_ONLY=1 ;;
    --first-only) FIRST_ONLY=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "e2e: unknown option '$1' (see --help)" >&2; exit 64 ;;
  esac
  shift
done

export E2E_TAG="${E2E_TAG:-test}"
export E2E_NETWORK="scrapr-e2e"
export E2E_SCOPE="scrapr-e2e"
export E2E_GATEWAY_PORT="${E2E_GATEWAY_PORT:-18080}"
export E2E_CONFIG_DISCOVERY_PORT="${E2E_CONFIG_DISCOVERY_PORT:-13003}"
export E2E_ORCHESTRATOR_PORT="${E2E_ORCHESTRATOR_PORT:-13004}"
export E2E_CONSUL_PORT="${E2E_CONSUL_PORT:-18500}"
BASE_IMAGE="${SCRAPR_BASE_IMAGE:-scrapr/base:17}"
STACK="scrapr-e2e"
GATEWAY="http://127.0.0.1:$E2E_GATEWAY_PORT"
CONFIGS="http://127.0.0.1:$E2E_CONFIG_DISCOVERY_PORT"
DATASOURCE="http://datasource:3001" # seen from the probe container
PROBE="${STACK}-probe"
ORCHESTRATOR="http://127.0.0.1:$E2E_ORCHESTRATOR_PORT"
TICK_SECONDS=20 # test-site-2's --tick-seconds

WORK="$(mktemp -d -t scrapr-e2e.XXXXXX)"
export E2E_TOKEN_FILE="$WORK/api-token"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$E2E_TOKEN_FILE"
TOKEN="$(cat "$E2E_TOKEN_FILE")"
FIGURES="$WORK/figures"
MEMORY="$WORK/memory"
: >"$FIGURES"
: >"$MEMORY"
SAMPLER_PID=""
EVENTS_PID=""
LIFECYCLE_PID=""
LIFECYCLE="$WORK/lifecycle" # Docker's service and container events: "nanoseconds|type|action|id|name|image|service"
: >"$LIFECYCLE"
STARTED=$SECONDS
CHECKS_PASSED=0
CHECKS_FAILED=0

# ---------------------------------------------------------------------------------------------
# Output

say() { printf '[e2e %4ds] %s\n' "$((SECONDS - STARTED))" "$*"; }
figure() {
  printf '%s\n' "$*" >>"$FIGURES"
  say "FIGURE $*"
}
pass() {
  CHECKS_PASSED=$((CHECKS_PASSED + 1))
  say "PASS  $*"
}
fail() {
  CHECKS_FAILED=$((CHECKS_FAILED + 1))
  say "FAIL  $*"
  diagnostics
  exit 1
}

diagnostics() {
  echo "----- what the Swarm looked like at the failure -----"
  docker service ls --format '{{.Name}}  {{.Replicas}}  {{.Image}}' 2>&1 | sort || true
  local svc
  for svc in $(e2e_services); do
    echo "----- $svc: tasks"
    docker service ps --no-trunc --format '{{.Name}} {{.CurrentState}} {{.Error}}' "$svc" 2>&1 | head -5 || true
    echo "----- $svc: last log lines"
    docker service logs --no-task-ids --tail 25 "$svc" 2>&1 | cut -c1-400 || true
  done
}

# Every service this run owns: the stack's and the ones the orchestrator created.
e2e_services() {
  {
    docker service ls --quiet --filter "label=com.docker.stack.namespace=$STACK" 2>/dev/null
    docker service ls --quiet --filter "label=scrapr.scope=$E2E_SCOPE" 2>/dev/null
  } | sort -u | xargs -r docker service inspect --format '{{.Spec.Name}}' 2>/dev/null | sort
}

# ---------------------------------------------------------------------------------------------
# Clean-up, also on failure

memory_report() {
  [ -s "$MEMORY" ] || return 0
  say "peak memory per container (docker stats, sampled every 3 s):"
  # Lines: "<container name> <usage>"; container names are <service>.<slot>.<task id>.
  awk '
    function mib(v,   n, u) {
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "GiB") return n * 1024; if (u == "MiB") return n; if (u == "KiB") return n / 1024
      if (u == "kB") return n / 1024; if (u == "MB") return n; if (u == "GB") return n * 1024
      return n / 1048576
    }
    { split($1, p, "."); s = p[1]; m = mib($2); if (m > peak[s]) peak[s] = m }
    END { for (s in peak) printf "%-48s %7.1f MiB\n", s, peak[s] }
  ' "$MEMORY" | sort | while IFS= read -r line; do
    figure "peak memory $line"
  done
}

teardown() {
  local i
  # The orchestrator first: while it runs, it recreates the services removed below.
  docker service rm "${STACK}_orchestrator" >/dev/null 2>&1 || true
  for i in $(seq 1 60); do
    [ -z "$(docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_orchestrator")" ] && break
    sleep 1
  done
  for i in $(seq 1 90); do
    docker service ls --quiet --filter "label=scrapr.scope=$E2E_SCOPE" | xargs -r docker service rm >/dev/null 2>&1 || true
    docker stack rm "$STACK" >/dev/null 2>&1 || true
    [ -z "$(docker ps -aq --filter "label=com.docker.stack.namespace=$STACK")" ] \
      && [ -z "$(docker ps -aq --filter "label=scrapr.scope=$E2E_SCOPE")" ] \
      && [ -z "$(docker service ls -q --filter "label=scrapr.scope=$E2E_SCOPE")" ] \
      && [ -z "$(docker service ls -q --filter "label=com.docker.stack.namespace=$STACK")" ] && break
    sleep 1
  done
  docker rm -f "$PROBE" >/dev/null 2>&1 || true
  # The network and the volumes go once their last container has gone, which can lag a little.
  # The companion Redis volumes outlive their services by design (they may hold undelivered
  # batches); this run made them, so it removes them.
  for i in $(seq 1 30); do
    docker volume rm "${STACK}_mongo-data" >/dev/null 2>&1 || true
    docker volume ls -q --filter "label=scrapr.scope=$E2E_SCOPE" | xargs -r docker volume rm >/dev/null 2>&1 || true
    docker network rm "$E2E_NETWORK" >/dev/null 2>&1 || true
    if ! docker network inspect "$E2E_NETWORK" >/dev/null 2>&1 \
      && ! docker volume inspect "${STACK}_mongo-data" >/dev/null 2>&1 \
      && [ -z "$(docker volume ls -q --filter "label=scrapr.scope=$E2E_SCOPE")" ]; then
      return 0
    fi
    sleep 1
  done
  say "could not remove the network $E2E_NETWORK or the volumes of this run"
}

finish() {
  local status=$?
  set +e
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null && wait "$SAMPLER_PID" 2>/dev/null
  [ -n "$EVENTS_PID" ] && kill "$EVENTS_PID" 2>/dev/null
  [ -n "$LIFECYCLE_PID" ] && kill "$LIFECYCLE_PID" 2>/dev/null
  start_to_healthy_report
  memory_report
  if [ "$KEEP" -eq 1 ]; then
    say "--keep: leaving the stack $STACK running (remove it with swarm/e2e.sh --down)"
  else
    say "removing everything this run deployed"
    teardown
  fi
  rm -rf "$WORK"
  say "checks: $CHECKS_PASSED passed, $CHECKS_FAILED failed; total $((SECONDS - STARTED)) s"
  if [ "$status" -eq 0 ]; then
    echo "e2e: $CHECKS_PASSED passed, $CHECKS_FAILED failed"
  else
    echo "e2e: $CHECKS_PASSED passed, $((CHECKS_FAILED > 0 ? CHECKS_FAILED : 1)) failed"
  fi
  exit "$status"
}

if [ "$DOWN_ONLY" -eq 1 ]; then
  teardown
  rm -rf "$WORK"
  echo "e2e: removed what a previous run left"
  exit 0
fi
trap finish EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# HTTP and polling helpers

# http METHOD URL [JSON] [--no-token]: sets STATUS and BODY.
http() {
  local method="$1" url="$2" data="${3:-}" auth=(-H "Authorization: Bearer $TOKEN")
  [ "${4:-}" = "--no-token" ] && auth=()
  local args=(-sS -o "$WORK/body" -w '%{http_code}' -X "$method" --max-time 15 "${auth[@]}")
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  STATUS="$(curl "${args[@]}" "$url" 2>"$WORK/curl-error" || true)"
  BODY="$(cat "$WORK/body" 2>/dev/null || true)"
  [ -n "$STATUS" ] && [ "$STATUS" != "000" ] || BODY="(no answer: $(cat "$WORK/curl-error"))"
  return 0
}

# until_true TIMEOUT_S DESCRIPTION FUNCTION [ARGS]: polls FUNCTION every second until it succeeds;
# FUNCTION sets SEEN to what it observed, which a timeout reports.
# until_true TIMEOUT WHAT COMMAND...: runs COMMAND every POLL_S seconds (default 1) until it succeeds.
until_true() {
  local timeout="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  SEEN=""
  while ! "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "$what: not within ${timeout} s; last seen: ${SEEN:-nothing}"
    fi
    sleep "${POLL_S:-1}"
  done
}

healthy() {
  http GET "$1/health"
  SEEN="$STATUS ${BODY:0:300}"
  [ "$STATUS" = "200" ]
}

# inside_http METHOD URL: like http, but from the probe container on the overlay network, for the
# datasource, which has no host port. Sets STATUS and BODY.
inside_http() {
  local out
  out="$(docker exec "$PROBE" curl -sS -X "$1" --max-time 15 -H "Authorization: Bearer $TOKEN" \
    -w '\n%{http_code}' "$2" 2>&1 || true)"
  STATUS="${out##*$'\n'}"
  BODY="${out%$'\n'*}"
  if ! [[ "$STATUS" =~ ^[0-9]{3}$ ]] || [ "$STATUS" = "000" ]; then
    STATUS="000"
    BODY="(no answer: ${out:0:300})"
  fi
  return 0
}

datasource_healthy() {
  inside_http GET "$DATASOURCE/health"
  SEEN="$STATUS ${BODY:0:300}"
  [ "$STATUS" = "200" ]
}

# Tasks of a service that should run and do (Swarm counts a task with a health check as running
# only once it is healthy).
running_tasks() {
  docker service ps --filter desired-state=running --format '{{.CurrentState}}' "$1" 2>/dev/null \
    | grep -c '^Running' || true
}

# The datasource holds each item of a collection once: sets DS_TOTAL, or fails.
datasource_once() {
  inside_http GET "$DATASOURCE/collections/$1?limit=10000"
  [ "$STATUS" = "200" ] || fail "GET /collections/$1 at the datasource answered $STATUS: ${BODY:0:300}"
  DS_TOTAL="$(jq -r '.count // .total // empty' <<<"$BODY")"
  local distinct
  distinct="$(jq '[.items[].url] | unique | length' <<<"$BODY")"
  [ "$DS_TOTAL" = "$distinct" ] || fail "the datasource holds $DS_TOTAL $1 items but $distinct distinct urls"
}

# Services the orchestrator runs for a collection, one "name replicas type role" line each.
collection_services() {
  local type role
  for type in scraper endpoint; do
    for role in service redis; do
      docker service ls --filter "label=scrapr.scope=$E2E_SCOPE" \
        --filter "label=scrapr.collection=$1" --filter "label=scrapr.type=$type" \
        --filter "label=scrapr.role=$role" --format "{{.Name}} {{.Replicas}} $type $role"
    done
  done | sort
}

# A collection's scraper and endpoint (each with its Redis, unless Redis is shared) are running.
collection_running() {
  local lines
  lines="$(collection_services "$1")"
  SEEN="$(echo "$lines" | tr '\n' ';')"
  echo "$lines" | grep -q ' 1/1 scraper service' \
    && echo "$lines" | grep -q ' 1/1 endpoint service' \
    && ! echo "$lines" | grep -q ' 0/1 '
}

collection_gone() {
  SEEN="$(collection_services "$1" | tr '\n' ';')"
  [ -z "$SEEN" ]
}

# The gateway's copy of a collection: sets ITEMS (a JSON array) and TOTAL.
gateway_items() {
  http GET "$GATEWAY/api/$1?limit=10000"
  ITEMS="[]"
  TOTAL=-1
  if [ "$STATUS" = "200" ]; then
    ITEMS="$(jq -c '.items' <<<"$BODY")"
    TOTAL="$(jq -r '.total' <<<"$BODY")"
  fi
  SEEN="status $STATUS total $TOTAL ${BODY:0:200}"
}

gateway_has_items() {
  gateway_items "$1"
  [ "$TOTAL" -ge 1 ] 2>/dev/null
}

gateway_has_exactly() {
  local collection="$1" books="$2"
  gateway_items "$collection"
  local book_count distinct
  book_count="$(jq '[.[] | select(.url | test("/book-[0-9]+\\.html$"))] | length' <<<"$ITEMS")"
  distinct="$(jq '[.[].url] | unique | length' <<<"$ITEMS")"
  SEEN="status $STATUS total $TOTAL, $book_count books, $distinct distinct urls"
  [ "$book_count" = "$books" ] && [ "$distinct" = "$TOTAL" ] && [ "$(jq length <<<"$ITEMS")" = "$TOTAL" ]
}

# Seconds since the epoch of the newest lastSeen among ITEMS.
newest_seen() {
  local newest
  newest="$(jq -r '[.[].lastSeen | if type == "object" then (."$date" // "") else . end
                    | tostring] | max // ""' <<<"$ITEMS")"
  if [[ "$newest" =~ ^[0-9]+$ ]]; then
    echo $((newest > 100000000000 ? newest / 1000 : newest))
  elif [ -n "$newest" ] && [ "$newest" != "null" ]; then
    date -d "$newest" +%s 2>/dev/null || echo 0
  else
    echo 0
  fi
}

post_configuration() {
  http POST "$CONFIGS/configurations" "$1"
  [ "$STATUS" = "201" ] || fail "POST /configurations answered $STATUS, not 201: $BODY"
  CONFIG_ID="$(jq -r '.id' <<<"$BODY")"
}

configuration() { # collection site ttl
  jq -nc --arg c "$1" --arg site "$2" --argjson ttl "$3" '{
    collection: $c, ttl: $ttl, key: ["url"],
    scraper: {
      source: ("http://" + $site + ":8000/catalogue/page-1.html"),
      scope: "article.product",
      selector: { title: "h3 a@title", url: "h3 a@abs:href", price: ".price_color",
                  tags: ["ul.tags li"] },
      paginate: "li.next a@abs:href", limit: 10, delayMs: 100 } }'
}

service_container() { # the running container of a service's task
  docker ps -q --filter "label=com.docker.swarm.service.name=$1" --filter status=running | head -1
}

now_ms() { date +%s%3N; }

# seconds_between FROM_MS TO_MS: "1.23"
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }

# Milliseconds of the first LIFECYCLE event of TYPE and ACTION (a prefix, e.g. "health_status:
# healthy") whose name or service is SERVICE, at or after SINCE_MS; empty if none.
first_event_ms() { # SERVICE TYPE ACTION SINCE_MS
  awk -F'|' -v svc="$1" -v type="$2" -v action="$3" -v since="$4" '
    $2 == type && index($3, action) == 1 && ($5 == svc || $7 == svc) {
      ms = substr($1, 1, length($1) - 6)
      if (ms + 0 >= since + 0 && (best == "" || ms + 0 < best + 0)) best = ms
    }
    END { if (best != "") print best }' "$LIFECYCLE"
}

# log_moment SERVICE PATTERN LABEL: " LABEL X s;" for the first log line of SERVICE matching
# PATTERN, X seconds after POSTED_MS; nothing if no line matches.
log_moment() {
  local at
  at="$( (docker service logs --timestamps --no-task-ids "$1" 2>/dev/null || true) \
    | grep -m1 -e "$2" | awk '{print $1}' || true)"
  [ -n "$at" ] || return 0
  printf ' %s %s s;' "$3" "$(seconds_between "$POSTED_MS" "$(date -d "$at" +%s%3N)")"
}

# Where the time from a POST to the first item at the gateway went, from Docker's events, the
# scraper's log and the first item's arrival: FIGURE lines. POSTED_MS and FIRST_ITEM_MS are set
# by the caller.
post_breakdown() { # COLLECTION
  local collection="$1" scraper endpoint created started healthy line
  scraper="$(collection_services "$collection" | awk '$3 == "scraper" && $4 == "service" {print $1}' | head -1)"
  endpoint="$(collection_services "$collection" | awk '$3 == "endpoint" && $4 == "service" {print $1}' | head -1)"
  line="$collection: POST ->"
  for svc in "$scraper" "$endpoint"; do
    [ -n "$svc" ] || continue
    created="$(first_event_ms "$svc" service create "$POSTED_MS")"
    started="$(first_event_ms "$svc" container start "$POSTED_MS")"
    healthy="$(first_event_ms "$svc" container "health_status: healthy" "$POSTED_MS")"
    line="$line ${svc%%-*} created $(seconds_between "$POSTED_MS" "${created:-$POSTED_MS}") s, container started $(seconds_between "$POSTED_MS" "${started:-$POSTED_MS}") s, healthy $(seconds_between "$POSTED_MS" "${healthy:-$POSTED_MS}") s;"
  done
  # The services' logs: when each JVM logged its first line, when the scraper started and
  # finished its first run, when the endpoint served and first held items.
  line="$line$(log_moment "$scraper" 'starting (' 'scraper JVM logging')"
  line="$line$(log_moment "$scraper" 'scraping now' 'first scrape started')"
  line="$line$(log_moment "$scraper" 'run finished' 'first run finished')"
  line="$line$(log_moment "$endpoint" 'starting (' 'endpoint JVM logging')"
  line="$line$(log_moment "$endpoint" 'serving collection' 'endpoint serving')"
  line="$line$(log_moment "$endpoint" 'refreshed: [1-9]' 'endpoint holds items')"
  figure "$line first item at the gateway $(seconds_between "$POSTED_MS" "$FIRST_ITEM_MS") s"
  # Their first log lines, to see where a slow start went (a first run seconds late has been
  # seen twice and not explained yet).
  for svc in "$scraper" "$endpoint"; do
    [ -n "$svc" ] || continue
    (docker service logs --timestamps --no-task-ids "$svc" 2>/dev/null || true) | sort | head -8 \
      | cut -c1-260 | sed "s/^/  [$svc] /"
  done
}

# restart_to_healthy SERVICE: forces a new task of SERVICE and prints, as a FIGURE line, its
# container's start -> healthy from Docker's events.
restart_to_healthy() {
  local svc="$1" since started healthy
  since="$(now_ms)"
  docker service update --force --detach=true "$svc" >/dev/null 2>&1 || fail "cannot restart $svc"
  POLL_S=0.5 until_true 120 "$svc: a new task healthy" healthy_since "$svc" "$since"
  started="$(first_event_ms "$svc" container start "$since")"
  healthy="$(first_event_ms "$svc" container "health_status: healthy" "$since")"
  figure "restarted alone at steady state, $svc: start -> healthy $(seconds_between "$started" "$healthy") s"
}

healthy_since() { # SERVICE SINCE_MS
  SEEN="no healthy container of $1 since the restart"
  [ -n "$(first_event_ms "$1" container "health_status: healthy" "$2")" ]
}

# Start -> healthy of every container this run saw start, per image, from Docker's events: the
# first "healthy" after each start of that container. FIGURE lines.
start_to_healthy_report() {
  [ -s "$LIFECYCLE" ] || return 0
  awk -F'|' '
    $2 != "container" { next }
    { ms = substr($1, 1, length($1) - 6) + 0; image = $6; sub(/@.*/, "", image) }
    $3 == "start" { started[$4] = ms; img[$4] = image; next }
    index($3, "health_status: healthy") == 1 && ($4 in started) {
      d = (ms - started[$4]) / 1000; delete started[$4]
      i = img[$4]; n[i]++; v[i, n[i]] = d
    }
    END {
      for (i in n) {
        # insertion sort of v[i, 1..n]
        for (a = 2; a <= n[i]; a++) { x = v[i, a]; for (b = a - 1; b >= 1 && v[i, b] > x; b--) v[i, b + 1] = v[i, b]; v[i, b + 1] = x }
        printf "start -> healthy %-36s %2d starts: median %.1f s, max %.1f s\n", i, n[i], v[i, int((n[i] + 1) / 2)], v[i, n[i]]
      }
    }' "$LIFECYCLE" | sort | while IFS= read -r line; do
    figure "$line"
  done
}

# The memory of the running scraper and endpoint containers now: the cgroup's figure as docker
# stats shows it (usage less inactive file cache) and the java process's resident set (VmRSS,
# with its anonymous part: heap, metaspace, code, stacks). FIGURE lines; LABEL says when.
steady_memory() { # LABEL
  local svc c stats rss
  for svc in $(docker service ls --filter "label=scrapr.scope=$E2E_SCOPE" --filter "label=scrapr.role=service" \
    --format '{{.Name}}' | sort); do
    c="$(service_container "$svc")"
    [ -n "$c" ] || continue
    stats="$(docker stats --no-stream --format '{{.MemUsage}}' "$c" 2>/dev/null | awk '{print $1}')"
    rss="$(docker exec "$c" bash -c 'for s in /proc/[0-9]*/status; do
        if grep -q "^Name:[[:space:]]*java" "$s" 2>/dev/null; then
          awk "/^VmRSS:/ {r = \$2} /^RssAnon:/ {a = \$2} /^RssFile:/ {f = \$2}
               END {printf \"%.1f MiB (anonymous %.1f, file %.1f)\", r / 1024, a / 1024, f / 1024}" "$s"
        fi
      done' 2>/dev/null)"
    figure "steady-state memory ($1) ${svc}: cgroup ${stats:-?}, java RSS ${rss:-?}"
  done
}

# ---------------------------------------------------------------------------------------------
# Set-up

command -v jq >/dev/null 2>&1 && command -v curl >/dev/null 2>&1 || {
  say "installing jq and curl"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq curl >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq curl >/dev/null; }
}

say "preparing the engine, the Swarm, the network $E2E_NETWORK and $BASE_IMAGE"
SCRAPR_BASE_IMAGE="$BASE_IMAGE" "$ROOT/swarm/lib/ensure-docker.sh" "$E2E_NETWORK"

# A previous run that was killed may have left things behind.
if [ -n "$(e2e_services)" ] || docker inspect "$PROBE" >/dev/null 2>&1 \
  || [ -n "$(docker volume ls -q --filter "label=scrapr.scope=$E2E_SCOPE" 2>/dev/null)" ]; then
  say "removing what a previous run left"
  teardown
  SCRAPR_BASE_IMAGE="$BASE_IMAGE" "$ROOT/swarm/lib/ensure-docker.sh" "$E2E_NETWORK"
fi

if [ "$SKIP_BUILD" -eq 0 ]; then
  say "building the images (tag $E2E_TAG, base $BASE_IMAGE)"
  build_started=$SECONDS
  "$ROOT/swarm/build-images.sh" --base "$BASE_IMAGE" --tag "$E2E_TAG" --with-test-images
  figure "image builds: $((SECONDS - build_started)) s"
fi

COMPOSE=(-c "$ROOT/swarm/e2e/stack.yml")
if [ "${SCRAPR_E2E_OFFICIAL_IMAGES:-0}" = "1" ]; then
  say "SCRAPR_E2E_OFFICIAL_IMAGES=1: pulling mongo:7 and hashicorp/consul"
  docker pull -q mongo:7 >/dev/null || fail "cannot pull mongo:7 (unset SCRAPR_E2E_OFFICIAL_IMAGES to use the stand-in)"
  docker pull -q hashicorp/consul:1.20 >/dev/null || fail "cannot pull hashicorp/consul:1.20"
  COMPOSE+=(-c "$ROOT/swarm/e2e/official-images.yml")
fi

# The probe: an idle container on the overlay network, from which the run reaches the datasource.
docker run -d --name "$PROBE" --network "$E2E_NETWORK" --label "scrapr.e2e=probe" \
  "$BASE_IMAGE" sleep infinity >/dev/null || fail "cannot start the probe container on $E2E_NETWORK"

# Docker's service and container events, for the start -> healthy and POST breakdown figures.
docker events --filter type=container --filter type=service \
  --format '{{.TimeNano}}|{{.Type}}|{{.Action}}|{{.Actor.ID}}|{{index .Actor.Attributes "name"}}|{{index .Actor.Attributes "image"}}|{{index .Actor.Attributes "com.docker.swarm.service.name"}}' \
  >>"$LIFECYCLE" 2>/dev/null &
LIFECYCLE_PID=$!

say "deploying the stack $STACK"
deploy_started=$SECONDS
deploy=(docker stack deploy --resolve-image never)
# Docker CLI 26+ waits for convergence unless told not to; older clients have no such flag.
docker stack deploy --help 2>/dev/null | grep -q -- '--detach' && deploy+=(--detach=true)
"${deploy[@]}" "${COMPOSE[@]}" "$STACK" >"$WORK/deploy.log" 2>&1 \
  || { cat "$WORK/deploy.log"; fail "docker stack deploy failed"; }

# Memory sampler: every 3 s, the memory of every container of this run's services (and of no
# other container on the engine).
(
  while true; do
    services="$(e2e_services | paste -sd '|' -)"
    if [ -n "$services" ]; then
      docker stats --no-stream --format '{{.Name}} {{.MemUsage}}' 2>/dev/null \
        | grep -E "^(${services//./\\.})\\." | awk '{print $1, $2}' >>"$MEMORY" || true
    fi
    sleep 3
  done
) &
SAMPLER_PID=$!

until_true 240 "config-discovery healthy at $CONFIGS/health" healthy "$CONFIGS"
until_true 120 "datasource healthy at $DATASOURCE/health" datasource_healthy
until_true 120 "orchestrator healthy at $ORCHESTRATOR/health" healthy "$ORCHESTRATOR"
until_true 120 "gateway healthy at $GATEWAY/health" healthy "$GATEWAY"
figure "stack deploy to every service healthy: $((SECONDS - deploy_started)) s"

# ---------------------------------------------------------------------------------------------
# 1. A posted configuration becomes a scraper and an endpoint service; its items reach the gateway.

say "check 1: POST a configuration for 'books' (test-site: 3 pages x 20 books)"
posted=$SECONDS
POSTED_MS="$(now_ms)"
post_configuration "$(configuration books test-site 10)"
BOOKS_ID="$CONFIG_ID"
# As a consumer sees it: asking the gateway from the POST on, five times a second (the services'
# health is checked after; waiting for it first, polling once a second, added up to two seconds).
POLL_S=0.2 until_true 180 "books: first item at the gateway" gateway_has_items books
FIRST_ITEM_MS="$(now_ms)"
figure "books: POST -> first item at the gateway: $(seconds_between "$POSTED_MS" "$FIRST_ITEM_MS") s"
POLL_S=0.5 until_true 180 "books: scraper and endpoint services running" collection_running books
figure "books: POST -> scraper and endpoint services running: $(seconds_between "$POSTED_MS" "$(now_ms)") s"
until_true 90 "books: exactly 60 distinct books at the gateway" gateway_has_exactly books 60
figure "books: POST -> all 60 items at the gateway: $((SECONDS - posted)) s"
post_breakdown books
pass "1. configuration $BOOKS_ID runs as $(collection_services books | awk '{print $1}' | tr '\n' ' ')and its 60 items are at $GATEWAY/api/books"

# ---------------------------------------------------------------------------------------------
# 2. A second collection runs side by side.

say "check 2: POST a configuration for 'ticks' (test-site-2: 4 pages x 7 books + a tick item)"
POSTED_MS="$(now_ms)"
post_configuration "$(configuration ticks test-site-2 10)"
TICKS_ID="$CONFIG_ID"
POLL_S=0.2 until_true 180 "ticks: first item at the gateway" gateway_has_items ticks
FIRST_ITEM_MS="$(now_ms)"
figure "ticks: POST -> first item at the gateway: $(seconds_between "$POSTED_MS" "$FIRST_ITEM_MS") s"
POLL_S=0.5 until_true 180 "ticks: scraper and endpoint services running" collection_running ticks
figure "ticks: POST -> services running: $(seconds_between "$POSTED_MS" "$(now_ms)") s"
post_breakdown ticks
until_true 90 "ticks: the 28 books at the gateway" gateway_has_exactly ticks 28
gateway_has_exactly books 60 || fail "books changed while ticks started: $SEEN"
http GET "$GATEWAY/api"
pass "2. 'ticks' runs beside 'books'; the gateway lists: $(jq -c '.' <<<"$BODY" | cut -c1-200)"

if [ "$FIRST_ONLY" -eq 1 ]; then
  # A minute of scraping every 10 s, then the steady state.
  say "--first-only: a minute of scraping, then the memory at steady state"
  soak_end=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$soak_end" ]; do
    gateway_has_exactly books 60 || fail "books changed while the scrapers ran: $SEEN"
    sleep 5
  done
  steady_memory "after a minute of scraping"
  # Start -> healthy of one container started alone on the node at steady state, as a replaced
  # task starts; the figures above count the first starts, all at once with the whole stack's.
  for kind in scraper endpoint; do
    restart_to_healthy "$(collection_services books | awk -v k="$kind" '$3 == k && $4 == "service" {print $1}')"
  done
  say "--first-only: checks 1 and 2 passed; skipping the others"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# 4. Killing a scraper task: Swarm replaces it and items keep flowing.

say "check 4: kill the books scraper's task"
books_scraper="$(collection_services books | awk '$3 == "scraper" && $4 == "service" {print $1}')"
old_container="$(service_container "$books_scraper")"
[ -n "$old_container" ] || fail "no running container for $books_scraper"
docker kill "$old_container" >/dev/null
killed_at="$(date +%s)"
killed=$SECONDS
replaced() {
  local now
  now="$(service_container "$books_scraper")"
  SEEN="container ${now:-none}; $(docker service ls --filter "name=$books_scraper" --format '{{.Replicas}}')"
  [ -n "$now" ] && [ "$now" != "$old_container" ] && collection_running books
}
until_true 120 "books: a new scraper task replaces the killed one" replaced
figure "books: scraper task killed -> replacement running: $((SECONDS - killed)) s"
scraped_since_kill() {
  gateway_items books
  local newest
  newest="$(newest_seen)"
  SEEN="newest lastSeen $newest (kill at $killed_at); $SEEN"
  [ "$newest" -gt "$killed_at" ]
}
until_true 120 "books: items scraped after the kill reach the gateway" scraped_since_kill
gateway_has_exactly books 60 || fail "books after the replacement: $SEEN"
pass "4. the killed scraper task was replaced and new scrapes reached the gateway (60 books, none twice)"

# ---------------------------------------------------------------------------------------------
# 5. The datasource down for 30 s while scrapers run: afterwards every item is there, none twice.

ticks_contiguous_through() { # every tick window from the first one to $1 is there, once
  gateway_items ticks
  local ticks first last count distinct
  ticks="$(jq -c '[.[] | .url | capture("/tick-(?<n>[0-9]+)\\.html$").n | tonumber] | sort' <<<"$ITEMS")"
  first="$(jq 'min // 0' <<<"$ticks")"
  last="$(jq 'max // 0' <<<"$ticks")"
  count="$(jq 'length' <<<"$ticks")"
  distinct="$(jq 'unique | length' <<<"$ticks")"
  SEEN="ticks $first..$last ($count items, $distinct distinct), want through $1; $SEEN"
  [ "$last" -ge "$1" ] && [ "$count" = "$distinct" ] && [ "$count" = "$((last - first + 1))" ] \
    && gateway_has_exactly ticks 28 && [ "$TOTAL" = "$((28 + count))" ]
}

say "check 5: scale the datasource to 0 for 30 s while the scrapers run"
outage_start="$(date +%s)"
docker service scale --detach "${STACK}_datasource=0" >/dev/null
datasource_down() {
  SEEN="$(service_container "${STACK}_datasource")"
  [ -z "$SEEN" ]
}
until_true 60 "datasource task stopped" datasource_down
stale_served() {
  http GET "$GATEWAY/api/books?limit=1"
  SEEN="status $STATUS total $(jq -r '.total // empty' <<<"$BODY" 2>/dev/null)"
  [ "$STATUS" = "200" ] && [ "$(jq -r '.total' <<<"$BODY")" = "60" ]
}
# The 30 s outage is part of the scenario, not a wait for a condition; the gateway must keep
# serving the last good copy all along.
outage_end=$((SECONDS + 30))
while [ "$SECONDS" -lt "$outage_end" ]; do
  stale_served || fail "the gateway stopped serving books during the datasource outage: $SEEN"
  sleep 5
done
docker service scale --detach "${STACK}_datasource=1" >/dev/null
restored="$(date +%s)"
restored_s=$SECONDS
figure "datasource outage: $((restored - outage_start)) s"
until_true 120 "datasource healthy again" datasource_healthy
want_tick=$((restored / TICK_SECONDS))
until_true 150 "ticks: every tick window through the outage at the gateway, none twice" \
  ticks_contiguous_through "$want_tick"
figure "datasource back -> every item at the gateway: $((SECONDS - restored_s)) s"
until_true 60 "books: 60 distinct books after the outage" gateway_has_exactly books 60
datasource_once ticks
pass "5. after a $((restored - outage_start)) s datasource outage: tick windows contiguous through $want_tick, $DS_TOTAL items at the datasource, none twice"

# ---------------------------------------------------------------------------------------------
# 8. The datasource as two tasks, rolled start-first while the scrapers run: every item once.

say "check 8: scale the datasource to 2 tasks, then roll it with docker service update --force"
scale_s=$SECONDS
docker service scale --detach "${STACK}_datasource=2" >/dev/null
datasource_tasks() { # WANT: that many datasource tasks run (and are healthy)
  local running
  running="$(running_tasks "${STACK}_datasource")"
  SEEN="$running of $1 datasource tasks running"
  [ "$running" = "$1" ]
}
until_true 180 "two datasource tasks running" datasource_tasks 2
figure "datasource scaled from 1 to 2 tasks: $((SECONDS - scale_s)) s"
roll_s=$SECONDS
docker service update --detach --force "${STACK}_datasource" >/dev/null
roll_done() {
  local state seen
  state="$(docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "${STACK}_datasource")"
  seen="update state '${state:-none}', $(running_tasks "${STACK}_datasource") tasks running"
  case "$state" in
    completed)
      SEEN="$seen"
      [ "$(running_tasks "${STACK}_datasource")" = 2 ]
      ;;
    paused | rollback_*)
      fail "the datasource's rolling update stopped ($state): $(docker service inspect --format '{{.UpdateStatus.Message}}' "${STACK}_datasource")"
      ;;
    *)
      # While it rolls, the gateway keeps serving.
      stale_served || fail "the gateway stopped serving books during the datasource roll: $SEEN"
      SEEN="$seen"
      return 1
      ;;
  esac
}
until_true 300 "the datasource's rolling update (start-first, one task at a time) completed" roll_done
rolled="$(date +%s)"
rolled_s=$SECONDS
figure "datasource roll of 2 tasks, start-first: $((rolled_s - roll_s)) s"
want_tick=$((rolled / TICK_SECONDS))
until_true 150 "ticks: every tick window through the roll at the gateway, none twice" \
  ticks_contiguous_through "$want_tick"
figure "datasource rolled -> every item at the gateway: $((SECONDS - rolled_s)) s"
until_true 60 "books: 60 distinct books after the roll" gateway_has_exactly books 60
datasource_once books
[ "$DS_TOTAL" = "60" ] || fail "the datasource holds $DS_TOTAL books, not the 60 the test site serves"
datasource_once ticks
pass "8. the datasource as 2 tasks rolled start-first in $((rolled_s - roll_s)) s while the scrapers ran: 60 of 60 books, tick windows contiguous through $want_tick, $DS_TOTAL ticks items at the datasource, none twice"

# ---------------------------------------------------------------------------------------------
# 9. A scraper's companion Redis killed during a datasource outage: what it had spooled arrives.

ticks_in_spool() { # the tick numbers in the ticks scraper's spool, one a line, ascending
  local c
  c="$(service_container "$ticks_redis")"
  [ -n "$c" ] || return 0
  docker exec "$c" redis-cli --raw LRANGE "$spool_key" 0 -1 2>/dev/null \
    | grep -o 'tick-[0-9]*\.html' | grep -o '[0-9][0-9]*' | sort -un || true
}

spool_length() {
  local c
  c="$(service_container "$ticks_redis")"
  [ -n "$c" ] && docker exec "$c" redis-cli LLEN "$spool_key" 2>/dev/null | grep -E '^[0-9]+$' || echo 0
}

# The spool holds a tick window scraped after the datasource went, and Redis has written it to
# its append-only file (appendfsync everysec).
spooled_past_outage() {
  local c newest
  c="$(service_container "$ticks_redis")"
  newest="$(ticks_in_spool | tail -1)"
  SEEN="$spool_key: $(spool_length) batches, newest tick ${newest:-none} (the outage began in window $outage_tick)"
  [ -n "$c" ] && [ -n "$newest" ] && [ "$newest" -gt "$outage_tick" ] \
    && docker exec "$c" sh -c "grep -rlq 'tick-$newest\\.html' /data"
}

redis_replaced() {
  local now
  now="$(service_container "$ticks_redis")"
  SEEN="container ${now:-none} (killed $redis_container)"
  [ -n "$now" ] && [ "$now" != "$redis_container" ] \
    && docker exec "$now" redis-cli PING 2>/dev/null | grep -q PONG
}

spool_grows() {
  local n
  n="$(spool_length)"
  SEEN="$n batches spooled ($spooled_after right after the restart)"
  [ "$n" -gt "$spooled_after" ]
}

# Every tick window from the first to $1 is at the gateway once, except windows in [$2, $3] (while
# the scraper's Redis was away, runs could not spool: they say so in their reports), and every tick
# in $4 (spooled before the kill) is there.
ticks_complete_except() {
  gateway_items ticks
  local ticks first last count distinct missing t lost_required=""
  ticks="$(jq -c '[.[] | .url | capture("/tick-(?<n>[0-9]+)\\.html$").n | tonumber] | sort' <<<"$ITEMS")"
  first="$(jq 'min // 0' <<<"$ticks")"
  last="$(jq 'max // 0' <<<"$ticks")"
  count="$(jq 'length' <<<"$ticks")"
  distinct="$(jq 'unique | length' <<<"$ticks")"
  missing="$(jq -c --argjson lo "$2" --argjson hi "$3" --argjson first "$first" --argjson last "$last" \
    '. as $have | [range($first; $last + 1)] - $have | map(select(. < $lo or . > $hi))' <<<"$ticks")"
  LOST="$(jq -c --argjson lo "$2" --argjson hi "$3" --argjson first "$first" --argjson last "$last" \
    '. as $have | [range($first; $last + 1)] - $have | map(select(. >= $lo and . <= $hi))' <<<"$ticks")"
  for t in $4; do
    jq -e --argjson t "$t" 'any(.[]; . == $t)' <<<"$ticks" >/dev/null || lost_required+=" $t"
  done
  SEEN="ticks $first..$last ($count items, $distinct distinct), want through $1; missing outside [$2, $3]: $missing; spooled before the kill but missing:${lost_required:- none}; $SEEN"
  [ "$last" -ge "$1" ] && [ "$count" = "$distinct" ] && [ "$missing" = "[]" ] && [ -z "$lost_required" ] \
    && gateway_has_exactly ticks 28 && [ "$TOTAL" = "$((28 + count))" ]
}

say "check 9: datasource at 0; kill the ticks scraper's companion Redis once it has spooled; bring the datasource back"
ticks_scraper="$(collection_services ticks | awk '$3 == "scraper" && $4 == "service" {print $1}')"
ticks_redis="$(collection_services ticks | awk '$3 == "scraper" && $4 == "redis" {print $1}')"
[ -n "$ticks_scraper" ] && [ -n "$ticks_redis" ] || fail "ticks: no scraper with a companion Redis: $(collection_services ticks)"
ticks_config="$(docker service inspect --format '{{index .Spec.Labels "scrapr.config"}}' "$ticks_scraper")"
spool_key="scrapr:spool:$ticks_config"
ticks_volume="$(docker volume ls -q --filter "label=scrapr.scope=$E2E_SCOPE" --filter "label=scrapr.service=$ticks_scraper")"
[ -n "$ticks_volume" ] || fail "ticks: the companion Redis $ticks_redis has no data volume"
docker service scale --detach "${STACK}_datasource=0" >/dev/null
until_true 60 "datasource tasks stopped" datasource_down
outage_start="$(date +%s)"
outage_tick=$((outage_start / TICK_SECONDS))
until_true 90 "ticks: batches scraped during the outage spooled and written to disk" spooled_past_outage
redis_container="$(service_container "$ticks_redis")"
spooled_before="$(spool_length)"
ticks_before="$(ticks_in_spool | tr '\n' ' ')"
docker kill "$redis_container" >/dev/null
killed_at="$(date +%s)"
killed_s=$SECONDS
until_true 120 "ticks: Swarm replaces the killed companion Redis" redis_replaced
figure "ticks: companion Redis killed -> replacement answering: $((SECONDS - killed_s)) s"
spooled_after="$(spool_length)"
ticks_after=" $(ticks_in_spool | tr '\n' ' ')"
for t in $ticks_before; do
  [[ "$ticks_after" == *" $t "* ]] \
    || fail "tick $t was in the spool before the Redis kill and is not after it (before: $ticks_before; after:$ticks_after)"
done
figure "ticks: batches in the spool before the Redis kill $spooled_before, after its restart $spooled_after (volume $ticks_volume)"
back_s=$SECONDS
until_true 120 "ticks: the scraper spools into the restarted Redis" spool_grows
resumed_at="$(date +%s)"
figure "ticks: companion Redis back -> scraper spooling again: $((SECONDS - back_s)) s"
docker service scale --detach "${STACK}_datasource=1" >/dev/null
restored="$(date +%s)"
restored_s=$SECONDS
figure "datasource outage around the Redis kill: $((restored - outage_start)) s"
until_true 120 "datasource healthy again" datasource_healthy
want_tick=$((restored / TICK_SECONDS))
gap_from=$(((killed_at - 2) / TICK_SECONDS))
gap_to=$((resumed_at / TICK_SECONDS))
until_true 180 "ticks: every spooled tick at the gateway, windows outside the Redis restart contiguous, none twice" \
  ticks_complete_except "$want_tick" "$gap_from" "$gap_to" "$ticks_before"
figure "datasource back -> every spooled item at the gateway: $((SECONDS - restored_s)) s"
figure "ticks: tick windows not scraped into a spool while its Redis restarted: $LOST (of windows $gap_from..$gap_to)"
until_true 60 "books: 60 distinct books after the Redis kill" gateway_has_exactly books 60
datasource_once ticks
pass "9. $ticks_redis killed with $spooled_before batches spooled during a datasource outage; Swarm replaced it with the batches still there (ticks $(echo $ticks_before)); every one reached the gateway, $DS_TOTAL ticks items at the datasource, none twice"

# ---------------------------------------------------------------------------------------------
# 6. The orchestrator killed mid-reconcile and started again: no duplicate services.

say "check 6: POST two configurations and kill the orchestrator at its first service creation"
orchestrator_container="$(service_container "${STACK}_orchestrator")"
[ -n "$orchestrator_container" ] || fail "no running orchestrator container"
# Docker's event stream tells the moment the orchestrator creates the first of the eight
# services (two configurations: scraper, endpoint and a Redis for each): kill it right then.
docker events --filter type=service --filter event=create \
  --format '{{.Actor.Attributes.name}}' >"$WORK/creates" 2>/dev/null &
EVENTS_PID=$!
post_configuration "$(configuration restart-a test-site 10)"
RESTART_A="$CONFIG_ID"
post_configuration "$(configuration restart-b test-site 10)"
RESTART_B="$CONFIG_ID"
deadline=$((SECONDS + 10))
while ! grep -q 'restart-' "$WORK/creates" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
docker kill "$orchestrator_container" >/dev/null
kill "$EVENTS_PID" 2>/dev/null || true
wait "$EVENTS_PID" 2>/dev/null || true
EVENTS_PID=""
at_kill="$( (collection_services restart-a; collection_services restart-b) | wc -l)"
say "killed the orchestrator after the creation of $(grep -c 'restart-' "$WORK/creates" || true) service(s); $at_kill of 8 existed"
orchestrator_back() {
  local now
  now="$(service_container "${STACK}_orchestrator")"
  SEEN="container ${now:-none}"
  [ -n "$now" ] && [ "$now" != "$orchestrator_container" ] && healthy "$ORCHESTRATOR"
}
until_true 120 "a new orchestrator task" orchestrator_back
until_true 150 "restart-a: services running after the orchestrator came back" collection_running restart-a
until_true 150 "restart-b: services running after the orchestrator came back" collection_running restart-b
# Watch a few reconcile rounds (SCRAPR_RECONCILE_MS=3000): nothing must be added or duplicated.
watch_until=$((SECONDS + 10))
while [ "$SECONDS" -lt "$watch_until" ]; do
  for c in restart-a restart-b; do
    lines="$(collection_services "$c")"
    [ "$(echo "$lines" | wc -l)" = 4 ] || fail "$c: want 4 services (scraper, endpoint, a Redis each), have: $lines"
  done
  sleep 1
done
dupes="$(docker service ls -q --filter "label=scrapr.scope=$E2E_SCOPE" | xargs -r docker service inspect \
  --format '{{index .Spec.Labels "scrapr.config"}} {{index .Spec.Labels "scrapr.role"}}' | sort | uniq -d)"
[ -z "$dupes" ] || fail "duplicate services for (configuration, role): $dupes"
pass "6. orchestrator killed with $at_kill of 8 services created; after its restart each configuration has exactly its 4 services, no duplicates anywhere"

# ---------------------------------------------------------------------------------------------
# 3. Deleting a configuration removes its services.

say "check 3: DELETE the two 'restart-*' configurations"
deleted=$SECONDS
for id in "$RESTART_A" "$RESTART_B"; do
  http DELETE "$CONFIGS/configurations/$id"
  [ "$STATUS" = "204" ] || fail "DELETE /configurations/$id answered $STATUS: $BODY"
done
until_true 90 "restart-a: services removed after the DELETE" collection_gone restart-a
until_true 90 "restart-b: services removed after the DELETE" collection_gone restart-b
figure "DELETE -> services removed: $((SECONDS - deleted)) s"
http GET "$CONFIGS/configurations/$RESTART_A"
[ "$STATUS" = "404" ] || fail "GET of the deleted configuration answered $STATUS, not 404"
for c in restart-a restart-b; do
  [ -n "$(docker volume ls -q --filter "label=scrapr.scope=$E2E_SCOPE" --filter "label=scrapr.collection=$c")" ] \
    || fail "$c: its scraper's Redis volume went with its services; it must stay (it may hold undelivered batches)"
done
collection_running books || fail "books stopped running after other collections were deleted: $SEEN"
collection_running ticks || fail "ticks stopped running after other collections were deleted: $SEEN"
pass "3. deleting configurations $RESTART_A and $RESTART_B removed their 8 services and kept their scrapers' Redis volumes; books and ticks still run"

# ---------------------------------------------------------------------------------------------
# 7. Bad input through the deployed API is refused.

say "check 7: invalid configurations and an SSRF target"
invalid='{"collection":"Bad Name!","ttl":2,"key":["url"],"surprise":true,
  "scraper":{"source":"catalogue/page-1.html","selector":{"title":"h3 a[@title"}}}'
http POST "$CONFIGS/configurations" "$invalid"
[ "$STATUS" = "400" ] || fail "an invalid configuration answered $STATUS, not 400: $BODY"
fields="$(jq -r '[.errors[]?.field] | join(",")' <<<"$BODY")"
for field in collection ttl; do
  [[ ",$fields," == *",$field,"* ]] || fail "the 400 does not name '$field'; it names: $fields ($BODY)"
done
ssrf="$(jq -nc '{collection:"metadata", ttl:10, scraper:{source:"http://169.254.169.254/latest/meta-data/", selector:{title:"title"}}}')"
http POST "$CONFIGS/configurations" "$ssrf"
[ "$STATUS" = "400" ] || fail "an SSRF target (169.254.169.254) answered $STATUS, not 400: $BODY"
ssrf_detail="$(jq -c '.errors // .detail' <<<"$BODY" | cut -c1-200)"
http POST "$CONFIGS/configurations" "$(configuration notoken test-site 10)" --no-token
[ "$STATUS" = "401" ] || fail "a POST without the API token answered $STATUS, not 401: $BODY"
[ -z "$(collection_services metadata)$(collection_services notoken)" ] \
  || fail "refused configurations got services: $(collection_services metadata) $(collection_services notoken)"
pass "7. refused with 400: an invalid configuration (fields $fields) and the SSRF target ($ssrf_detail); 401 without the token"

# ---------------------------------------------------------------------------------------------
# 10. Least privilege: no service shows a token; a scraper's own credential cannot write elsewhere.

say "check 10: credentials"
for service in $(docker service ls -q); do
  if docker service inspect "$service" | grep -qF "$TOKEN"; then
    fail "docker service inspect $(docker service inspect -f '{{.Spec.Name}}' "$service") shows the API token"
  fi
done
books_scraper="$(collection_services books | awk '$3 == "scraper" && $4 == "service" {print $1}' | head -1)"
scraper_container="$(service_container "$books_scraper")"
[ -n "$scraper_container" ] || fail "no running container for $books_scraper"
credential="$(docker exec "$scraper_container" cat /run/secrets/scrapr_api_token)"
[ -n "$credential" ] && [ "$credential" != "$TOKEN" ] \
  || fail "$books_scraper holds no credential of its own"
if docker service inspect "$books_scraper" | grep -qF "$credential"; then
  fail "docker service inspect $books_scraper shows its credential"
fi
for endpoint in $(collection_services books | awk '$3 == "endpoint" && $4 == "service" {print $1}'); do
  endpoint_container="$(service_container "$endpoint")"
  if [ -n "$endpoint_container" ] && docker exec "$endpoint_container" sh -c 'ls /run/secrets/ 2>/dev/null' | grep -q .; then
    fail "endpoint $endpoint holds a secret: $(docker exec "$endpoint_container" ls /run/secrets/)"
  fi
done
saved_token="$TOKEN"
TOKEN="$credential"
http DELETE "$CONFIGS/configurations/$BOOKS_ID"
delete_status="$STATUS"
http GET "$CONFIGS/configurations/$BOOKS_ID"
own_status="$STATUS"
TOKEN="$saved_token"
[ "$delete_status" = "403" ] || fail "a DELETE with the scraper's credential answered $delete_status, not 403: $BODY"
[ "$own_status" = "200" ] || fail "the scraper's credential could not read its own configuration: $own_status"
collection_running books || fail "books stopped running after the refused DELETE: $SEEN"
pass "10. no service's inspect shows the API token; $books_scraper reads its configuration with a credential of its own (a Docker secret), which gets 403 on DELETE; endpoints hold none"

steady_memory "end of the run, minutes of scraping"
say "all checks passed"
