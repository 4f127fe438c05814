package io.scrapr.bench;

import io.javalin.http.Context;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.StubServer;
import io.scrapr.testkit.redis.TestRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A collection of 10k, 100k and 1M items (~200 bytes each) served by a stub datasource that makes
 * its pages on the fly, read by an endpoint started as its own JVM with the Dockerfile's JAVA_OPTS:
 * the refresh time, the endpoint's heap and RSS after the refresh and after paging through it all,
 * Redis's memory, and req/s for a first and a deep page.
 */
final class BigCollectionBench {
  /** {@code -Dbench.sizes=10000,100000}: the sizes to run, 10k, 100k and 1M by default. */
  private static final int[] SIZES =
      java.util.Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000").split(","))
          .mapToInt(v -> Integer.parseInt(v.trim()))
          .toArray();

  private static final String COLLECTION = "big";
  private static final String CONFIG_ID = "000000000000000000000b19";
  private static final int PAGE_THROUGH_LIMIT = 1000;
  private static final int WRK_SECONDS = Integer.getInteger("bench.seconds", 10);

  /**
   * {@code -Dbench.endpointImage=scrapr/endpoint:test}: the endpoint runs in its image (its
   * JAVA_OPTS, class-data sharing, MALLOC_ARENA_MAX) under a memory limit of {@code
   * -Dbench.endpointMemory} (default 256m), instead of as a child JVM.
   */
  private static final String IMAGE = System.getProperty("bench.endpointImage", "");

  private static final String IMAGE_MEMORY = System.getProperty("bench.endpointMemory", "256m");

  private BigCollectionBench() {}

  static void run(int runs) throws Exception {
    // -Dbench.extraOpts=-XX:MaxRAM=256m: the JVM sized as in a container of that memory limit.
    List<String> opts = new java.util.ArrayList<>(dockerfileOpts());
    for (String extra : System.getProperty("bench.extraOpts", "").trim().split("[\\s,]+")) {
      if (!extra.isEmpty()) {
        opts.add(extra);
      }
    }
    Report report = new Report("bigcollection");
    report.line(
        "method: per size a fresh redis-server (embedded-redis) and a stub datasource in the bench"
            + " JVM (pages of 10,000 made on the fly, one version, ~200-byte items); the endpoint "
            + (IMAGE.isEmpty()
                ? "a child JVM with the Dockerfile's JAVA_OPTS "
                    + opts
                    + " (no container limit here, so MaxRAMPercentage applies to the host's RAM)"
                : "in its image "
                    + IMAGE
                    + " under --memory "
                    + IMAGE_MEMORY
                    + " (its own JAVA_OPTS)")
            + " and default chunk settings; refresh = first page asked of the datasource .. GET"
            + " /?limit=1 shows the total (polled every 50 ms); heap = max of jvm_memory_used_bytes"
            + " {area=heap} summed, sampled from /metrics every 100 ms; RSS = VmRSS, peak = VmHWM"
            + " (/proc/<pid>/status); page-through = GET /?offset=k&limit=1000 for every k, one"
            + " client; wrk -t2 -c64 "
            + WRK_SECONDS
            + " s on /?limit=100 (first) and /?offset=size-100&limit=100 (deep); "
            + runs
            + " run(s); "
            + Proc.load());
    report.line(
        "| items | refresh s | heap peak MiB (refresh / paging) | RSS after refresh MiB (peak;"
            + " anonymous) | RSS after paging MiB (peak; anonymous) | page-through pages/s | Redis used MiB | first page"
            + " req/s | deep page req/s |");
    report.line("|---|---|---|---|---|---|---|---|---|");
    for (int size : SIZES) {
      for (int run = 1; run <= runs; run++) {
        report.line(one(size, opts));
      }
    }
  }

