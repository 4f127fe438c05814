package io.scrapr.gateway;

import io.javalin.http.Context;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.testkit.http.StubServer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in endpoint that counts what it is asked: answers {@code GET /} with a body naming its
 * version and the query, the version as a strong {@code ETag} (304 to {@code If-None-Match} with
 * it), and can be told to fail with a status, to hold its answers, or to stop.
 */
final class CountingEndpoint implements AutoCloseable {
  private final StubServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger conditional = new AtomicInteger();
  private volatile int version = 1;
  private volatile int failWith;
  private volatile boolean stale;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  CountingEndpoint() {
    this.server = StubServer.start(routes -> routes.get("/", this::answer));
  }

  /** Returns it as an instance of a collection. */
  ServiceInstance instance(String collection) {
    return new ServiceInstance(
        "endpoint-" + collection + "-" + server.port(),
        "endpoint",
        "127.0.0.1",
        server.port(),
        List.of(ServiceInstance.tag("collection", collection)));
  }

  /** A new version of the collection: new bodies, new tags. */
  void change() {
    version++;
  }

  /** Answers every request with this status (0: answer normally). */
  void failWith(int status) {
    failWith = status;
  }

  /** Flags its answers stale, as an endpoint does when its datasource is down. */
  void stale(boolean stale) {
    this.stale = stale;
  }

  /** Holds every answer until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets held answers go. */
  void release() {
    gate.countDown();
  }

  /** Stops answering: connections are refused. */
  void stop() {
    server.stop();
  }

  int requests() {
    return requests.get();
  }

  int conditionalRequests() {
    return conditional.get();
  }

  /** Returns the body it gives for a query at its current version. */
  String body(String query) {
    return "{\"version\":" + version + ",\"query\":\"" + query + "\"}";
  }

  String etag() {
    return "\"v" + version + "\"";
  }

  private void answer(Context ctx) throws InterruptedException {
    requests.incrementAndGet();
    gate.await(10, TimeUnit.SECONDS);
    if (failWith != 0) {
      ctx.status(failWith)
          .contentType("application/problem+json")
          .result("{\"status\":" + failWith + "}");
      return;
    }
    ctx.header("ETag", etag());
    ctx.header("Cache-Control", "public, no-cache");
    ctx.header("X-Total-Count", "7");
    if (stale) {
      ctx.header("X-Scrapr-Stale", "true");
    }
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null) {
      conditional.incrementAndGet();
      if (ifNoneMatch.equals(etag())) {
        ctx.status(304);
        return;
      }
    }
    String query = ctx.queryString() == null ? "" : ctx.queryString();
    ctx.contentType("application/json").result(body(query));
  }

  @Override
  public void close() {
    release();
    server.close();
  }
}
