package io.scrapr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.common.json.Json;
import io.scrapr.standalone.Standalone;
import io.scrapr.testkit.site.TestSite;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Footprint: start-to-healthy and VmRSS of the standalone JVM (idle, under load) and of a scraper
 * and an endpoint started alone as their own JVMs.
 */
final class FootprintBench {
  static final List<String> STANDALONE_OPTS = List.of("-XX:+UseSerialGC", "-Xss512k");

  /**
   * The Dockerfiles' JAVA_OPTS, or {@code -Dbench.serviceOpts="..."} (comma- or space-separated).
   */
  static final List<String> SERVICE_OPTS =
      List.of(
          System.getProperty(
                  "bench.serviceOpts",
                  "-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -Xss512k"
                      + " -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m"
                      + " -XX:+ExitOnOutOfMemoryError")
              .trim()
              .split("[\\s,]+"));

  /** {@code -Dbench.aloneOnly=true}: only the services alone, not the standalone JVM. */
  private static final boolean ALONE_ONLY = Boolean.getBoolean("bench.aloneOnly");

  static void run(int runs, String luaScript) throws Exception {
    Report report = new Report("footprint");
    report.line(
        "method: child JVMs from standalone/target (the jar + lib); standalone with the scrapr"
            + " script's options "
            + STANDALONE_OPTS
            + ", services alone with the Dockerfiles' JAVA_OPTS "
            + SERVICE_OPTS
            + " (no container limit here: MaxRAMPercentage applies to the host's 24 GB);"
            + " start-to-healthy = process start .. every /health 200 (polled every 50 ms); RSS ="
            + " VmRSS from /proc/<pid>/status, 'load' = max of samples every 200 ms; "
            + runs
            + " runs");
    List<Double> start = new ArrayList<>();
    List<Double> idle = new ArrayList<>();
    List<Double> loaded = new ArrayList<>();
    List<Double> scStart = new ArrayList<>();
    List<Double> scLoad = new ArrayList<>();
    List<Double> scAfter = new ArrayList<>();
    List<Double> epStart = new ArrayList<>();
    List<Double> epIdle = new ArrayList<>();
    List<Double> epLoad = new ArrayList<>();
    try (TestSite site = TestSite.start(0, 1000, 20)) {
      for (int run = 1; run <= runs; run++) {
        if (!ALONE_ONLY) {
          standalone(report, run, site, luaScript, start, idle, loaded);
        }
        alone(report, run, site, luaScript, scStart, scLoad, scAfter, epStart, epIdle, epLoad);
      }
    }
    report.line("| JVM | start-to-healthy s | RSS idle MiB | RSS under load MiB |");
    report.line("|---|---|---|---|");
    report.line(row("standalone (all services)", start, idle, "", loaded, ""));
    report.line(
        row(
            "scraper alone",
            scStart,
            scAfter,
            " (after its scrape)",
            scLoad,
            " (1,000-page scrape)"));
    report.line(row("endpoint alone", epStart, epIdle, "", epLoad, " (wrk -c64 10 s)"));
  }

  /** One row of the footprint table: start-to-healthy seconds, then idle and loaded RSS. */
  private static String row(
      String jvm,
      List<Double> start,
      List<Double> idle,
      String idleNote,
      List<Double> load,
      String loadNote) {
    return "| "
        + jvm
        + " | "
        + Stats.summary(start, "%.2f")
        + " | "
        + Stats.summary(idle, "%.0f")
        + idleNote
        + " | "
        + Stats.summary(load, "%.0f")
        + loadNote
        + " |";
  }

