package io.scrapr.bench;

import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Freshness: seconds from POST /configurations to the first item at the gateway, standalone. */
final class FreshnessBench {
  static void run(int runs) throws Exception {
    Report report = new Report("freshness");
    report.line(
        "method: the standalone mode (Standalone.start) in the bench JVM; TestSite 1 page x 10"
            + " books; per run a new collection is POSTed (limit 1, delayMs 0) and"
            + " GET /api/<collection>?limit=1 on the gateway is polled every 20 ms until total > 0;"
            + " "
            + runs
            + " runs on one running system");
    List<Double> secs = new ArrayList<>();
    try (TestSite site = TestSite.start(0, 1, 10);
        Standalone system = Systems.standalone()) {
      int cd = system.port("config-discovery");
      int gw = system.port("gateway");
      for (int run = 1; run <= runs; run++) {
        String collection = "fresh-" + run;
        long t0 = System.nanoTime();
        var r =
            Http.post(
                cd,
                "/configurations",
                Configs.forSite(collection, site.port(), 1, 3600, Optional.empty()));
        if (r.statusCode() != 201) {
          throw new IllegalStateException("configuration refused: " + r.body());
        }
        long until = t0 + 120_000_000_000L;
        double s = Double.NaN;
        while (System.nanoTime() < until) {
          var g = Http.get(gw, "/api/" + collection + "?limit=1");
          if (g.statusCode() == 200 && !g.body().contains("\"total\":0")) {
            s = (System.nanoTime() - t0) / 1e9;
            break;
          }
          Thread.sleep(20);
        }
        secs.add(s);
        report.line(String.format(Locale.ROOT, "run %d: %.2f s; %s", run, s, Proc.load()));
      }
    }
    report.line("POST -> first item at the gateway, standalone, s: " + Stats.summary(secs, "%.2f"));
  }

  private FreshnessBench() {}
}
