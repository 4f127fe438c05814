package io.scrapr.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests: the {@code redis-server} binary shipped in the {@code embedded-redis}
 * jar, on a free loopback port, without persistence.
 */
public final class TestRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;
  private boolean running;

  private TestRedis(int port) {
    this.port = port;
    try {
      this.server =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the embedded redis-server", e);
    }
  }

  /** Starts a Redis on a free port. */
  public static TestRedis start() {
    TestRedis redis = new TestRedis(freePort());
    redis.resume();
    return redis;
  }

  /** Returns the URL services take as {@code SCRAPR_REDIS_URL}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Returns the port. */
  public int port() {
    return port;
  }

  /** Stops the server (a Redis outage); {@link #resume()} starts it again on the same port. */
  public void pause() {
    stop();
  }

  /** Starts the server again after {@link #pause()}. */
  public void resume() {
    try {
      server.start();
      running = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server on port " + port, e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void stop() {
    if (running) {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stop redis-server on port " + port, e);
      }
      running = false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
