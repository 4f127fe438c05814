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
COPY Dockerfiles/bin/run-java.sh Dockerfiles/bin/healthcheck.sh /app/bin/
# Dependencies change less often than the application: their own layer, before the jar.
COPY endpoint/target/lib/ /app/lib/
COPY endpoint/target/scrapr-endpoint.jar /app/app.jar

# Small containers: heap as a share of the container's memory limit, a GC without helper threads,
# small thread stacks, bounded metaspace and code cache, and a crash (restart by Swarm) rather
# than a limping JVM after an OutOfMemoryError. Override JAVA_OPTS to tune.
ENV SCRAPR_PORT=3000 \
    JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m -XX:+ExitOnOutOfMemoryError"
USER 10001
EXPOSE 3000
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
  CMD ["/app/bin/healthcheck.sh"]
ENTRYPOINT ["/app/bin/run-java.sh", "io.scrapr.endpoint.Endpoint"]
