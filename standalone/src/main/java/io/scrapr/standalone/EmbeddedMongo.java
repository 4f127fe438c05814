package io.scrapr.standalone;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standalone mode's MongoDB: {@code mongo-java-server} on an H2 file under the data folder,
 * listening on loopback only, so configurations, collections and tailer positions survive a
 * restart.
 */
final class EmbeddedMongo implements AutoCloseable {
  private final MongoServer server;
  private final H2Backend backend;
  private final InetSocketAddress address;

  EmbeddedMongo(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
    }
    this.backend = new H2Backend(dataDir.resolve("mongo.mv").toString());
    this.server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    this.address = server.getLocalAddress();
  }

  /** Returns the connection string. */
  String uri() {
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /** Stops the server; the H2 backend writes its file on close. */
  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
  }
}
