package io.scrapr.bench;

import io.scrapr.common.json.Json;
import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whole-collection freshness: a 1,000-page configuration with {@code ttl: 3600} is POSTed; the
 * gateway is watched until it serves every item the site holds, and again 10 s later (it must stay
 * whole). Before issue 9 the endpoint pulled the collection while it was filling and then waited a
 * ttl: the gateway served a fraction of it for the next hour.
 */
final class WholeCollectionBench {
  private static final int PAGES = 1000;
  private static final int PER_PAGE = 20;
  private static final long WAIT_NANOS = 120_000_000_000L;

  static void run(int runs) throws Exception {
    Report report = new Report("whole");
    report.line(
        String.format(
            Locale.ROOT,
            "method: the standalone mode in the bench JVM; TestSite %d pages x %d books (served by"
                + " the bench JVM); per run a new collection is POSTed (limit %d, ttl 3600, delayMs"
                + " 0); the gateway's total (GET /api/<c>?limit=1) is polled every 100 ms for up to"
                + " %d s; 'whole' = total equals the site's item count; checked again 10 s later;"
                + " %d runs, each on a fresh system",
            PAGES,
            PER_PAGE,
            PAGES,
            WAIT_NANOS / 1_000_000_000L,
            runs));
    List<Double> firstItem = new ArrayList<>();
    List<Double> whole = new ArrayList<>();
    int expected = PAGES * PER_PAGE;
    try (TestSite site = TestSite.start(0, PAGES, PER_PAGE)) {
      for (int run = 1; run <= runs; run++) {
        try (Standalone system = Systems.standalone()) {
          int cd = system.port("config-discovery");
          int gw = system.port("gateway");
          String collection = "whole-" + run;
          String config = Configs.forSite(collection, site.port(), PAGES, 3600, Optional.empty());
          long t0 = System.nanoTime();
          var r = Http.post(cd, "/configurations", config);
          if (r.statusCode() != 201) {
            throw new IllegalStateException("configuration refused: " + r.body());
          }
          double first = Double.NaN;
          double all = Double.NaN;
          long served = 0;
          while (System.nanoTime() - t0 < WAIT_NANOS) {
            served = total(gw, collection);
            double now = (System.nanoTime() - t0) / 1e9;
            if (served > 0 && Double.isNaN(first)) {
              first = now;
            }
            if (served >= expected) {
              all = now;
              break;
            }
            Thread.sleep(100);
          }
          Thread.sleep(10_000);
          long later = total(gw, collection);
          firstItem.add(first);
          whole.add(all);
          report.line(
              String.format(
                  Locale.ROOT,
                  "run %d: first item after %.2f s; whole (%d items) after %s; served %d at the"
                      + " end of the wait and %d ten seconds later; %s",
                  run,
                  first,
                  expected,
                  Double.isNaN(all)
                      ? "never within the wait"
                      : String.format(Locale.ROOT, "%.2f s", all),
                  served,
                  later,
                  Proc.load()));
        }
      }
    }
    report.line("POST -> first item at the gateway, s: " + Stats.summary(firstItem, "%.2f"));
    report.line("POST -> whole collection at the gateway, s: " + Stats.summary(whole, "%.2f"));
  }

  private static long total(int gateway, String collection) throws Exception {
    var response = Http.get(gateway, "/api/" + collection + "?limit=1");
    if (response.statusCode() != 200) {
      return 0;
    }
    return Json.mapper().readTree(response.body()).path("total").asLong();
  }

  private WholeCollectionBench() {}
}
