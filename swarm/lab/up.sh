# Sourced by swarm/lab.sh: brings the lab up: hosts (Docker-in-Docker nodes with sshd), a
# registry with htpasswd auth, then the Swarm provisioned by the operator scripts over ssh, twice.

# The node image: Debian with Docker, sshd and the registry, imported from a debootstrap tree.
ensure_node_image() {
  docker image inspect "$NODE_IMAGE" >/dev/null 2>&1 && return 0
  say "building the node image $NODE_IMAGE (debootstrap, about a minute)"
  local rootfs log
  rootfs="$(mktemp -d -t scrapr-lab-rootfs.XXXXXX)"
  log="$(mktemp -t scrapr-lab-debootstrap.XXXXXX.log)"
  if ! debootstrap --variant=minbase \
      --include=docker.io,openssh-server,iproute2,iptables,ca-certificates,curl,procps,docker-registry,apache2-utils \
      bookworm "$rootfs" "$MIRROR" >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    rm -rf "$rootfs" "$log"
    die "debootstrap of the node image failed"
  fi
  install -m 0755 "$ROOT/swarm/lab/node-init.sh" "$rootfs/usr/local/sbin/scrapr-lab-node"
  # Each node makes its own host keys when it first starts (node-init.sh).
  rm -f "$rootfs"/etc/ssh/ssh_host_*
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . \
    | docker import --change 'CMD ["/usr/local/sbin/scrapr-lab-node"]' - "$NODE_IMAGE" >/dev/null \
    || { rm -rf "$rootfs" "$log"; die "docker import of the node image failed"; }
  rm -rf "$rootfs" "$log"
}

