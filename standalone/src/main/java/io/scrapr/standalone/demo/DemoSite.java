package io.scrapr.standalone.demo;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;

/** Serves the bundled demo bookshop (three paginated catalogue pages) on loopback. */
public final class DemoSite implements AutoCloseable {
  private final Javalin server;

  private DemoSite(Javalin server) {
    this.server = server;
  }

  /** Starts the site on a port (0 = a free one), bound to 127.0.0.1. */
  public static DemoSite start(int port) {
    Javalin server =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/demo/site";
                    files.location = Location.CLASSPATH;
                  });
            });
    server.start("127.0.0.1", port);
    return new DemoSite(server);
  }

  /** Returns the port it listens on. */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
