package io.scrapr.bench;

import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Scale: 1, 10, 50 configurations in the standalone mode: time to all served, and memory. */
final class ScaleBench {
  static void run(int runs, int[] sizes) throws Exception {
    Report report = new Report("scale");
    report.line(
        "method: per run a fresh standalone mode (Standalone.start) in the bench JVM; N"
            + " configurations (TestSite 1 page x 10 books, ttl 60, delayMs 0) POSTed one after"
            + " the other; time = first POST .. every collection has items at the gateway;"
            + " memory = VmRSS of the JVM (bench + whole system; redis-server is a separate"
            + " process, not counted) and heap used after a GC; "
            + runs
            + " runs per N");
    try (TestSite site = TestSite.start(0, 1, 10)) {
      for (int n : sizes) {
        List<Double> times = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
          try (Standalone system = Systems.standalone()) {
            int cd = system.port("config-discovery");
            int gw = system.port("gateway");
            double idleRss = Proc.selfRssMib();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
              var r =
                  Http.post(
                      cd,
                      "/configurations",
                      Configs.forSite("scale-" + i, site.port(), 1, 60, Optional.empty()));
              if (r.statusCode() != 201) {
                throw new IllegalStateException("configuration refused: " + r.body());
              }
            }
            Set<Integer> served = new HashSet<>();
            long until = t0 + 300_000_000_000L;
            while (served.size() < n && System.nanoTime() < until) {
              for (int i = 0; i < n; i++) {
                if (!served.contains(i)) {
                  var g = Http.get(gw, "/api/scale-" + i + "?limit=1");
                  if (g.statusCode() == 200 && !g.body().contains("\"total\":0")) {
                    served.add(i);
                  }
                }
              }
              Thread.sleep(100);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double loadedRss = Proc.selfRssMib();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            double heapMib = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            times.add(secs);
            rss.add(loadedRss);
            heap.add(heapMib);
            report.line(
                String.format(
                    Locale.ROOT,
                    "N=%d run %d: %d/%d served after %.2f s; RSS %.0f MiB before, %.0f MiB with"
                        + " them; heap used after GC %.0f MiB; threads %d; %s",
                    n,
                    run,
                    served.size(),
                    n,
                    secs,
                    idleRss,
                    loadedRss,
                    heapMib,
                    Thread.activeCount(),
                    Proc.load()));
          }
        }
        report.line(
            "N="
                + n
                + ": time "
                + Stats.summary(times, "%.2f")
                + " s; RSS "
                + Stats.summary(rss, "%.0f")
                + " MiB; heap "
                + Stats.summary(heap, "%.0f")
                + " MiB");
      }
    }
  }

  private ScaleBench() {}
}
