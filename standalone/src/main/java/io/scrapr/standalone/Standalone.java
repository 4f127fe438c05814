package io.scrapr.standalone;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.service.Closer;
import io.scrapr.common.service.ServiceMain;
import io.scrapr.common.settings.Env;
import io.scrapr.standalone.demo.DemoSite;
import io.scrapr.testkit.mongo.MongoStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every scrapr service in one JVM on the embedded defaults: MongoDB as {@code mongo-java-server} on
 * an H2 file, a real {@code redis-server} from the {@code embedded-redis} jar, in-process
 * discovery, and an orchestrator whose runtime starts scrapers and endpoints inside the JVM.
 */
public final class Standalone implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Standalone.class);

  /**
   * What to start besides the core services.
   *
   * @param demo serve the demo site and post its configuration
   * @param orchestrator start the orchestrator (without it, nothing starts scrapers or endpoints:
   *     benchmarks of the ingest path alone)
   */
  public record Options(boolean demo, boolean orchestrator) {
    /** The whole system, no demo. */
    public static final Options RUN = new Options(false, true);

    /** The whole system and the demo. */
    public static final Options DEMO = new Options(true, true);
  }

  private final Closer started = new Closer("standalone");
  private final Map<String, Integer> ports = new HashMap<>();
  private final LocalDiscovery discovery = new LocalDiscovery();
  private Optional<DemoSite> demo = Optional.empty();
  private String mongoUri;
  private String redisUrl;

  private Standalone() {}

  /**
   * Starts the whole system.
   *
   * @param env the user's environment: {@code SCRAPR_DATA_DIR}, the ports, and every service
   *     setting such as {@code SCRAPR_API_TOKEN} and {@code SCRAPR_ALLOWED_TARGETS}
   * @param withDemo also serve the demo site and post its configuration
   */
  public static Standalone start(Env env, boolean withDemo) {
    return start(env, withDemo ? Options.DEMO : Options.RUN);
  }

  /**
   * Starts the system with options; a failed start stops what started.
   *
   * @param env the user's environment, as for {@link #start(Env, boolean)}
   * @param options what to start besides the core services
   */
  public static Standalone start(Env env, Options options) {
    Standalone system = new Standalone();
    try {
      system.startAll(env, options);
      return system;
    } catch (RuntimeException e) {
      system.close();
      throw e;
    }
  }

  private void startAll(Env userEnv, Options options) {
    boolean withDemo = options.demo();
    StandaloneSettings settings = StandaloneSettings.from(userEnv);
    Env env = userEnv;
    if (withDemo) {
      DemoSite site = remember(DemoSite.start(settings.demoPort()));
      demo = Optional.of(site);
      ports.put("demo-site", site.port());
      // The demo site is on loopback, which the SSRF guard refuses unless it is opened.
      String allowed = userEnv.optional("SCRAPR_ALLOWED_TARGETS").map(a -> a + ",").orElse("");
      env = env.with(Map.of("SCRAPR_ALLOWED_TARGETS", allowed + "127.0.0.1/32"));
      log.warn(
          "demo mode: SCRAPR_ALLOWED_TARGETS opens 127.0.0.1 so the scraper can reach the demo site");
    }
    // MongoDB's stand-in on an H2 file under the data folder, on loopback only: configurations,
    // collections and tailer positions survive a restart.
    MongoStandIn mongo =
        remember(MongoStandIn.onFile(settings.dataDir().resolve("mongo.mv"), "127.0.0.1", 0));
    EmbeddedRedis redis = remember(new EmbeddedRedis(settings.dataDir()));
    mongoUri = mongo.uri();
    redisUrl = redis.url();
    Map<String, String> embedded = new HashMap<>();
    embedded.put("SCRAPR_MONGO_URI", mongoUri);
    embedded.put("SCRAPR_REDIS_URL", redisUrl);
    embedded.put("SCRAPR_SHARED_REDIS_URL", redisUrl);
    embedded.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    Env base = env.with(embedded);

    var configDiscovery =
        remember(
            io.scrapr.configdiscovery.ConfigDiscovery.start(
                withPort(base, settings.configDiscoveryPort()), discovery));
    ports.put("config-discovery", configDiscovery.port());
    var datasource =
        remember(
            io.scrapr.datasource.Datasource.start(
                withPort(base, settings.datasourcePort()), discovery));
    ports.put("datasource", datasource.port());
    var gateway =
        remember(
            io.scrapr.gateway.Gateway.start(withPort(base, settings.gatewayPort()), discovery));
    ports.put("gateway", gateway.port());
    if (!options.orchestrator()) {
      return;
    }
    var orchestrator =
        remember(
            io.scrapr.orchestrator.Orchestrator.start(
                withPort(base, settings.orchestratorPort()),
                discovery,
                // Scrapers and endpoints never get the operator's token: the runtime hands each
                // scraper a credential of its own, endpoints none.
                new LocalRuntime(base.without("SCRAPR_API_TOKEN"), discovery)));
    ports.put("orchestrator", orchestrator.port());
    if (withDemo) {
      postDemoConfiguration(userEnv.optional("SCRAPR_API_TOKEN"));
    }
  }

  /**
   * Returns the port a part listens on: config-discovery, datasource, orchestrator, gateway,
   * demo-site.
   */
  public int port(String part) {
    Integer port = ports.get(part);
    if (port == null) {
      throw new IllegalArgumentException(
          "no part named '" + part + "' is running; running: " + ports.keySet());
    }
    return port;
  }

  /** Returns the port of the endpoint serving a collection, once one is registered. */
  public Optional<Integer> endpointPort(String collection) {
    return discovery.healthy("endpoint").stream()
        .filter(i -> i.tag("collection").map(collection::equals).orElse(false))
        .map(ServiceInstance::port)
        .findFirst();
  }

  /** Returns the embedded MongoDB's connection string. */
  public String mongoUri() {
    return mongoUri;
  }

  /** Returns the embedded Redis's URL. */
  public String redisUrl() {
    return redisUrl;
  }

  /** Describes where each service is, for the console. */
  public String describe() {
    StringBuilder text = new StringBuilder("scrapr is running (standalone):\n");
    text.append(line("config-discovery", "POST configurations here", "/configurations"));
    text.append(line("gateway", "read collections here", "/api"));
    text.append(line("datasource", "collections as stored", "/collections"));
    text.append(line("orchestrator", "what runs", "/status"));
    demo.ifPresent(
        d -> text.append(line("demo-site", "the demo bookshop", "/catalogue/page-1.html")));
    demo.ifPresent(
        d ->
            text.append(
                "  the demo collection: http://localhost:" + port("gateway") + "/api/demo\n"));
    return text.append("Ctrl-C stops it; data is kept in SCRAPR_DATA_DIR.").toString();
  }

  private String line(String part, String what, String path) {
    return String.format("  %-17s http://localhost:%d%s  (%s)%n", part, port(part), path, what);
  }

  /** Stops everything, the last started first; closing twice is harmless. */
  @Override
  public void close() {
    started.close();
  }

  private <T extends AutoCloseable> T remember(T part) {
    return started.own(part.getClass().getSimpleName(), part);
  }

  private static Env withPort(Env env, int port) {
    return env.with(Map.of("SCRAPR_PORT", Integer.toString(port)));
  }

  /** Posts the bundled demo configuration, pointed at the demo site's port, unless one exists. */
  private void postDemoConfiguration(Optional<String> token) {
    URI base = URI.create("http://127.0.0.1:" + port("config-discovery"));
    HttpClient http = HttpClient.newHttpClient();
    try {
      String existing =
          http.send(
                  HttpRequest.newBuilder(
                          base.resolve("/configurations?collection=demo&type=scraper"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (!existing.equals("[]")) {
        log.info("demo: the demo configuration exists already");
        return;
      }
      String body = demoConfiguration().replace("127.0.0.1:8090", "127.0.0.1:" + port("demo-site"));
      HttpRequest.Builder post =
          HttpRequest.newBuilder(base.resolve("/configurations"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      token.ifPresent(t -> post.header("Authorization", "Bearer " + t));
      HttpResponse<String> response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("the demo configuration was refused: " + response.body());
      }
      log.info("demo: posted the demo configuration");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot post the demo configuration", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String demoConfiguration() {
    try (InputStream in = Standalone.class.getResourceAsStream("/demo/demo-configuration.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the demo configuration is missing from the jar", e);
    }
  }

  /** {@code run} or {@code demo}: starts the system and keeps it running until Ctrl-C. */
  public static void main(String[] args) {
    boolean withDemo = args.length > 0 && args[0].equals("demo");
    ServiceMain.run(
        "standalone",
        env -> {
          Standalone system = start(env, withDemo);
          System.out.println(system.describe());
          return system;
        });
  }
}
