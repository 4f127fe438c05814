# Sourced by swarm/lab.sh: the checks of issue 13 against the lab that `swarm/lab.sh up` made.
# Each check prints PASS or FAIL with its FIGURE lines; the run ends with `nodes: N` and
# `lab e2e: N passed, M failed`. The operator's path (deploy.sh, the registry, the stack) goes
# over ssh to node1 exactly as on real hosts; the checks look at the Swarm through node1's engine.

STACK="scrapr"
SITE="scrapr-lab-site"
COLLECTIONS=(lab-a lab-b lab-c lab-d)
BOOKS=60 # the site's 3 pages of 20 books
PASSED=0
FAILED=0
SEEN=""

figure() { say "FIGURE $*"; }
pass() { PASSED=$((PASSED + 1)); say "PASS $*"; }
fail_check() {
  FAILED=$((FAILED + 1))
  say "FAIL $1: ${SEEN:-no detail}"
  diagnostics
}

diagnostics() {
  echo "----- the Swarm at the failure -----"
  mgr node ls 2>&1 || true
  mgr service ls --format '{{.Name}} {{.Replicas}} {{.Image}}' 2>&1 | sort || true
  local svc
  for svc in $(mgr service ls --format '{{.Name}} {{.Replicas}}' 2>/dev/null | awk '{split($2, r, "/"); if (r[1] != r[2]) print $1}'); do
    echo "----- $svc: tasks"
    mgr service ps --no-trunc --format '{{.Name}} {{.Node}} {{.CurrentState}} {{.Error}}' "$svc" 2>&1 | head -6 || true
    echo "----- $svc: last log lines"
    mgr service logs --no-task-ids --tail 15 "$svc" 2>&1 | cut -c1-300 || true
  done
}

# check NAME FUNCTION [ARGS]: runs one check; FUNCTION returns non-zero with SEEN set on failure.
check() {
  local name="$1"
  shift
  SEEN=""
  local started=$SECONDS
  if "$@"; then
    figure "$name: $((SECONDS - started)) s"
    pass "$name"
  else
    fail_check "$name"
  fi
}

# until_true TIMEOUT FUNCTION [ARGS]: polls every 2 s; FUNCTION sets SEEN.
until_true() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 2
  done
}

