package io.scrapr.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.http.ScopedTokens;
import io.scrapr.common.settings.CallPolicy;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.PeerOverrides;
import io.scrapr.configdiscovery.ConfigDiscovery;
import io.scrapr.orchestrator.client.ConfigDiscoveryCatalog;
import io.scrapr.orchestrator.core.ConfigurationCatalog;
import io.scrapr.orchestrator.core.ReconcileReport;
import io.scrapr.orchestrator.core.Reconciler;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.orchestrator.core.Runtime;
import io.scrapr.orchestrator.core.ServiceSpec;
import io.scrapr.orchestrator.core.ServiceTemplate;
import io.scrapr.orchestrator.core.SpecFactory;
import io.scrapr.testkit.mongo.TestMongo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reconcile: the orchestrator's full round over 5,000 posted configurations (10,000 listed: a
 * scraper and an endpoint configuration each), against the real config-discovery in this JVM on the
 * MongoDB stand-in (or a real MongoDB when SCRAPR_TEST_MONGO_URI is set), with a runtime that
 * starts nothing, so the figures are the orchestrator's and config-discovery's, not Docker's.
 */
final class ReconcileBench {
  private static final String TOKEN = "bench-token";
  private static final HttpClient WRITER =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static void run(int runs, int posted) throws Exception {
    Report report = new Report("reconcile");
    report.line("uptime before: " + uptime());
    report.line(
        "method: config-discovery (ConfigDiscovery.start) in the bench JVM; "
            + posted
            + " configurations POSTed (8 threads) and materialised (each a scraper and an endpoint"
            + " configuration); the orchestrator's Reconciler with its real HTTP catalog"
            + " (ConfigDiscoveryCatalog) and a runtime that starts nothing; requests = what"
            + " config-discovery's /metrics counted for the round (lists, 304s, claims); "
            + runs
            + " runs per figure");
    try (TestMongo mongo = TestMongo.start();
        ConfigDiscovery discovery = startConfigDiscovery(mongo.uri())) {
      report.line(
          "MongoDB: " + (mongo.isStandIn() ? "the in-process stand-in" : "SCRAPR_TEST_MONGO_URI"));
      int port = discovery.port();
      Requests requests = new Requests(port);
      post(report, port, posted);

      ServiceClient client = client(port);
      CountingRuntime runtime = new CountingRuntime();
      ConfigDiscoveryCatalog catalog =
          new ConfigDiscoveryCatalog(client, Duration.ofMinutes(5), Clock.systemUTC());
      Reconciler reconciler = reconciler(catalog, runtime);

      Round first =
          Round.of("first full round (claims and starts all)", requests, runtime, reconciler);
      report.line(first.describe());
      Round second =
          Round.of("second round (re-reads after its own claims)", requests, runtime, reconciler);
      report.line(second.describe());

      List<Double> idleMs = new ArrayList<>();
      List<Round> idle = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Round round = Round.of("idle round", requests, runtime, reconciler);
        idle.add(round);
        idleMs.add(round.millis());
      }
      report.line(idle.get(0).describe() + "; time " + Stats.summary(idleMs, "%.1f") + " ms");

      List<Double> pollMs = new ArrayList<>();
      Requests.Count pollCount = null;
      for (int i = 0; i < runs; i++) {
        Requests.Count before = requests.count();
        long t0 = System.nanoTime();
        catalog.unassigned();
        pollMs.add((System.nanoTime() - t0) / 1e6);
        pollCount = requests.count().minus(before);
      }
      report.line(
          "unassigned poll (every SCRAPR_POLL_MS): "
              + pollCount
              + "; time "
              + Stats.summary(pollMs, "%.1f")
              + " ms");

      List<Double> changedMs = new ArrayList<>();
      Round changed = null;
      String id = firstScraperId(catalog);
      for (int i = 0; i < runs; i++) {
        replace(port, id, i);
        changed = Round.of("round after one PUT", requests, runtime, reconciler);
        changedMs.add(changed.millis());
      }
      report.line(changed.describe() + "; time " + Stats.summary(changedMs, "%.1f") + " ms");

      // The same idle round without the conditional request: every page every round (the
      // behaviour before the list had a version), for comparison in the same run.
      ConfigDiscoveryCatalog unconditional =
          new ConfigDiscoveryCatalog(client, Duration.ZERO, Clock.systemUTC());
      Reconciler everyPage = reconciler(unconditional, runtime);
      Round.of("warm-up", requests, runtime, everyPage);
      List<Double> everyPageMs = new ArrayList<>();
      Round read = null;
      for (int i = 0; i < runs; i++) {
        read =
            Round.of(
                "idle round reading every page (no If-None-Match)", requests, runtime, everyPage);
        everyPageMs.add(read.millis());
      }
      report.line(read.describe() + "; time " + Stats.summary(everyPageMs, "%.1f") + " ms");
    }
    report.line("uptime after: " + uptime());
  }

  private static ConfigDiscovery startConfigDiscovery(String mongoUri) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_MONGO_URI", mongoUri);
    env.put("SCRAPR_MONGO_DATABASE", "bench_reconcile_" + System.nanoTime());
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    env.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
    env.put("SCRAPR_API_TOKEN", TOKEN);
    env.put("SCRAPR_CAPPED_CONFIGURATIONS_BYTES", Long.toString(256L << 20));
    return ConfigDiscovery.start(Env.of(env), new LocalDiscovery());
  }

  /** POSTs the configurations from 8 threads, then waits until all are materialised. */
  private static void post(Report report, int port, int count) throws Exception {
    long t0 = System.nanoTime();
    ExecutorService posters = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String body = Configs.forSite("rc-" + i, 9, 1, 3600, Optional.empty());
        answers.add(posters.submit(() -> write("POST", port, "/configurations", body)));
      }
      for (Future<Integer> answer : answers) {
        if (answer.get() != 201) {
          throw new IllegalStateException("a POST was answered " + answer.get());
        }
      }
    } finally {
      posters.shutdown();
    }
    double postSecs = (System.nanoTime() - t0) / 1e9;
    long until = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (!Http.get(port, "/configurations?limit=1&offset=" + (2 * count - 1))
        .body()
        .contains("\"id\"")) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("not all configurations were materialised in 10 min");
      }
      Thread.sleep(200);
    }
    report.line(
        String.format(
            Locale.ROOT,
            "posted %d configurations with config-discovery's POST in %.1f s; all %d"
                + " materialised after %.1f s",
            count,
            postSecs,
            2 * count,
            (System.nanoTime() - t0) / 1e9));
  }

  private static void replace(int port, String id, int run) {
    String body = Configs.forSite("rc-0", 9, 1, 3600 + run + 1, Optional.empty());
    int status = write("PUT", port, "/configurations/" + id, body);
    if (status != 200) {
      throw new IllegalStateException("PUT /configurations/" + id + " was answered " + status);
    }
  }

  /** Sends a write with the operator's token; returns the status. */
  private static int write(String method, int port, String path, String json) {
    try {
      return WRITER
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + TOKEN)
                  .method(method, HttpRequest.BodyPublishers.ofString(json))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String firstScraperId(ConfigurationCatalog catalog) {
    return catalog.all().stream()
        .filter(c -> c.collection().equals("rc-0") && c.type().wireName().equals("scraper"))
        .map(StoredConfiguration::id)
        .findFirst()
        .orElseThrow();
  }

  private static ServiceClient client(int port) {
    PeerLocator locator =
        new PeerLocator(
            new LocalDiscovery(),
            PeerOverrides.none().with("config-discovery", URI.create("http://127.0.0.1:" + port)));
    return new ServiceClient(locator, Optional.of(TOKEN), CallPolicy.DEFAULT);
  }

  private static Reconciler reconciler(ConfigurationCatalog catalog, Runtime runtime) {
    ServiceTemplate template =
        new ServiceTemplate(
            "scrapr/",
            "bench",
            "redis:7-alpine",
            List.of(),
            128L << 20,
            Optional.empty(),
            Map.of(),
            0.5,
            256L << 20,
            Optional.of(TOKEN));
    return new Reconciler(
        catalog,
        runtime,
        new SpecFactory(template, ScopedTokens::scraper),
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  private static String uptime() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (IOException e) {
      return Proc.load();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Proc.load();
    }
  }

  /** One round's time, config-discovery requests and runtime calls. */
  private record Round(
      String name, double millis, Requests.Count requests, String runtime, int configurations) {
    static Round of(
        String name, Requests requests, CountingRuntime runtime, Reconciler reconciler) {
      Requests.Count before = requests.count();
      Map<String, Integer> calls = runtime.calls();
      long t0 = System.nanoTime();
      ReconcileReport report = reconciler.reconcile();
      double millis = (System.nanoTime() - t0) / 1e6;
      return new Round(
          name,
          millis,
          requests.count().minus(before),
          runtime.since(calls),
          report.configurations().size());
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%s: %.1f ms; %d configurations; config-discovery %s; runtime %s",
          name,
          millis,
          configurations,
          requests,
          runtime);
    }
  }

  /** config-discovery's request counters, read from its /metrics. */
  private static final class Requests {
    private final int port;

    Requests(int port) {
      this.port = port;
    }

    record Count(long lists, long notModified, long claims) {
      Count minus(Count other) {
        return new Count(
            lists - other.lists, notModified - other.notModified, claims - other.claims);
      }

      @Override
      public String toString() {
        return (lists + claims)
            + " requests ("
            + lists
            + " list, of which "
            + notModified
            + " answered 304; "
            + claims
            + " claims)";
      }
    }

    Count count() {
      long lists = 0;
      long notModified = 0;
      long claims = 0;
      for (String line : Http.get(port, "/metrics").body().split("\n")) {
        if (!line.startsWith("http_server_requests_seconds_count{")) {
          continue;
        }
        long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        if (line.contains("route=\"/configurations\"") && line.contains("method=\"GET\"")) {
          lists += value;
          if (line.contains("status=\"304\"")) {
            notModified += value;
          }
        } else if (line.contains("route=\"/configurations/{id}/claim\"")) {
          claims += value;
        }
      }
      return new Count(lists, notModified, claims);
    }
  }

  /** A runtime that starts nothing: it remembers each spec and lists it as running. */
  private static final class CountingRuntime implements Runtime {
    private final Map<String, ServiceSpec> services = new LinkedHashMap<>();
    private int applies;
    private int removes;
    private int lists;

    @Override
    public synchronized void apply(ServiceSpec spec) {
      applies++;
      services.put(spec.name(), spec);
    }

    @Override
    public synchronized void remove(String serviceName) {
      removes++;
      services.remove(serviceName);
    }

    @Override
    public synchronized List<RunningService> list() {
      lists++;
      List<RunningService> running = new ArrayList<>();
      services.forEach(
          (name, spec) ->
              running.add(
                  new RunningService(
                      name,
                      spec.configId(),
                      spec.type(),
                      spec.collection(),
                      spec.specHash(),
                      1,
                      1,
                      Optional.empty(),
                      spec.redis().isPresent())));
      return running;
    }

    synchronized Map<String, Integer> calls() {
      return Map.of("apply", applies, "remove", removes, "list", lists);
    }

    String since(Map<String, Integer> before) {
      return String.format(
          Locale.ROOT,
          "%d list, %d apply, %d remove",
          lists - before.get("list"),
          applies - before.get("apply"),
          removes - before.get("remove"));
    }
  }

  private ReconcileBench() {}
}