  private static void standalone(
      Report report,
      int run,
      TestSite site,
      String lua,
      List<Double> start,
      List<Double> idle,
      List<Double> loaded)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("SCRAPR_DATA_DIR", Files.createTempDirectory("bench-fp").toString());
    env.put("SCRAPR_CONFIG_DISCOVERY_PORT", "0");
    env.put("SCRAPR_DATASOURCE_PORT", "0");
    env.put("SCRAPR_ORCHESTRATOR_PORT", "0");
    env.put("SCRAPR_GATEWAY_PORT", "0");
    env.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
    long t0 = System.nanoTime();
    try (Child child =
        new Child(STANDALONE_OPTS, "io.scrapr.standalone.Standalone", List.of("run"), env)) {
      Map<String, Integer> ports = new HashMap<>();
      Pattern p = Pattern.compile("^\\s+(\\S+)\\s+http://localhost:(\\d+)/");
      long until = t0 + 120_000_000_000L;
      double healthy = Double.NaN;
      while (System.nanoTime() < until && child.alive()) {
        for (String line : child.lines()) {
          Matcher m = p.matcher(line);
          if (m.find()) {
            ports.put(m.group(1), Integer.parseInt(m.group(2)));
          }
        }
        if (ports.size() >= 4
            && ports.values().stream().allMatch(port -> Http.status(port, "/health") == 200)) {
          healthy = (System.nanoTime() - t0) / 1e9;
          break;
        }
        Thread.sleep(50);
      }
      if (Double.isNaN(healthy)) {
        report.line("standalone run " + run + " never became healthy; last lines: " + tail(child));
        return;
      }
      Thread.sleep(10_000);
      double idleRss = Proc.rssMib(child.pid());
      // Load: a 1,000-page scrape, 20 s of POST /items, and wrk on the gateway, together.
      int cd = ports.get("config-discovery");
      int ds = ports.get("datasource");
      int gw = ports.get("gateway");
      Http.post(
          cd,
          "/configurations",
          Configs.forSite("load", site.port(), 1000, 3600, Optional.empty()));
      AtomicBoolean sampling = new AtomicBoolean(true);
      double[] max = {0};
      Thread sampler =
          new Thread(
              () -> {
                while (sampling.get()) {
                  max[0] = Math.max(max[0], Proc.rssMib(child.pid()));
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-rss-sampler");
      sampler.start();
      long postUntil = System.nanoTime() + 20_000_000_000L;
      Thread poster =
          new Thread(
              () -> {
                long b = 0;
                while (System.nanoTime() < postUntil) {
                  Http.post(ds, "/items", IngestBench.batchJson("ingest", b++));
                }
              },
              "bench-poster");
      poster.start();
      long waitEp = System.nanoTime() + 60_000_000_000L;
      while (Http.status(gw, "/api/load?limit=100") != 200 && System.nanoTime() < waitEp) {
        Thread.sleep(200);
      }
      Wrk.Result w =
          Wrk.run("http://127.0.0.1:" + gw + "/api/load?limit=100", 10, Optional.empty(), lua);
      poster.join();
      sampling.set(false);
      sampler.join();
      start.add(healthy);
      idle.add(idleRss);
      loaded.add(max[0]);
      report.line(
          String.format(
              Locale.ROOT,
              "standalone run %d: healthy after %.2f s; RSS idle %.0f MiB; under load max %.0f MiB"
                  + " (gateway under that load: %s); %s",
              run,
              healthy,
              idleRss,
              max[0],
              Wrk.format(w),
              Proc.load()));
    }
  }

  private static void alone(
      Report report,
      int run,
      TestSite site,
      String lua,
      List<Double> scStart,
      List<Double> scLoad,
      List<Double> scAfter,
      List<Double> epStart,
      List<Double> epIdle,
      List<Double> epLoad)
      throws Exception {
    try (NotifyReceiver notify = new NotifyReceiver();
        Standalone system =
            Systems.standalone(
                Files.createTempDirectory("bench-alone"),
                Map.of("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32"),
                false)) {
      int cd = system.port("config-discovery");
      int ds = system.port("datasource");
      String collection = "alone-" + run;
      Http.post(
          cd,
          "/configurations",
          Configs.forSite(collection, site.port(), 1000, 3600, Optional.of(notify.url())));
      String scraperId = configId(cd, "scraper", collection);
      String endpointId = configId(cd, "endpoint", collection);
      Map<String, String> env = new HashMap<>();
      env.put("SCRAPR_REDIS_URL", system.redisUrl());
      env.put("SCRAPR_CONFIG_DISCOVERY_URL", "http://127.0.0.1:" + cd);
      env.put("SCRAPR_DATASOURCE_URL", "http://127.0.0.1:" + ds);
      env.put("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/32");
      env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
      int scPort = freePort();
      env.put("SCRAPR_PORT", Integer.toString(scPort));
      env.put("SCRAPR_CONFIG_ID", scraperId);
      long t0 = System.nanoTime();
      try (Child scraper = new Child(SERVICE_OPTS, "io.scrapr.scraper.Scraper", List.of(), env)) {
        double healthy = waitHealthy(scPort, t0, scraper);
        double max = 0;
        long until = System.nanoTime() + 300_000_000_000L;
        while (notify.reports().isEmpty() && System.nanoTime() < until && scraper.alive()) {
          max = Math.max(max, Proc.rssMib(scraper.pid()));
          Thread.sleep(200);
        }
        Thread.sleep(10_000);
        double after = Proc.rssMib(scraper.pid());
        JsonNode rep = notify.reports().isEmpty() ? null : notify.reports().get(0);
        scStart.add(healthy);
        scLoad.add(max);
        scAfter.add(after);
        report.line(
            String.format(
                Locale.ROOT,
                "scraper alone run %d: healthy after %.2f s; RSS max during the scrape %.0f MiB;"
                    + " 10 s after it %.0f MiB; report: %s; %s",
                run,
                healthy,
                max,
                after,
                rep == null
                    ? "none: " + tail(scraper)
                    : rep.path("pages") + " pages, " + rep.path("items") + " items",
                Proc.load()));
      }
      int epPort = freePort();
      env.put("SCRAPR_PORT", Integer.toString(epPort));
      env.put("SCRAPR_CONFIG_ID", endpointId);
      long t1 = System.nanoTime();
      try (Child endpoint =
          new Child(SERVICE_OPTS, "io.scrapr.endpoint.Endpoint", List.of(), env)) {
        double healthy = waitHealthy(epPort, t1, endpoint);
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until
            && Http.get(epPort, "/?limit=1").body().contains("\"total\":0")) {
          Thread.sleep(200);
        }
        Thread.sleep(5_000);
        double idleRss = Proc.rssMib(endpoint.pid());
        AtomicBoolean sampling = new AtomicBoolean(true);
        double[] max = {0};
        Thread sampler =
            new Thread(
                () -> {
                  while (sampling.get()) {
                    max[0] = Math.max(max[0], Proc.rssMib(endpoint.pid()));
                    try {
                      Thread.sleep(200);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                },
                "bench-rss-sampler");
        sampler.start();
        Wrk.Result w =
            Wrk.run("http://127.0.0.1:" + epPort + "/?limit=100", 10, Optional.empty(), lua);
        sampling.set(false);
        sampler.join();
        epStart.add(healthy);
        epIdle.add(idleRss);
        epLoad.add(max[0]);
        report.line(
            String.format(
                Locale.ROOT,
                "endpoint alone run %d: healthy after %.2f s; RSS idle %.0f MiB; under wrk max %.0f"
                    + " MiB (%s); %s",
                run,
                healthy,
                idleRss,
                max[0],
                Wrk.format(w),
                Proc.load()));
      }
    }
  }

  private static double waitHealthy(int port, long t0, Child child) throws InterruptedException {
    long until = t0 + 120_000_000_000L;
    while (System.nanoTime() < until && child.alive()) {
      if (Http.status(port, "/health") == 200) {
        return (System.nanoTime() - t0) / 1e9;
      }
      Thread.sleep(50);
    }
    return Double.NaN;
  }

  private static String configId(int cd, String type, String collection) throws Exception {
    long until = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < until) {
      JsonNode list =
          Json.mapper()
              .readTree(
                  Http.get(cd, "/configurations?type=" + type + "&collection=" + collection)
                      .body());
      if (list.size() > 0) {
        return list.get(0).path("id").asText();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no " + type + " configuration for " + collection);
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(Child child) {
    List<String> lines = child.lines();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private FootprintBench() {}
}