# The operator's Docker CLI: on node1 over ssh, with the lab's docker config (registry login).
op_docker() { lab_env env DOCKER_HOST=ssh://root@node1 docker "$@"; }

node_addr() { # node hostname -> its address on the lab network
  node_ip "${1#node}"
}

# Address of a node running a task of SERVICE (published in host mode there).
task_addr() {
  local node
  node="$(mgr service ps --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' "$1" 2>/dev/null \
    | awk '$2 == "Running" {print $1; exit}')"
  [ -n "$node" ] && node_addr "$node"
}

# http METHOD URL [JSON]: sets STATUS and BODY.
http() {
  local args=(-sS -o "$LAB/body" -w '%{http_code}' -X "$1" --max-time 15 -H "Authorization: Bearer $TOKEN")
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  STATUS="$(curl "${args[@]}" "$2" 2>/dev/null || true)"
  BODY="$(cat "$LAB/body" 2>/dev/null || true)"
}

stack_services_healthy() {
  local lines bad
  # The Consul agents are turned off here (CONSUL_AGENT_NODES): a global service on no node, 0/0.
  lines="$(mgr service ls --format '{{.Name}} {{.Replicas}}' 2>/dev/null | grep -E "^(${STACK}_|$SITE )" \
    | grep -v "^${STACK}_consul-agent ")"
  bad="$(awk '{split($2, r, "/"); if (r[1] != r[2] || r[2] == 0) print}' <<<"$lines")"
  SEEN="$(tr '\n' ';' <<<"$lines")"
  # Swarm counts a task with a health check as running only once it is healthy.
  [ "$(wc -l <<<"$lines")" -ge 7 ] && [ -z "$bad" ]
}

# ---------------------------------------------------------------------------------------------
# The checks

check_provisioning() {
  local nodes managers workers
  [ -s "$LAB/cluster-1" ] && [ -s "$LAB/cluster-2" ] || { SEEN="no provisioning record: run swarm/lab.sh up"; return 1; }
  nodes="$(wc -l <"$LAB/cluster-2")"
  managers="$(awk '$3 == "manager"' "$LAB/cluster-2" | wc -l)"
  workers="$(awk '$3 == "worker" && $4 == "ready" && $5 == "active"' "$LAB/cluster-2" | wc -l)"
  figure "provisioning over ssh, first round: $(cat "$LAB/provision-1.seconds") s, second: $(cat "$LAB/provision-2.seconds") s"
  figure "cluster after the second round: $nodes nodes, $managers manager, $workers workers ready"
  SEEN="after round 1: $(tr '\n' ';' <"$LAB/cluster-1") after round 2: $(tr '\n' ';' <"$LAB/cluster-2")"
  [ "$nodes" -eq "$NODES" ] && [ "$managers" -eq 1 ] && [ "$workers" -eq $((NODES - 1)) ] \
    && grep -q 'scrapr.mongo=true' "$LAB/cluster-2" && cmp -s "$LAB/cluster-1" "$LAB/cluster-2"
}

# The images scrapr/*:TAG, built when any is missing: from the jars of this tree and the
# Dockerfiles of the last commit (SCRAPR_LAB_DOCKERFILES=tree: of the working tree), so that
# Dockerfile work in progress does not break the lab.
ensure_images() {
  local missing=0 name module created newest
  local modules=(config-discovery datasource scraper endpoint gateway orchestrator testkit)
  for name in config-discovery datasource scraper endpoint gateway orchestrator consul-standin mongo-standin test-site redis; do
    docker image inspect "scrapr/$name:$TAG" >/dev/null 2>&1 || missing=1
  done
  # Images older than a jar of this tree are stale: build them again.
  if [ "$missing" -eq 0 ]; then
    created="$(date -d "$(docker image inspect -f '{{.Created}}' "scrapr/orchestrator:$TAG")" +%s 2>/dev/null || echo 0)"
    for module in "${modules[@]}"; do
      newest="$(stat -c %Y "$ROOT/$module/target/scrapr-$module.jar" 2>/dev/null || echo 0)"
      if [ "$newest" -gt "$created" ]; then
        say "images scrapr/*:$TAG are older than $module's jar: building them again"
        missing=1
        break
      fi
    done
  fi
  [ "$missing" -eq 1 ] || return 0
  for module in "${modules[@]}"; do
    if [ ! -f "$ROOT/$module/target/scrapr-$module.jar" ] || [ ! -d "$ROOT/$module/target/lib" ]; then
      say "packaging the jars (./mvnw -o -DskipTests package)"
      (cd "$ROOT" && ./mvnw -o -B -q -DskipTests -DskipFuzz=true package) >"$LAB/package.log" 2>&1 \
        || { SEEN="./mvnw package failed: $(tail -5 "$LAB/package.log" | tr '\n' ' ')"; return 1; }
      break
    fi
  done
  local tree="$ROOT"
  if [ "${SCRAPR_LAB_DOCKERFILES:-head}" != "tree" ]; then
    tree="$LAB/build"
    rm -rf "$tree"
    mkdir -p "$tree"
    git -C "$ROOT" archive HEAD Dockerfiles swarm/build-images.sh | tar -x -C "$tree" \
      || { SEEN="git archive of the Dockerfiles failed"; return 1; }
    for module in "${modules[@]}"; do
      mkdir -p "$tree/$module/target"
      cp -r "$ROOT/$module/target/lib" "$ROOT/$module/target/scrapr-$module.jar" "$tree/$module/target/"
    done
  fi
  local gid
  # The orchestrator runs in the group of the nodes' Docker socket.
  gid="$(docker exec "$(node_container 1)" stat -c %g /var/run/docker.sock)"
  say "building the images scrapr/*:$TAG (Dockerfiles of ${SCRAPR_LAB_DOCKERFILES:-HEAD}; orchestrator for socket group $gid)"
  "$tree/swarm/build-images.sh" --base "$BASE_IMAGE" --tag "$TAG" --with-test-images --docker-gid "$gid" \
    >"$LAB/build.log" 2>&1 || { SEEN="build-images.sh failed: $(tail -8 "$LAB/build.log" | tr '\n' ' ')"; return 1; }
  [ "$tree" = "$ROOT" ] || rm -rf "$tree"
}

check_deploy() {
  local started=$SECONDS images=() name
  ensure_images || return 1
  for name in config-discovery datasource scraper endpoint gateway orchestrator consul-standin mongo-standin test-site redis; do
    images+=("scrapr/$name:$TAG")
  done
  # The operator's build machine is node1 here: the host's engine cannot trust the lab registry.
  docker save "${images[@]}" | docker exec -i "$(node_container 1)" docker load -q >/dev/null \
    || { SEEN="loading the images into node1 failed"; return 1; }
  figure "images moved to the build machine (node1): $((SECONDS - started)) s"

  local password
  password="$(cat "$LAB/registry/password")"
  printf '%s' "$password" | op_docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY" >/dev/null 2>&1 \
    || { SEEN="docker login $REGISTRY failed"; return 1; }
  local anonymous
  anonymous="$(docker exec "$(node_container 2)" curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/")"
  figure "registry without credentials answers $anonymous"
  [ "$anonymous" = "401" ] || { SEEN="the registry answers $anonymous without credentials, not 401"; return 1; }
  # The stand-ins and the test site: an operator would push their own MongoDB, Consul and Redis.
  for name in consul-standin mongo-standin test-site redis; do
    op_docker tag "scrapr/$name:$TAG" "$REGISTRY/scrapr/$name:$TAG" \
      && op_docker push -q "$REGISTRY/scrapr/$name:$TAG" >/dev/null \
      || { SEEN="pushing $REGISTRY/scrapr/$name:$TAG failed"; return 1; }
  done

  TOKEN="$(cat "$LAB/api-token" 2>/dev/null || true)"
  if [ -z "$TOKEN" ] || ! op_docker secret inspect scrapr_api_token >/dev/null 2>&1; then
    TOKEN="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    printf '%s' "$TOKEN" >"$LAB/api-token"
    op_docker secret rm scrapr_api_token >/dev/null 2>&1 || true
    printf '%s' "$TOKEN" | op_docker secret create scrapr_api_token - >/dev/null
  fi

  started=$SECONDS
  lab_env env DOCKER_HOST=ssh://root@node1 REGISTRY="$REGISTRY" \
    REGISTRY_USER="$REGISTRY_USER" REGISTRY_PASSWORD="$password" \
    MONGO_IMAGE="$REGISTRY/scrapr/mongo-standin:$TAG" CONSUL_IMAGE="$REGISTRY/scrapr/consul-standin:$TAG" \
    REDIS_IMAGE="$REGISTRY/scrapr/redis:$TAG" ENDPOINT_MODE=dnsrr PUBLISH_MODE=host \
    CONSUL_AGENT_NODES='node.labels.scrapr.consul-agent == true' \
    ALLOWED_TARGETS="$SITE" \
    "$ROOT/swarm/deploy.sh" --images scrapr/ --tag "$TAG" >"$LAB/deploy.log" 2>&1 \
    || { SEEN="deploy.sh failed: $(tail -5 "$LAB/deploy.log" | tr '\n' ' ')"; return 1; }
  figure "deploy.sh (tag, push six images, stack deploy): $((SECONDS - started)) s"
  if ! op_docker service inspect "$SITE" >/dev/null 2>&1; then
    op_docker service create -d -q --name "$SITE" --network scrapr --endpoint-mode dnsrr \
      --with-registry-auth --label scrapr.lab=site "$REGISTRY/scrapr/test-site:$TAG" \
      --port 8000 --pages 3 --items-per-page 20 >/dev/null \
      || { SEEN="creating the test site failed"; return 1; }
  fi
  until_true 600 stack_services_healthy || return 1
  figure "stack deploy -> every service healthy: $((SECONDS - started)) s"
  # Every node that runs a task pulled its image from the registry, with the credentials.
  local node pulled
  for node in $(seq 2 "$NODES"); do
    pulled="$(docker exec "$(node_container "$node")" docker image ls --format '{{.Repository}}' | grep -c "^$REGISTRY/" || true)"
    figure "node$node pulled $pulled images from $REGISTRY"
  done
  figure "Consul agents (off here: the stand-in cannot join servers): $(mgr service ls --filter name="${STACK}_consul-agent" --format '{{.Replicas}}')"
  figure "discovery of config-discovery: $(consul_order config-discovery)"
  CONFIGS="http://$(task_addr "${STACK}_config-discovery"):3003"
  GATEWAY="http://$(task_addr "${STACK}_gateway"):80"
  figure "config-discovery at $CONFIGS, a gateway at $GATEWAY"
}

