package io.scrapr.testkit.http;

import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A stand-in peer for tests: a Javalin server on loopback with the routes a test gives it, which
 * can be stopped (an outage: connections are refused) and restarted on the same port.
 */
public final class StubServer implements AutoCloseable {
  private final Consumer<RoutesConfig> routes;
  private final int port;
  private Javalin javalin;

  private StubServer(Consumer<RoutesConfig> routes) {
    this.routes = routes;
    this.javalin = serve(0);
    this.port = javalin.port();
  }

  /** Starts a stub on a free loopback port. */
  public static StubServer start(Consumer<RoutesConfig> routes) {
    return new StubServer(routes);
  }

  /** Returns its port, the same across restarts. */
  public int port() {
    return port;
  }

  /** Returns its base URI. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops answering and returns once the port refuses connections. */
  public synchronized void stop() {
    if (javalin != null) {
      javalin.stop();
      javalin = null;
      await().atMost(Duration.ofSeconds(10)).until(() -> !accepts(port));
    }
  }

  /** Starts answering again on the same port. */
  public synchronized void restart() {
    if (javalin == null) {
      javalin = serve(port);
    }
  }

  @Override
  public synchronized void close() {
    if (javalin != null) {
      javalin.stop();
      javalin = null;
    }
  }

  private Javalin serve(int onPort) {
    return Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = onPort;
              routes.accept(config.routes);
            })
        .start();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
