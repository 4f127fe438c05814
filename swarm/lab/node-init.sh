#!/bin/sh
# TEST ONLY (swarm/lab.sh): the entry point of a lab node, a Docker-in-Docker "host" that the
# operator scripts provision over ssh. Installs the lab's public key for root, trusts the lab's
# registry, starts sshd, then becomes dockerd. Baked into the node image as
# /usr/local/sbin/scrapr-lab-node.
#
# Environment: LAB_AUTHORIZED_KEY (an ssh public key line), LAB_INSECURE_REGISTRY (host:port of
# the lab's plain-HTTP registry, empty for none).
set -eu

mkdir -p /root/.ssh /run/sshd /etc/docker
chmod 700 /root/.ssh
printf '%s\n' "${LAB_AUTHORIZED_KEY:?LAB_AUTHORIZED_KEY names the lab key}" >/root/.ssh/authorized_keys
chmod 600 /root/.ssh/authorized_keys
# The lab's registry speaks plain HTTP on the lab network only; a real one has a certificate.
if [ -n "${LAB_INSECURE_REGISTRY:-}" ]; then
  printf '{ "insecure-registries": ["%s"] }\n' "$LAB_INSECURE_REGISTRY" >/etc/docker/daemon.json
fi
# Host keys are made per node on first start, as on a freshly installed host.
ssh-keygen -A >/dev/null
/usr/sbin/sshd -o PermitRootLogin=prohibit-password -o PasswordAuthentication=no
exec dockerd --storage-driver overlay2