# The Consul addresses a stack service logged at start, in the order it tries them (the node's
# agent at its default gateway, then the servers).
consul_order() {
  local logs
  logs="$(mgr service logs --no-task-ids --raw "${STACK}_$1" 2>/dev/null)"
  printf '%s; %s' \
    "$(grep -m1 -o 'discovery: Consul at [^(]*' <<<"$logs" || echo "no discovery line logged")" \
    "$(grep -m1 -o 'discovery: Consul at [^ ]* answers; .*' <<<"$logs" || echo "no fallback logged")"
}

configuration() { # collection
  jq -nc --arg c "$1" --arg site "$SITE" '{
    collection: $c, ttl: 30, key: ["url"],
    scraper: {
      source: ("http://" + $site + ":8000/catalogue/page-1.html"),
      scope: "article.product",
      selector: { title: "h3 a@title", url: "h3 a@abs:href", price: ".price_color" },
      paginate: "li.next a@abs:href", limit: 10, delayMs: 100 } }'
}

# "service node" lines for every running task of the orchestrator's services.
scoped_tasks() {
  local ids
  ids="$(mgr service ls -q --filter label=scrapr.scope=scrapr)"
  [ -n "$ids" ] || return 0
  # shellcheck disable=SC2086
  mgr service ps --filter desired-state=running --format "{{.Name}} {{.Node}} {{.CurrentState}}" $ids 2>/dev/null \
    | awk '$3 == "Running" {sub(/\.[0-9]+$/, "", $1); print $1, $2}' | sort
}

