# TEST ONLY: the companion Redis the orchestrator starts next to each scraper and endpoint, for
# machines that cannot pull redis:7-alpine (SCRAPR_REDIS_IMAGE=scrapr/redis:TAG). Production uses
# the official image. BASE_IMAGE must have redis-server and redis-cli: the debootstrap base does.
#   docker build -f Dockerfiles/test/redis.Dockerfile -t scrapr/redis .
ARG BASE_IMAGE=scrapr/base:17
FROM ${BASE_IMAGE}

RUN groupadd --system --gid 10001 scrapr \
 && useradd --system --uid 10001 --gid scrapr --home-dir /data --no-create-home \
      --shell /usr/sbin/nologin scrapr \
 && mkdir -p /data && chown 10001:10001 /data
# No VOLUME: a companion Redis is a cache and a spool for one task, and an anonymous volume per
# task would only pile up on the nodes.
WORKDIR /data
USER 10001
EXPOSE 6379
# Every 1 s (a PING is cheap; 15 failures ≈ the former 5 s × 3): Swarm resolves a dnsrr service's name only
# once its task is healthy, and the scraper beside it waits for its Redis before its first run.
HEALTHCHECK --interval=1s --timeout=5s --start-period=20s --retries=15 \
  CMD ["sh", "-c", "redis-cli -p 6379 ping | grep -q PONG"]
# Reached only on the overlay network, like the official image: no protected mode.
CMD ["redis-server", "--protected-mode", "no", "--port", "6379", "--dir", "/data"]
