# Sourced by swarm/lab.sh: removes everything of the lab. Leaves the node image (like the base
# image, it is kept for the next run) and the host's own engine, Swarm and images.

lab_down() {
  local names vols
  names="$(docker ps -aq --filter name='^scrapr-lab-' 2>/dev/null || true)"
  if [ -n "$names" ]; then
    # shellcheck disable=SC2086
    docker rm -f -v $names >/dev/null
  fi
  vols="$(docker volume ls -q --filter name='^scrapr-lab-' 2>/dev/null || true)"
  if [ -n "$vols" ]; then
    # shellcheck disable=SC2086
    docker volume rm $vols >/dev/null
  fi
  docker network rm "$NETWORK" >/dev/null 2>&1 || true
  rm -rf "$LAB"
  local left=""
  [ -z "$(docker ps -aq --filter name='^scrapr-lab-')" ] || left+=" containers"
  [ -z "$(docker volume ls -q --filter name='^scrapr-lab-')" ] || left+=" volumes"
  [ -z "$(docker network ls -q --filter name='^scrapr-lab-')" ] || left+=" networks"
  if [ -n "$left" ]; then
    say "FAIL down leaves nothing of the lab behind: lab$left left"
    exit 1
  fi
  say "PASS down leaves nothing of the lab behind (no container, volume or network named scrapr-lab-*)"
}