  private static String one(int size, List<String> opts) throws Exception {
    AtomicLong firstPage = new AtomicLong();
    try (TestRedis redis = TestRedis.start();
        StubServer datasource =
            StubServer.start(
                routes -> routes.get("/collections/{name}", ctx -> page(ctx, size, firstPage)));
        StubServer configs =
            StubServer.start(
                routes -> routes.get("/configurations/{id}", BigCollectionBench::configuration))) {
      int port = freePort();
      Map<String, String> env = new HashMap<>();
      env.put("SCRAPR_PORT", Integer.toString(port));
      env.put("SCRAPR_CONFIG_ID", CONFIG_ID);
      env.put("SCRAPR_REDIS_URL", redis.url());
      env.put("SCRAPR_CONFIG_DISCOVERY_URL", configs.uri().toString());
      env.put("SCRAPR_DATASOURCE_URL", datasource.uri().toString());
      env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
      try (Child endpoint =
          IMAGE.isEmpty()
              ? new Child(opts, "io.scrapr.endpoint.Endpoint", List.of(), env)
              : Child.container(IMAGE, IMAGE_MEMORY, env)) {
        HeapSampler heap = new HeapSampler(port);
        heap.start();
        long until = System.nanoTime() + 900_000_000_000L;
        while (System.nanoTime() < until && endpoint.alive() && total(port) != size) {
          Thread.sleep(50);
        }
        double refresh = (System.nanoTime() - firstPage.get()) / 1e9;
        if (!endpoint.alive() || total(port) != size) {
          heap.stop();
          return "| " + size + " | failed: " + String.join(" / ", tail(endpoint)) + " |";
        }
        double refreshHeap = heap.stop();
        double rssRefresh = Proc.rssMib(endpoint.pid());
        double hwmRefresh = statusMib(endpoint.pid(), "VmHWM:");
        double anonRefresh = statusMib(endpoint.pid(), "RssAnon:");
        HeapSampler pagingHeap = new HeapSampler(port);
        pagingHeap.start();
        long t0 = System.nanoTime();
        int pages = 0;
        for (int offset = 0; offset < size; offset += PAGE_THROUGH_LIMIT) {
          long p0 = System.nanoTime();
          var r = Http.get(port, "/?offset=" + offset + "&limit=" + PAGE_THROUGH_LIMIT);
          if (pages < 20 || pages % 100 == 0) {
            System.out.printf(
                Locale.ROOT, "page at %d: %.1f ms%n", offset, (System.nanoTime() - p0) / 1e6);
          }
          if (r.statusCode() != 200) {
            throw new IllegalStateException("page at " + offset + " answered " + r.statusCode());
          }
          pages++;
        }
        double pagesPerSecond = pages / ((System.nanoTime() - t0) / 1e9);
        double pagingPeak = pagingHeap.stop();
        double rssPaging = Proc.rssMib(endpoint.pid());
        double hwmPaging = statusMib(endpoint.pid(), "VmHWM:");
        double anonPaging = statusMib(endpoint.pid(), "RssAnon:");
        double redisMib;
        try (UnifiedJedis jedis = RedisClient.create("127.0.0.1", redis.port())) {
          redisMib = usedMemory(jedis.info("memory")) / 1048576.0;
        }
        String base = "http://127.0.0.1:" + port;
        Wrk.Result first = Wrk.run(base + "/?limit=100", WRK_SECONDS, Optional.empty(), "");
        Wrk.Result deep =
            Wrk.run(
                base + "/?offset=" + (size - 100) + "&limit=100",
                WRK_SECONDS,
                Optional.empty(),
                "");
        return String.format(
            Locale.ROOT,
            "| %,d | %.1f | %.0f / %.0f | %.0f (%.0f; anon %.0f) | %.0f (%.0f; anon %.0f) | %.0f | %.0f"
                + " | %s | %s |",
            size,
            refresh,
            refreshHeap,
            pagingPeak,
            rssRefresh,
            hwmRefresh,
            anonRefresh,
            rssPaging,
            hwmPaging,
            anonPaging,
            pagesPerSecond,
            redisMib,
            Wrk.format(first),
            Wrk.format(deep));
      }
    }
  }

