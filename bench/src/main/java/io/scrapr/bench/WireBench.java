package io.scrapr.bench;

import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The wire: the endpoint and the gateway side by side with nginx serving the very same bytes as
 * static files, the servers on core 0 and wrk -t1 -c64 on core 1, so the ratio to nginx says how
 * far the read path is from the wire's speed on one core. Every case once per round, rounds
 * repeated; each ratio is taken within its round.
 */
final class WireBench {
  private static final int SERVER_CORE = 0;
  private static final int WRK_CORE = 1;
  private static final int CONNECTIONS = 64;
  private static final long SETTLE_MILLIS = 2000;

  /** One wrk target; {@code group} names the nginx case it is compared with. */
  private record Case(String name, String url, Optional<String> etag, String group) {}

  static void run(int rounds, int seconds, String luaScript) throws Exception {
    Report report = new Report("wire");
    report.line("uptime before: " + Cores.uptime());
    report.line(Cores.pinSelf(SERVER_CORE));
    report.line(
        "method: standalone stack in the bench JVM pinned to core "
            + SERVER_CORE
            + "; nginx (worker_processes 1, access_log off, sendfile) pinned to core "
            + SERVER_CORE
            + " serving the endpoint's exact bytes as static files; taskset -c "
            + WRK_CORE
            + " wrk -t1 -c"
            + CONNECTIONS
            + " -d"
            + seconds
            + "s --latency; a collection of 1,000 items POSTed to the datasource, its"
            + " scraper matching nothing so the ETag stays put; "
            + rounds
            + " rounds, each runs every case once; If-None-Match via "
            + luaScript
            + "; ratio = req/s / nginx's req/s for the same bytes in the same round");
    Path dir = Files.createTempDirectory("bench-wire");
    try (TestSite site = TestSite.start(0, 1, 10);
        Standalone system =
            Systems.standalone(dir, Map.of("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32"), true)) {
      int ep = BookCollection.serve(system, site, "books");
      BookCollection.awaitGateway(system, "books");
      int gw = system.port("gateway");
      byte[] page100 = body(ep, "/?limit=100");
      byte[] page1000 = body(ep, "/?limit=1000");
      checkSame(report, "gateway ?limit=100", page100, body(gw, "/api/books?limit=100"));
      checkSame(report, "gateway ?limit=1000", page1000, body(gw, "/api/books?limit=1000"));
      report.line(
          "bytes: 100-item page " + page100.length + ", 1,000-item page " + page1000.length);
      try (Nginx nginx =
          Nginx.serve(Map.of("page100.json", page100, "page1000.json", page1000), SERVER_CORE)) {
        checkSame(report, "nginx page100.json", page100, nginx.get("page100.json").body());
        checkSame(report, "nginx page1000.json", page1000, nginx.get("page1000.json").body());
        String epTag = etag(ep, "/?limit=100");
        List<Case> cases =
            List.of(
                new Case("nginx 100", nginx.url("page100.json"), Optional.empty(), "100"),
                new Case("endpoint 100", url(ep, "/?limit=100"), Optional.empty(), "100"),
                new Case("gateway 100", url(gw, "/api/books?limit=100"), Optional.empty(), "100"),
                new Case("nginx 1000", nginx.url("page1000.json"), Optional.empty(), "1000"),
                new Case("endpoint 1000", url(ep, "/?limit=1000"), Optional.empty(), "1000"),
                new Case(
                    "gateway 1000", url(gw, "/api/books?limit=1000"), Optional.empty(), "1000"),
                new Case(
                    "nginx 100 If-None-Match (304)",
                    nginx.url("page100.json"),
                    Optional.of(nginx.get("page100.json").headers().firstValue("ETag").get()),
                    "304"),
                new Case(
                    "endpoint 100 If-None-Match (304)",
                    url(ep, "/?limit=100"),
                    Optional.of(epTag),
                    "304"),
                new Case(
                    "gateway 100 If-None-Match (304)",
                    url(gw, "/api/books?limit=100"),
                    Optional.of(etag(gw, "/api/books?limit=100")),
                    "304"));
        String only = System.getProperty("bench.wire.only", "");
        PinnedWrk wrk = new PinnedWrk(WRK_CORE, CONNECTIONS, seconds, luaScript);
        // The servers' JIT shares core 0 with them: one unreported pass first, so round 1 is
        // not the JVM warming up.
        int warmup = Integer.getInteger("bench.wire.warmupSeconds", seconds);
        if (warmup > 0) {
          PinnedWrk warm = new PinnedWrk(WRK_CORE, CONNECTIONS, warmup, luaScript);
          for (Case c : cases) {
            if (!c.name().startsWith("nginx") && (only.isEmpty() || c.name().matches(only))) {
              report.line("warm-up " + c.name() + ": " + warm.run(c.url(), c.etag()).format());
            }
          }
        }
        Map<String, List<PinnedWrk.Result>> results = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
          report.line("round " + round + ": " + Cores.uptime());
          Map<String, Double> limit = new LinkedHashMap<>();
          for (Case c : cases) {
            if (!only.isEmpty() && !c.name().matches(only)) {
              continue;
            }
            // A pause first, so JIT compilation or a collection the last case left behind does
            // not run on the server core during this one.
            Thread.sleep(SETTLE_MILLIS);
            PinnedWrk.Result r = wrk.run(c.url(), c.etag());
            results.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(r);
            String ratio = "";
            if (c.name().startsWith("nginx")) {
              limit.put(c.group(), r.rps());
            } else if (limit.containsKey(c.group())) {
              double x = r.rps() / limit.get(c.group());
              ratios.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(x);
              ratio = String.format(Locale.ROOT, ", %.0f %% of nginx", 100 * x);
            }
            report.line("round " + round + " " + c.name() + ": " + r.format() + ratio);
          }
        }
        if (!epTag.equals(etag(ep, "/?limit=100"))) {
          report.line("WARNING: the endpoint's ETag changed during the run; 304 figures mixed");
        }
        table(report, results, ratios);
      }
    } finally {
      deleteTree(dir);
    }
    report.line("uptime after: " + Cores.uptime());
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void table(
      Report report,
      Map<String, List<PinnedWrk.Result>> results,
      Map<String, List<Double>> ratios) {
    report.line(
        "goals: endpoint ≥ 50 % of nginx for 100 and 1,000 items with p99 ≤ 10 ms, 304 ≥ 70 %;"
            + " gateway ≥ 40 %");
    report.line("| case | req/s | p50 ms | p99 ms | % of nginx |");
    report.line("|---|---|---|---|---|");
    for (var e : results.entrySet()) {
      List<Double> rps = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      for (PinnedWrk.Result r : e.getValue()) {
        rps.add(r.rps());
        p50.add(r.p50ms());
        p99.add(r.p99ms());
      }
      List<Double> pct =
          ratios.getOrDefault(e.getKey(), List.of()).stream().map(x -> 100 * x).toList();
      report.line(
          "| "
              + e.getKey()
              + " | "
              + Stats.summary(rps, "%.0f")
              + " | "
              + Stats.summary(p50, "%.2f")
              + " | "
              + Stats.summary(p99, "%.2f")
              + " | "
              + (pct.isEmpty() ? "–" : Stats.summary(pct, "%.0f"))
              + " |");
    }
  }

  private static void checkSame(Report report, String what, byte[] expected, byte[] actual) {
    if (!Arrays.equals(expected, actual)) {
      report.line(
          "NOTE: "
              + what
              + " is not the endpoint's bytes ("
              + actual.length
              + " bytes, the endpoint's "
              + expected.length
              + ")");
    }
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static String url(int port, String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static HttpResponse<byte[]> get(int port, String path) throws Exception {
    HttpResponse<byte[]> r =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create(url(port, path)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url(port, path) + " answered " + r.statusCode());
    }
    return r;
  }

  private static byte[] body(int port, String path) throws Exception {
    return get(port, path).body();
  }

  private static String etag(int port, String path) throws Exception {
    return get(port, path)
        .headers()
        .firstValue("ETag")
        .orElseThrow(() -> new IllegalStateException(url(port, path) + " sent no ETag"));
  }

  private WireBench() {}
}
