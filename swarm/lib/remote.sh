# Sourced by the provisioning scripts: run a script on this node, or on another over ssh.
#
# run_here_or_over_ssh TARGET SCRIPT ARGS...: with TARGET empty, does nothing and returns 1 (the
# caller goes on locally); otherwise copies SCRIPT (and swarm/lib/) to TARGET over ssh, runs it
# there with ARGS, and exits with its status.

run_here_or_over_ssh() {
  local target="$1" script="$2"
  shift 2
  [ -n "$target" ] || return 1
  command -v ssh >/dev/null 2>&1 || { echo "$(basename "$script"): ssh is not installed" >&2; exit 1; }
  local here remote_dir quoted="" arg
  here="$(cd "$(dirname "$script")" && pwd)"
  for arg in "$@"; do quoted+=" $(printf '%q' "$arg")"; done
  # One ssh connection: a tar of the scripts on stdin, unpacked into a temporary folder and run.
  remote_dir="/tmp/scrapr-provision.$$"
  tar -C "$here" -c "$(basename "$script")" lib \
    | ssh -o BatchMode=yes "$target" \
        "set -e; rm -rf $remote_dir; mkdir -p $remote_dir; tar -C $remote_dir -x; \
         trap 'rm -rf $remote_dir' EXIT; bash $remote_dir/$(basename "$script")$quoted"
  exit $?
}

# require_docker NAME: fails clearly when this node has no working Docker engine.
require_docker() {
  if ! command -v docker >/dev/null 2>&1; then
    echo "$1: Docker is not installed on $(hostname); install Docker Engine first" \
      "(https://docs.docker.com/engine/install/), then run this again" >&2
    exit 1
  fi
  if ! docker info >/dev/null 2>&1; then
    echo "$1: Docker is installed on $(hostname) but the engine does not answer" \
      "(is dockerd running, and may this user use /var/run/docker.sock?)" >&2
    exit 1
  fi
}