# Every collection has its scraper, endpoint and their Redis running, each Redis on its service's node.
collections_placed() {
  local tasks c svc node redis_node
  tasks="$(scoped_tasks)"
  SEEN="$(tr '\n' ';' <<<"$tasks")"
  for c in "${COLLECTIONS[@]}"; do
    for svc in $(mgr service ls --filter label=scrapr.collection="$c" --filter label=scrapr.role=service --format '{{.Name}}'); do
      node="$(awk -v s="$svc" '$1 == s {print $2}' <<<"$tasks")"
      redis_node="$(awk -v s="$svc-redis" '$1 == s {print $2}' <<<"$tasks")"
      [ -n "$node" ] && [ "$node" = "$redis_node" ] || { SEEN="$svc on '${node}', its Redis on '${redis_node}'; $SEEN"; return 1; }
    done
    [ "$(mgr service ls -q --filter label=scrapr.collection="$c" --filter label=scrapr.role=service | wc -l)" -eq 2 ] \
      || { SEEN="$c: not both scraper and endpoint; $SEEN"; return 1; }
  done
}

gateway_exact() { # collection: exactly BOOKS items, each once
  local addr
  addr="$(task_addr "${STACK}_gateway")"
  [ -n "$addr" ] || { SEEN="no gateway task running"; return 1; }
  http GET "http://$addr:80/api/$1?limit=10000"
  local total distinct count
  total="$(jq -r '.total // -1' <<<"$BODY" 2>/dev/null || echo -1)"
  count="$(jq -r '.items | length' <<<"$BODY" 2>/dev/null || echo -1)"
  distinct="$(jq -r '[.items[].url] | unique | length' <<<"$BODY" 2>/dev/null || echo -1)"
  SEEN="$1 at $addr: status $STATUS, total $total, $count items, $distinct distinct"
  [ "$STATUS" = "200" ] && [ "$total" = "$BOOKS" ] && [ "$count" = "$BOOKS" ] && [ "$distinct" = "$BOOKS" ]
}