  /** A datasource page, made on the fly: one version for the whole run. */
  private static void page(Context ctx, int size, AtomicLong firstPage) {
    int limit = Integer.parseInt(Optional.ofNullable(ctx.queryParam("limit")).orElse("1000"));
    int offset = Integer.parseInt(Optional.ofNullable(ctx.queryParam("offset")).orElse("0"));
    if ("\"1\"".equals(ctx.header("If-None-Match"))) {
      ctx.status(304).header("ETag", "\"1\"");
      return;
    }
    if (limit > 0 && offset == 0) {
      firstPage.compareAndSet(0, System.nanoTime());
    }
    StringBuilder body = new StringBuilder(64 + Math.min(limit, size) * 220);
    body.append("{\"name\":\"")
        .append(COLLECTION)
        .append("\",\"count\":")
        .append(size)
        .append(",\"updatedAt\":\"2026-11-20T10:00:00Z\",\"version\":\"1\",\"items\":[");
    int to = Math.min(size, offset + limit);
    for (int i = offset; i < to; i++) {
      if (i > offset) {
        body.append(',');
      }
      int n = i + 1;
      body.append("{\"title\":\"Book number ")
          .append(n)
          .append("\",\"url\":\"https://books.example/catalogue/book-")
          .append(n)
          .append("/index.html\",\"price\":\"£")
          .append(n % 100)
          .append(".99\",\"tags\":[\"fiction\",\"new\"],\"stock\":")
          .append(n % 23)
          .append(",\"firstSeen\":\"2026-11-20T09:00:00Z\",\"lastSeen\":\"2026-11-20T10:00:00Z\"}");
    }
    body.append("]}");
    ctx.header("ETag", "\"1\"")
        .contentType("application/json")
        .result(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void configuration(Context ctx) {
    Instant now = Instant.parse("2026-11-20T09:00:00Z");
    StoredConfiguration stored =
        new StoredConfiguration(
            CONFIG_ID,
            ConfigurationType.ENDPOINT,
            COLLECTION,
            null,
            1,
            now,
            now,
            Json.mapper().createObjectNode().put("collection", COLLECTION).put("ttl", 3600));
    ctx.contentType("application/json").result(Json.write(stored));
  }

  /** The JAVA_OPTS of Dockerfiles/endpoint.Dockerfile, or the footprint section's when unread. */
  static List<String> dockerfileOpts() {
    try {
      Matcher m =
          Pattern.compile("JAVA_OPTS=\"([^\"]*)\"")
              .matcher(Files.readString(Path.of("Dockerfiles/endpoint.Dockerfile")));
      if (m.find()) {
        return List.of(m.group(1).trim().split("\\s+"));
      }
    } catch (IOException e) {
      // fall through
    }
    return FootprintBench.SERVICE_OPTS;
  }

  private static int total(int port) {
    try {
      var r = Http.get(port, "/?limit=1");
      if (r.statusCode() != 200) {
        return -1;
      }
      return Json.mapper().readTree(r.body()).path("total").asInt(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** A line of /proc/<pid>/status in MiB, e.g. {@code VmHWM:} or {@code RssAnon:}. */
  private static double statusMib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  private static long usedMemory(String info) {
    Matcher m = Pattern.compile("used_memory:(\\d+)").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** Prints the child's output to the log; returns its first lines that say what failed. */
  private static List<String> tail(Child child) {
    List<String> lines = child.lines();
    lines.forEach(line -> System.out.println("endpoint> " + line));
    List<String> failures =
        lines.stream()
            .filter(l -> !l.contains("|-") && (l.contains("ERROR") || l.contains("Exception")))
            .limit(2)
            .toList();
    return failures.isEmpty()
        ? lines.subList(Math.max(0, lines.size() - 3), lines.size())
        : failures;
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Samples the endpoint's heap in use from its /metrics, keeping the largest sum seen. */
  private static final class HeapSampler {
    private static final Pattern HEAP =
        Pattern.compile(
            "^jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)$", Pattern.MULTILINE);
    private final int port;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile double maxMib;
    private Thread thread;

    HeapSampler(int port) {
      this.port = port;
    }

    void start() {
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  sample();
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    /** Stops and returns the largest heap in use seen, in MiB. */
    double stop() throws InterruptedException {
      running.set(false);
      thread.join();
      sample();
      return maxMib;
    }

    private void sample() {
      try {
        var r = Http.get(port, "/metrics");
        if (r.statusCode() != 200) {
          return;
        }
        double bytes = 0;
        Matcher m = HEAP.matcher(r.body());
        while (m.find()) {
          bytes += Double.parseDouble(m.group(1));
        }
        maxMib = Math.max(maxMib, bytes / 1048576.0);
      } catch (RuntimeException e) {
        // not up yet
      }
    }
  }
}
