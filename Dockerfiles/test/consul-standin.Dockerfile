# TEST ONLY, never deployed in production. The Consul stand-in: the Consul HTTP endpoints scrapr calls, in memory (port 8500).
# Build from the repository root after `./mvnw -DskipTests package` (or swarm/build-images.sh
# --with-test-images):
#   docker build -f Dockerfiles/test/consul-standin.Dockerfile -t scrapr/consul-standin .
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

RUN groupadd --system --gid 10001 scrapr \
 && useradd --system --uid 10001 --gid scrapr --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin scrapr
WORKDIR /app
COPY Dockerfiles/bin/run-java.sh Dockerfiles/bin/healthcheck.sh /app/bin/
COPY testkit/target/lib/ /app/lib/
COPY testkit/target/scrapr-testkit.jar /app/app.jar

ENV JAVA_OPTS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError"
USER 10001
EXPOSE 8500
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
  CMD ["/app/bin/healthcheck.sh", "8500", "/v1/status/leader"]
ENTRYPOINT ["/app/bin/run-java.sh", "io.scrapr.testkit.consul.ConsulStandIn"]
CMD ["--port", "8500"]