all_exact() {
  local c
  for c in "${COLLECTIONS[@]}"; do gateway_exact "$c" || return 1; done
}

check_four_configurations() {
  local c started=$SECONDS
  for c in "${COLLECTIONS[@]}"; do
    http POST "$CONFIGS/configurations" "$(configuration "$c")"
    [ "$STATUS" = "201" ] || { SEEN="POST /configurations ($c) answered $STATUS: ${BODY:0:300}"; return 1; }
  done
  until_true 600 collections_placed || return 1
  figure "four configurations: POST -> services and their Redis running: $((SECONDS - started)) s"
  local nodes
  nodes="$(scoped_tasks | awk '{print $2}' | sort -u | tr '\n' ' ')"
  figure "their tasks run on: $nodes"
  scoped_tasks | while read -r svc node; do figure "  $svc on $node"; done
  [ "$(wc -w <<<"$nodes")" -ge 2 ] || { SEEN="every task on one node: $nodes"; return 1; }
  until_true 600 all_exact || return 1
  figure "four configurations: POST -> all ${BOOKS} items of each at the gateway: $((SECONDS - started)) s"
}

# The worker that runs the most of the orchestrator's tasks.
busiest_worker() {
  local workers
  workers="$(mgr node ls --filter role=worker --format '{{.Hostname}} {{.Status}} {{.Availability}}' | awk '$2 == "Ready" && $3 == "Active" {print $1}')"
  scoped_tasks | awk '{print $2}' | grep -xF -f <(echo "$workers") | sort | uniq -c | sort -rn | awk '{print $2; exit}'
}

nothing_on() { # node: no scoped task runs there, and every collection is placed again
  local on
  on="$(scoped_tasks | awk -v n="$1" '$2 == n' | wc -l)"
  collections_placed || return 1
  SEEN="$on tasks still on $1; $SEEN"
  [ "$on" -eq 0 ]
}

check_drain() {
  local node started=$SECONDS
  node="$(busiest_worker)"
  [ -n "$node" ] || { SEEN="no worker runs any of the orchestrator's tasks: $(scoped_tasks | tr '\n' ';')"; return 1; }
  figure "draining $node ($(scoped_tasks | awk -v n="$node" '$2 == n' | wc -l) tasks)"
  mgr node update --availability drain "$node" >/dev/null
  until_true 300 nothing_on "$node" || { mgr node update --availability active "$node" >/dev/null; return 1; }
  figure "drain $node -> its tasks running elsewhere, Redis beside them: $((SECONDS - started)) s"
  until_true 300 all_exact || { mgr node update --availability active "$node" >/dev/null; return 1; }
  figure "drain $node -> every item once at the gateway: $((SECONDS - started)) s"
  mgr node update --availability active "$node" >/dev/null
}

