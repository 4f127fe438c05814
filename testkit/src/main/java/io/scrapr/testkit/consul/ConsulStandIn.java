package io.scrapr.testkit.consul;

import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Consul stand-in: an in-memory agent that answers, over HTTP and in Consul's JSON, exactly the
 * endpoints scrapr's Consul client calls, with TTL checks that expire, {@code ?passing} lookups and
 * the reaping of services critical for too long. For tests and the end-to-end run only; never
 * deployed in production.
 */
public final class ConsulStandIn implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsulStandIn.class);
  private static final String NODE_NAME = "consul-stand-in";

  private final Javalin javalin;
  private final String host;

  private ConsulStandIn(Javalin javalin, String host) {
    this.javalin = javalin;
    this.host = host;
  }

  /**
   * Starts a stand-in on loopback.
   *
   * @param port the port, 0 for a free one
   * @return the running stand-in
   */
  public static ConsulStandIn start(int port) {
    return start("127.0.0.1", port, "127.0.0.1", Clock.systemUTC());
  }

  static ConsulStandIn start(String bindHost, int port, String nodeAddress, Clock clock) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    AgentRoutes routes =
        new AgentRoutes(
            new AgentState(clock), new HealthJson(NODE_NAME, nodeAddress), nodeAddress + ":8300");
    Javalin javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.prefer405over404 = true;
              config.jetty.host = bindHost;
              config.jetty.port = port;
              routes.addTo(config.routes);
            });
    javalin.start();
    String host = "0.0.0.0".equals(bindHost) ? "127.0.0.1" : bindHost;
    ConsulStandIn standIn = new ConsulStandIn(javalin, host);
    log.info("Consul stand-in listening on {}", standIn.uri());
    return standIn;
  }

  /** Returns the base URI clients use, e.g. {@code http://127.0.0.1:8500}. */
  public URI uri() {
    return URI.create("http://" + host + ":" + port());
  }

  /** Returns the port it listens on. */
  public int port() {
    return javalin.port();
  }

  /** Stops the server; everything registered is forgotten, as by a restarted dev agent. */
  @Override
  public void close() {
    int port = port();
    javalin.stop();
    log.info("Consul stand-in on port {} stopped", port);
  }

  /**
   * Runs the stand-in as a process on all addresses: port from {@code --port N}, else the {@code
   * PORT} variable, else 8500.
   */
  public static void main(String[] args) {
    String port = argument(args, "--port");
    if (port == null) {
      port = System.getenv().getOrDefault("PORT", "8500");
    }
    ConsulStandIn standIn =
        start("0.0.0.0", Integer.parseInt(port.strip()), localAddress(), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "consul-stand-in-stop"));
  }

  private static String localAddress() {
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      return "127.0.0.1";
    }
  }

  private static String argument(String[] args, String name) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return null;
  }
}
