package io.scrapr.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * The standalone mode's Redis: the real {@code redis-server} shipped in the {@code embedded-redis}
 * jar, on loopback, with an append-only file under the data folder so a scraper's spool survives a
 * restart.
 */
final class EmbeddedRedis implements AutoCloseable {
  private final RedisServer server;
  private final int port;

  EmbeddedRedis(Path dataDir) {
    Path dir = dataDir.resolve("redis");
    try {
      Files.createDirectories(dir);
      try (ServerSocket socket = new ServerSocket(0)) {
        this.port = socket.getLocalPort();
      }
      this.server =
          RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              .setting("dir " + dir.toAbsolutePath())
              .setting("appendonly yes")
              .setting("save \"\"")
              .build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded redis-server in " + dir, e);
    }
  }

  /** Returns the URL services take as {@code SCRAPR_REDIS_URL}. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded redis-server", e);
    }
  }
}