check_kill_node() {
  local node started=$SECONDS
  node="$(busiest_worker)"
  [ -n "$node" ] || node="node$NODES"
  figure "killing the node container of $node ($(scoped_tasks | awk -v n="$node" '$2 == n' | wc -l) tasks)"
  docker kill "$(node_container "${node#node}")" >/dev/null
  KILLED="$node"
  until_true 300 nothing_on "$node" || return 1
  figure "kill $node -> its tasks running elsewhere, Redis beside them: $((SECONDS - started)) s"
  until_true 300 all_exact || return 1
  figure "kill $node -> every item once at the gateway: $((SECONDS - started)) s"
}

roll_done() {
  local state running
  state="$(mgr service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "${STACK}_datasource")"
  running="$(mgr service ps --filter desired-state=running --format '{{.CurrentState}}' "${STACK}_datasource" | grep -c '^Running' || true)"
  SEEN="update state '${state:-none}', $running tasks running"
  [ "$state" = "completed" ] && [ "$running" -eq 2 ]
}

two_datasources() {
  local running
  running="$(mgr service ps --filter desired-state=running --format '{{.CurrentState}}' "${STACK}_datasource" | grep -c '^Running' || true)"
  SEEN="$running datasource tasks running"
  [ "$running" -eq 2 ]
}

check_datasource_roll() {
  local started=$SECONDS
  mgr service scale --detach "${STACK}_datasource=2" >/dev/null
  until_true 300 two_datasources || return 1
  figure "datasource scaled to 2 tasks: $((SECONDS - started)) s"
  started=$SECONDS
  mgr service update --detach --force "${STACK}_datasource" >/dev/null
  until_true 600 roll_done || return 1
  figure "datasource of 2 tasks rolled start-first: $((SECONDS - started)) s"
  until_true 300 all_exact || return 1
  figure "datasource rolled -> every item once at the gateway: $((SECONDS - started)) s"
}

check_consul_outage() {
  local started=$SECONDS served=0 c
  mgr service scale --detach "${STACK}_consul=0" >/dev/null
  while [ $((SECONDS - started)) -lt 30 ]; do
    for c in "${COLLECTIONS[@]}"; do
      gateway_exact "$c" || { mgr service scale --detach "${STACK}_consul=1" >/dev/null; SEEN="Consul down for $((SECONDS - started)) s: $SEEN"; return 1; }
      served=$((served + 1))
    done
    sleep 2
  done
  figure "Consul stopped for $((SECONDS - started)) s: $served answers, every one the whole collection"
  mgr service scale --detach "${STACK}_consul=1" >/dev/null
  local back=$SECONDS
  # Back (empty: the stand-in keeps nothing): the services register again by themselves.
  until_true 180 endpoints_registered || { SEEN="after Consul came back: $SEEN"; return 1; }
  figure "Consul back -> the ${#COLLECTIONS[@]} endpoints registered again: $((SECONDS - back)) s"
  all_exact || { SEEN="after Consul came back: $SEEN"; return 1; }
  figure "Consul back -> every collection served: $((SECONDS - back)) s"
}

# Consul's passing endpoint instances, asked from inside a gateway task (Consul is not published).
endpoints_registered() {
  local node container answer
  node="$(mgr service ps --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' "${STACK}_gateway" \
    | awk '$2 == "Running" {print $1; exit}')"
  [ -n "$node" ] || { SEEN="no gateway task running"; return 1; }
  container="$(docker exec "$(node_container "${node#node}")" docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_gateway" | head -1)"
  answer="$(docker exec "$(node_container "${node#node}")" docker exec "$container" \
    curl -s --max-time 5 'http://consul:8500/v1/health/service/endpoint?passing=true' 2>/dev/null || true)"
  local count
  count="$(jq 'length' <<<"${answer:-[]}" 2>/dev/null || echo 0)"
  SEEN="$count passing endpoint instances in Consul"
  [ "$count" -ge "${#COLLECTIONS[@]}" ]
}

# The production path to a node's Consul agent, with stand-ins as agents (they cannot join
# servers, so the stack's own agents stay off): a global service publishing AGENT_PROBE_PORT in
# host mode on every node, like consul-agent does 8500; from a task on each node, the address
# at the task's default gateway (what CONSUL_URL's _gateway becomes) must answer as the agent on
# that same node. Another port than 8500, so that the stack's services never use the probes.
AGENT_PROBE="scrapr-lab-agent-probe"
AGENT_PROBE_PORT=18500

live_nodes() {
  mgr node ls --format '{{.Hostname}} {{.Status}}' | awk '$2 == "Ready" {print $1}' | sort
}

probes_running() {
  local want have
  want="$(live_nodes | wc -l)"
  have="$(mgr service ps --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' "$AGENT_PROBE" 2>/dev/null \
    | awk '$2 == "Running" {print $1}' | sort -u | grep -cxF -f <(live_nodes) || true)"
  SEEN="agent probes running on $have of $want live nodes"
  [ "$have" -eq "$want" ]
}

# hex (the kernel's little-endian /proc/net/route gateway) -> dotted quad
hex_ip() {
  local h="$1"
  printf '%d.%d.%d.%d' "0x${h:6:2}" "0x${h:4:2}" "0x${h:2:2}" "0x${h:0:2}"
}

