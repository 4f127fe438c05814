package io.scrapr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scraper: 1, then 4 configurations posted together on a local 1,000-page site, delay 0; the
 * scrapers' own run reports (notify) give pages, items, start and end.
 */
final class ScraperBench {
  static void run(int runs, int itemsPerPage) throws Exception {
    Report report = new Report("scraper");
    report.line(
        "method: the standalone mode (Standalone.start) in the bench JVM, with TestSite (1,000"
            + " pages x "
            + itemsPerPage
            + " books, same JVM) as target; per run N configurations (limit 1000, delayMs 0,"
            + " robots false, ttl 3600) posted at once; each scraper's notify report gives"
            + " startedAt/finishedAt/pages/items; rate = sum(pages) / (max finishedAt - min"
            + " startedAt); "
            + runs
            + " runs of N=1 and N=4, alternating");
    List<Double> pages1 = new ArrayList<>();
    List<Double> items1 = new ArrayList<>();
    List<Double> pages4 = new ArrayList<>();
    List<Double> items4 = new ArrayList<>();
    try (TestSite site = TestSite.start(0, 1000, itemsPerPage);
        NotifyReceiver notify = new NotifyReceiver();
        Standalone system = Systems.standalone()) {
      int cd = system.port("config-discovery");
      int seq = 0;
      for (int run = 1; run <= runs; run++) {
        for (int n : new int[] {1, 4}) {
          int before = notify.reports().size();
          for (int i = 0; i < n; i++) {
            seq++;
            var r =
                Http.post(
                    cd,
                    "/configurations",
                    Configs.forSite(
                        "scrape-" + seq, site.port(), 1000, 3600, Optional.of(notify.url())));
            if (r.statusCode() != 201) {
              throw new IllegalStateException("configuration refused: " + r.body());
            }
          }
          long until = System.nanoTime() + 600_000_000_000L;
          while (notify.reports().size() < before + n && System.nanoTime() < until) {
            Thread.sleep(200);
          }
          List<JsonNode> mine = notify.reports().subList(before, notify.reports().size());
          Instant start = Instant.MAX;
          Instant end = Instant.MIN;
          long pages = 0;
          long items = 0;
          for (JsonNode rep : mine) {
            Instant s = Instant.parse(rep.path("startedAt").asText());
            Instant e = Instant.parse(rep.path("finishedAt").asText());
            start = s.isBefore(start) ? s : start;
            end = e.isAfter(end) ? e : end;
            pages += rep.path("pages").asLong();
            items += rep.path("items").asLong();
          }
          double secs = (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
          double pps = pages / secs;
          double ips = items / secs;
          (n == 1 ? pages1 : pages4).add(pps);
          (n == 1 ? items1 : items4).add(ips);
          report.line(
              String.format(
                  Locale.ROOT,
                  "run %d, %d scraper(s): %d reports, %d pages, %d items in %.2f s => %.1f pages/s,"
                      + " %.0f items/s; errors in reports: %s; JVM RSS %.0f MiB; %s",
                  run,
                  n,
                  mine.size(),
                  pages,
                  items,
                  secs,
                  pps,
                  ips,
                  mine.stream().mapToInt(m -> m.path("errors").size()).sum(),
                  Proc.selfRssMib(),
                  Proc.load()));
        }
      }
    }
    report.line("1 scraper pages/s: " + Stats.summary(pages1, "%.1f"));
    report.line("1 scraper items/s: " + Stats.summary(items1, "%.0f"));
    report.line("4 scrapers pages/s (sum): " + Stats.summary(pages4, "%.1f"));
    report.line("4 scrapers items/s (sum): " + Stats.summary(items4, "%.0f"));
  }

  private ScraperBench() {}
}
