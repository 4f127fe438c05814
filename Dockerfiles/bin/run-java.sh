#!/usr/bin/env bash
# Entry point of every scrapr Java image: turns Docker secrets into settings, then replaces itself
# with the JVM so the service gets SIGTERM directly (clean deregistration on `docker service rm`).
#
# Usage: run-java.sh MAIN_CLASS [ARGS...]
# Environment:
#   JAVA_OPTS     JVM flags (the image sets container-friendly defaults; override to tune)
#   <NAME>_FILE   for any SCRAPR_* or CONSUL_* setting: read NAME from this file, e.g.
#                 SCRAPR_API_TOKEN_FILE=/run/secrets/scrapr_api_token (a Docker secret)
set -euo pipefail

if [ "$#" -lt 1 ]; then
  echo "run-java: usage: run-java.sh MAIN_CLASS [ARGS...]" >&2
  exit 64
fi

while IFS= read -r file_var; do
  var="${file_var%_FILE}"
  path="${!file_var}"
  [ -n "$path" ] || continue
  if [ -n "${!var:-}" ]; then
    echo "run-java: both $var and $file_var are set; set only one" >&2
    exit 2
  fi
  if [ ! -r "$path" ]; then
    echo "run-java: $file_var names $path, which cannot be read by uid $(id -u)" >&2
    exit 2
  fi
  # $(...) drops the trailing newline a secret file usually ends with.
  export "$var=$(cat "$path")"
  unset "$file_var"
done < <(compgen -e | grep -E '^(SCRAPR|CONSUL)_[A-Z0-9_]+_FILE$' || true)

main="$1"
shift
# The class path spelled out, in a fixed order: a class-data sharing archive is only used with the
# class path it was made with (a "lib/*" wildcard's order is the directory's).
classpath="/app/app.jar"
for jar in $(LC_ALL=C; printf '%s\n' /app/lib/*.jar | sort); do
  [ -f "$jar" ] && classpath="$classpath:$jar"
done
# The image's class-data sharing archive (Dockerfiles/bin/cds-train.sh made it at build time),
# unless JAVA_OPTS names one or turns sharing off. -Xshare:auto: a JVM that cannot map it (other
# flags, another class path) starts without it. ArchiveRelocationMode=0 maps the archives at the
# address they were made for (Debian's JDK 17 relocates them by default): their pages then stay
# clean pages of the file, shared by every container of the image on a node, instead of ~40 MiB
# of private copies per JVM that relocation writes.
cds=()
if [ -r /app/cds/app.jsa ] && [[ " ${JAVA_OPTS:-} " != *" -XX:SharedArchiveFile="* ]] \
  && [[ " ${JAVA_OPTS:-} " != *" -XX:ArchiveClassesAtExit="* ]] \
  && [[ " ${JAVA_OPTS:-} " != *" -Xshare:off "* ]]; then
  cds=(-XX:SharedArchiveFile=/app/cds/app.jsa -Xshare:auto
    -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)
fi
# Name lookups cached briefly: on Swarm a service's name resolves only once its task is healthy,
# and (endpoint mode dnsrr) to new addresses when its tasks move. The JDK keeps a failed lookup
# 10 s and a good one 30 s by default: a scraper asking for its new companion Redis a moment too
# early waited 10 s for its first run. JAVA_OPTS may set others.
dns=()
[[ " ${JAVA_OPTS:-} " == *" -Dsun.net.inetaddr.negative.ttl="* ]] || dns+=(-Dsun.net.inetaddr.negative.ttl=1)
[[ " ${JAVA_OPTS:-} " == *" -Dsun.net.inetaddr.ttl="* ]] || dns+=(-Dsun.net.inetaddr.ttl=5)
# JAVA_OPTS is a list of flags: split on spaces on purpose.
# shellcheck disable=SC2086
exec java "${dns[@]}" ${JAVA_OPTS:-} "${cds[@]}" -cp "$classpath" "$main" "$@"