# The lab's key pair and the ssh config an operator would have for these hosts.
ensure_keys() {
  mkdir -p "$LAB/bin" "$LAB/docker-config"
  chmod 700 "$LAB"
  [ -f "$LAB/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C scrapr-lab -f "$LAB/id_ed25519"
  cat >"$LAB/bin/ssh" <<EOF
#!/bin/sh
exec /usr/bin/ssh -F "$LAB/ssh_config" "\$@"
EOF
  chmod +x "$LAB/bin/ssh"
  # The nodes' addresses are written once they run (write_ssh_config).
}

write_ssh_config() {
  local i
  : >"$LAB/ssh_config"
  for i in $(seq 1 "$NODES"); do
    printf 'Host node%s\n  HostName %s\n' "$i" "$(node_ip "$i")" >>"$LAB/ssh_config"
  done
  cat >>"$LAB/ssh_config" <<EOF
Host *
  User root
  IdentityFile $LAB/id_ed25519
  IdentitiesOnly yes
  StrictHostKeyChecking accept-new
  UserKnownHostsFile $LAB/known_hosts
  BatchMode yes
  ConnectTimeout 10
  LogLevel ERROR
EOF
}

ensure_network() {
  docker network inspect "$NETWORK" >/dev/null 2>&1 \
    || docker network create --driver bridge --label scrapr.lab=true "$NETWORK" >/dev/null
}

# The registry: Debian's docker-registry with htpasswd (bcrypt) auth, plain HTTP on the lab
# network; the nodes trust it as an insecure registry (node-init.sh writes daemon.json).
ensure_registry() {
  mkdir -p "$LAB/registry"
  if [ ! -f "$LAB/registry/password" ]; then
    head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$LAB/registry/password"
  fi
  if [ ! -s "$LAB/registry/htpasswd" ]; then
    docker run --rm --network none --entrypoint htpasswd "$NODE_IMAGE" \
      -Bbn "$REGISTRY_USER" "$(cat "$LAB/registry/password")" >"$LAB/registry/htpasswd"
  fi
  cat >"$LAB/registry/config.yml" <<'EOF'
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: /var/lib/docker-registry
  delete:
    enabled: true
http:
  addr: :5000
auth:
  htpasswd:
    realm: scrapr-lab
    path: /etc/scrapr-lab-registry/htpasswd
EOF
  if [ "$(docker inspect -f '{{.State.Running}}' "$REGISTRY_CONTAINER" 2>/dev/null)" != "true" ]; then
    docker rm -f "$REGISTRY_CONTAINER" >/dev/null 2>&1 || true
    docker run -d --name "$REGISTRY_CONTAINER" --network "$NETWORK" --label scrapr.lab=true \
      -v "$LAB/registry:/etc/scrapr-lab-registry:ro" \
      -v scrapr-lab-registry-data:/var/lib/docker-registry \
      "$NODE_IMAGE" docker-registry serve /etc/scrapr-lab-registry/config.yml >/dev/null
  fi
}

ensure_node() {
  local i="$1" name
  name="$(node_container "$i")"
  if [ "$(docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = "true" ]; then
    return 0
  fi
  docker rm -f "$name" >/dev/null 2>&1 || true
  # The flags of shared/SWARM-LOCAL.md: --privileged fails here; /var/lib/docker on a volume so
  # that overlay2 works inside.
  docker run -d --name "$name" --hostname "node$i" --network "$NETWORK" --network-alias "node$i" \
    --label scrapr.lab=true \
    --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined \
    --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
    -v /sys/fs/cgroup:/sys/fs/cgroup:rw --cgroupns host \
    -v "scrapr-lab-node$i-docker:/var/lib/docker" \
    -e "LAB_AUTHORIZED_KEY=$(cat "$LAB/id_ed25519.pub")" \
    -e "LAB_INSECURE_REGISTRY=$REGISTRY" \
    "$NODE_IMAGE" >/dev/null
}

wait_for_nodes() {
  # Generous: a slow machine starts three engines at once.
  local i deadline=$((SECONDS + 300))
  for i in $(seq 1 "$NODES"); do
    until on_node "$i" docker info >/dev/null 2>&1; do
      [ "$SECONDS" -lt "$deadline" ] || {
        docker logs --tail 20 "$(node_container "$i")" >&2 || true
        die "node$i: no ssh or no Docker engine within 300 s"
      }
      sleep 1
    done
  done
}

# The cluster as the manager sees it: one "id hostname role status availability labels" line per node.
cluster_view() {
  # One remote command line: ssh hands it to the node's shell as it is.
  on_node 1 "docker node ls -q | xargs docker node inspect -f \
    '{{.ID}} {{.Description.Hostname}} {{.Spec.Role}} {{.Status.State}} {{.Spec.Availability}} {{range \$k, \$v := .Spec.Labels}}{{\$k}}={{\$v}},{{end}}'" \
    | sort -k2
}

# One provisioning round, exactly as an operator runs it from their machine.
provision_round() {
  local round="$1" i manager_addr log="$LAB/provision-$1.log"
  : >"$log"
  lab_env "$ROOT/swarm/provision-manager.sh" --ssh root@node1 >>"$log" 2>&1 \
    || { cat "$log" >&2; die "provision-manager.sh --ssh root@node1 failed (round $round)"; }
  manager_addr="$(node_ip 1)"
  for i in $(seq 2 "$NODES"); do
    lab_env "$ROOT/swarm/provision-worker.sh" --ssh "root@node$i" --manager "$manager_addr" \
      --token-from root@node1 >>"$log" 2>&1 \
      || { cat "$log" >&2; die "provision-worker.sh --ssh root@node$i failed (round $round)"; }
  done
  cluster_view >"$LAB/cluster-$round"
}

lab_up() {
  # What a clean Debian machine may lack: debootstrap, jq, and the ssh client the operator's
  # path uses (ssh, ssh-keygen, and the Docker CLI's ssh:// hosts).
  local missing=() tool
  for tool in debootstrap jq ssh ssh-keygen; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    local packages=()
    for tool in "${missing[@]}"; do
      case "$tool" in ssh|ssh-keygen) packages+=(openssh-client) ;; *) packages+=("$tool") ;; esac
    done
    mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
    say "installing ${packages[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null; } \
      || die "could not install ${packages[*]}"
  fi
  # The host's engine and the base image: ensure-docker.sh when either is missing (it also makes
  # sure of a one-node Swarm on the host and the one-node e2e's network; the lab uses neither).
  if ! docker info >/dev/null 2>&1 || ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    SCRAPR_BASE_IMAGE="$BASE_IMAGE" "$ROOT/swarm/lib/ensure-docker.sh" scrapr-e2e
  fi
  mkdir -p "$LAB"
  echo "$NODES" >"$LAB/nodes"
  ensure_node_image
  ensure_keys
  ensure_network
  ensure_registry
  say "starting $NODES nodes"
  local i
  for i in $(seq 1 "$NODES"); do ensure_node "$i"; done
  rm -f "$LAB/known_hosts"
  write_ssh_config
  wait_for_nodes
  say "nodes up: $(for i in $(seq 1 "$NODES"); do printf 'node%s=%s ' "$i" "$(node_ip "$i")"; done)"

  local started=$SECONDS
  provision_round 1
  echo "$((SECONDS - started))" >"$LAB/provision-1.seconds"
  say "provisioned over ssh in $((SECONDS - started)) s:"
  sed 's/^/    /' "$LAB/cluster-1"
  started=$SECONDS
  provision_round 2
  echo "$((SECONDS - started))" >"$LAB/provision-2.seconds"
  say "provisioned again (idempotence) in $((SECONDS - started)) s"
  if cmp -s "$LAB/cluster-1" "$LAB/cluster-2"; then
    say "the second round left the same cluster (node IDs, roles, labels)"
  else
    say "the second round changed the cluster:"
    diff "$LAB/cluster-1" "$LAB/cluster-2" || true
  fi
  say "up; run swarm/lab.sh e2e, and swarm/lab.sh down when done"
}
