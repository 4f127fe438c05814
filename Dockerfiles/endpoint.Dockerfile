# scrapr endpoint: one per collection, started by the orchestrator (port 3000). Needs SCRAPR_CONFIG_ID and SCRAPR_REDIS_URL.
# Build from the repository root after `./mvnw -DskipTests package` (or swarm/build-images.sh):
#   docker build -f Dockerfiles/endpoint.Dockerfile -t scrapr/endpoint .
# BASE_IMAGE: any image with Java 17 and bash, e.g. the locally built scrapr/base:17.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

# A fixed non-root uid/gid, the same in every scrapr image, so secret and volume permissions are
# predictable on every node.
RUN groupadd --system --gid 10001 scrapr \
 && useradd --system --uid 10001 --gid scrapr --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin scrapr
WORKDIR /app
COPY Dockerfiles/bin/run-java.sh Dockerfiles/bin/healthcheck.sh Dockerfiles/bin/cds-train.sh /app/bin/
# Dependencies change less often than the application: their own layer, before the jar.
COPY endpoint/target/lib/ /app/lib/
COPY endpoint/target/scrapr-endpoint.jar /app/app.jar

# Small containers: heap as a share of the container's memory limit, a GC without helper threads,
# small thread stacks, bounded metaspace and code cache, and a crash (restart by Swarm) rather
# than a limping JVM after an OutOfMemoryError; freed native memory handed back every 5 s
# (TrimNativeHeapInterval) and two malloc arenas (MALLOC_ARENA_MAX): measured, see
# Dockerfiles/README.md. Override JAVA_OPTS to tune.
ENV SCRAPR_PORT=3000 \
    JAVA_OPTS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000" \
    MALLOC_ARENA_MAX=2
# Class-data sharing: a training run at build time leaves the archive of the classes the service
# loads (/app/cds/app.jsa), which run-java.sh maps at every start. See bin/cds-train.sh.
RUN SCRAPR_CONFIG_ID=cds-training SCRAPR_REDIS_URL=redis://127.0.0.1:6379 SCRAPR_API_TOKEN=cds-training \
      SCRAPR_CONFIG_DISCOVERY_URL=http://127.0.0.1:1 SCRAPR_DATASOURCE_URL=http://127.0.0.1:1 \
      CDS_TRAIN_CONFIGURATION='{"id":"cds-training","type":"endpoint","collection":"training","container":null,"version":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z","configuration":{"collection":"training","ttl":3600}}' \
      /app/bin/cds-train.sh io.scrapr.endpoint.Endpoint

USER 10001
EXPOSE 3000
HEALTHCHECK --interval=2s --timeout=5s --start-period=120s --retries=8 \
  CMD ["/app/bin/healthcheck.sh"]
ENTRYPOINT ["/app/bin/run-java.sh", "io.scrapr.endpoint.Endpoint"]
