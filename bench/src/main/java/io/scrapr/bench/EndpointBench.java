package io.scrapr.bench;

import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoint: wrk -t2 -c64 on GET of a 100-item and a 1,000-item page, at the endpoint and at the
 * gateway, with and without If-None-Match; every case once per round, rounds repeated.
 */
final class EndpointBench {
  static void run(int rounds, int seconds, String luaScript) throws Exception {
    Report report = new Report("endpoint");
    report.line(
        "method: standalone stack in the bench JVM (wrk in its own process, same 2 cores); a"
            + " collection of 1,000 items (url, title, price) POSTed to the datasource, its"
            + " configuration's scraper matching nothing so the ETag stays put; wrk -t2 -c64 -d"
            + seconds
            + "s --latency; "
            + rounds
            + " rounds, each round runs every case once (interleaved); If-None-Match via "
            + luaScript);
    Path dir = Files.createTempDirectory("bench-endpoint");
    try (TestSite site = TestSite.start(0, 1, 10);
        Standalone system =
            Systems.standalone(dir, Map.of("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32"), true)) {
      int cd = system.port("config-discovery");
      int gw = system.port("gateway");
      int ds = system.port("datasource");
      // The items go straight to the datasource and the configuration's scraper finds nothing, so
      // the collection (and its ETag) stays the same while wrk runs.
      var accepted = Http.post(ds, "/items", IngestBench.batchJson("books", 0));
      if (accepted.statusCode() != 202) {
        throw new IllegalStateException("items refused: " + accepted.body());
      }
      long until = System.nanoTime() + 120_000_000_000L;
      while (IngestBench.reducedCount(ds, "books") < 1000 && System.nanoTime() < until) {
        Thread.sleep(100);
      }
      var posted =
          Http.post(
              cd,
              "/configurations",
              Configs.forSite("books", site.port(), 1, 3600, Optional.empty(), "div.none-such"));
      if (posted.statusCode() != 201) {
        throw new IllegalStateException("configuration refused: " + posted.body());
      }
      int ep = -1;
      while (System.nanoTime() < until) {
        Optional<Integer> port = system.endpointPort("books");
        if (port.isPresent()) {
          var r = Http.get(port.get(), "/?limit=1");
          if (r.statusCode() == 200 && r.body().contains("\"total\":1000")) {
            ep = port.get();
            break;
          }
        }
        Thread.sleep(200);
      }
      if (ep < 0) {
        throw new IllegalStateException("the endpoint never served 1,000 items");
      }
      Map<String, String> urls = new LinkedHashMap<>();
      urls.put("endpoint 100", "http://127.0.0.1:" + ep + "/?limit=100");
      urls.put("gateway 100", "http://127.0.0.1:" + gw + "/api/books?limit=100");
      urls.put("endpoint 1000", "http://127.0.0.1:" + ep + "/?limit=1000");
      urls.put("gateway 1000", "http://127.0.0.1:" + gw + "/api/books?limit=1000");
      Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        report.line("round " + round + ": " + Proc.load());
        for (var e : urls.entrySet()) {
          for (boolean inm : new boolean[] {false, true}) {
            Optional<String> etag = Optional.empty();
            if (inm) {
              String port = e.getValue().replaceAll(".*:(\\d+)/.*", "$1");
              String path = e.getValue().replaceAll("http://[^/]+", "");
              etag = Http.get(Integer.parseInt(port), path).headers().firstValue("ETag");
              if (etag.isEmpty()) {
                report.line(e.getKey() + ": no ETag header; If-None-Match case skipped");
                continue;
              }
            }
            String name = e.getKey() + (inm ? " If-None-Match (304)" : "");
            Wrk.Result r = Wrk.run(e.getValue(), seconds, etag, luaScript);
            results.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
            report.line(
                String.format(
                    Locale.ROOT,
                    "round %d %s: %s, non-2xx/3xx %d, timeouts %d",
                    round,
                    name,
                    Wrk.format(r),
                    r.non2xx(),
                    r.errors()));
          }
        }
      }
      report.line(
          "bench JVM RSS after the endpoint runs: " + Math.round(Proc.selfRssMib()) + " MiB");
      report.line("| case | req/s | p50 ms | p99 ms |");
      report.line("|---|---|---|---|");
      for (var e : results.entrySet()) {
        List<Double> rps = new ArrayList<>();
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        e.getValue()
            .forEach(
                r -> {
                  rps.add(r.rps());
                  p50.add(r.p50ms());
                  p99.add(r.p99ms());
                });
        report.line(
            "| "
                + e.getKey()
                + " | "
                + Stats.summary(rps, "%.0f")
                + " | "
                + Stats.summary(p50, "%.2f")
                + " | "
                + Stats.summary(p99, "%.2f")
                + " |");
      }
    }
  }

  private EndpointBench() {}
}