own_agent_answers() { # node
  local node="$1" n="${1#node}" task probe gw_hex gw answer probe_ip
  # Any task on the overlay network but a probe: every scrapr image has curl.
  task="$(docker exec "$(node_container "$n")" docker ps --filter network=scrapr \
    --format '{{.ID}} {{.Label "com.docker.swarm.service.name"}}' | awk -v p="$AGENT_PROBE" '$2 != p {print $1; exit}')"
  probe="$(docker exec "$(node_container "$n")" docker ps -q --filter "label=com.docker.swarm.service.name=$AGENT_PROBE" | head -1)"
  [ -n "$task" ] && [ -n "$probe" ] || { SEEN="$node: no stack task ('$task') or no probe ('$probe')"; return 1; }
  gw_hex="$(docker exec "$(node_container "$n")" docker exec "$task" cat /proc/net/route | awk '$2 == "00000000" {print $3; exit}')"
  [ -n "$gw_hex" ] || { SEEN="$node: task $task has no default route"; return 1; }
  gw="$(hex_ip "$gw_hex")"
  answer="$(docker exec "$(node_container "$n")" docker exec "$task" \
    curl -s --max-time 5 "http://$gw:$AGENT_PROBE_PORT/v1/status/leader" 2>/dev/null | tr -d '"' || true)"
  probe_ip="$(docker exec "$(node_container "$n")" docker inspect -f '{{(index .NetworkSettings.Networks "scrapr").IPAddress}}' "$probe")"
  SEEN="$node: default gateway $gw answered '${answer}', the probe on $node is $probe_ip"
  figure "  $node: a task's default gateway $gw:$AGENT_PROBE_PORT answers as ${answer%%:*}, the agent probe on $node ($probe_ip)"
  [ "${answer%%:*}" = "$probe_ip" ]
}

check_node_agent_path() {
  local started=$SECONDS node
  op_docker service create -d -q --name "$AGENT_PROBE" --mode global --network scrapr --endpoint-mode dnsrr \
    --with-registry-auth --label scrapr.lab=agent-probe \
    --publish "published=$AGENT_PROBE_PORT,target=8500,mode=host" \
    "$REGISTRY/scrapr/consul-standin:$TAG" >/dev/null \
    || { SEEN="creating the agent probe service failed"; return 1; }
  until_true 300 probes_running || { mgr service rm "$AGENT_PROBE" >/dev/null 2>&1; return 1; }
  figure "agent probes (host-mode port $AGENT_PROBE_PORT, global) running: $((SECONDS - started)) s"
  local ok=0
  for node in $(live_nodes); do
    until_true 60 own_agent_answers "$node" || { ok=1; break; }
  done
  mgr service rm "$AGENT_PROBE" >/dev/null 2>&1 || true
  return "$ok"
}

lab_e2e() {
  [ -s "$LAB/nodes" ] && docker inspect "$(node_container 1)" >/dev/null 2>&1 \
    || die "the lab is not up; run swarm/lab.sh up first"
  command -v jq >/dev/null 2>&1 || die "jq is missing (swarm/lab.sh up installs it)"
  write_ssh_config
  TOKEN="$(cat "$LAB/api-token" 2>/dev/null || true)"
  KILLED=""
  say "uptime: $(uptime)"
  check "provisioning of $NODES nodes over ssh, run twice, ends in the same cluster" check_provisioning
  check "deploy through the authenticated registry; every service healthy" check_deploy
  if [ "$FAILED" -eq 0 ]; then
    check "four configurations: services on at least two nodes, their items at the gateway" check_four_configurations
  fi
  if [ "$FAILED" -eq 0 ]; then
    check "a worker drained: its tasks run elsewhere, every item once" check_drain
    check "a worker's node container killed: its tasks run elsewhere, every item once" check_kill_node
    check "the datasource at 2 replicas rolled start-first: every item once" check_datasource_roll
    check "Consul stopped for 30 s: the gateway serves every collection" check_consul_outage
    check "each node's tasks reach the agent port of their own node at their default gateway" check_node_agent_path
  fi
  say "uptime: $(uptime)"
  echo "nodes: $NODES"
  echo "lab e2e: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
