package io.scrapr.testkit.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB stand-in: {@code mongo-java-server} speaking the real wire protocol, in memory or on
 * an H2 file. It has no tailable cursors, which is why scrapr's tailers reopen closed cursors. For
 * tests and the end-to-end run only; never deployed in production.
 */
public final class MongoStandIn implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MongoStandIn.class);

  private final MongoServer server;
  private final MongoBackend backend;
  private final InetSocketAddress address;

  private MongoStandIn(MongoBackend backend, String host, int port) {
    this.backend = backend;
    this.server = new MongoServer(backend);
    server.bind(host, port);
    this.address = server.getLocalAddress();
  }

  /** Starts an in-memory server on a free loopback port. */
  public static MongoStandIn inMemory() {
    return new MongoStandIn(new MemoryBackend(), "127.0.0.1", 0);
  }

  /**
   * Starts a server whose data lives in an H2 file, so it survives a restart.
   *
   * @param file the H2 file; its folder is created when missing
   * @param host the address to bind, e.g. {@code 0.0.0.0} in a container
   * @param port the port, 0 for a free one
   */
  public static MongoStandIn onFile(Path file, String host, int port) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create the folder of " + file, e);
    }
    return new MongoStandIn(new H2Backend(file.toString()), host, port);
  }

  /** Returns a connection string for the MongoDB driver. */
  public String uri() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  /** Returns the port it listens on. */
  public int port() {
    return address.getPort();
  }

  /** Stops the server and, for the H2 backend, flushes the file. */
  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }

  /**
   * Runs the stand-in as a process: {@code --port N} (default 27017), {@code --file PATH} (default
   * {@code /data/scrapr.mv}), listening on all addresses.
   */
  public static void main(String[] args) {
    int port = Integer.parseInt(argument(args, "--port", "27017"));
    Path file = Path.of(argument(args, "--file", "/data/scrapr.mv"));
    MongoStandIn standIn = onFile(file, "0.0.0.0", port);
    Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "mongo-stand-in-stop"));
    log.info(
        "MongoDB stand-in (mongo-java-server, H2 file {}) listening on port {}",
        file,
        standIn.port());
  }

  private static String argument(String[] args, String name, String defaultValue) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return defaultValue;
  }
}
