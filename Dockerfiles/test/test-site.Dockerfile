# TEST ONLY, never deployed in production. A web site to scrape: a deterministic paginated catalogue at /catalogue/page-N.html (port 8000).
# Build from the repository root after `./mvnw -DskipTests package` (or swarm/build-images.sh
# --with-test-images):
#   docker build -f Dockerfiles/test/test-site.Dockerfile -t scrapr/test-site .
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
EXPOSE 8000
HEALTHCHECK --interval=5s --timeout=5s --start-period=120s --retries=3 \
  CMD ["/app/bin/healthcheck.sh", "8000", "/health"]
ENTRYPOINT ["/app/bin/run-java.sh", "io.scrapr.testkit.site.TestSite"]
CMD ["--port", "8000", "--pages", "3", "--items-per-page", "20"]
