package io.scrapr.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.scrapr.standalone.Standalone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * Ingest: 1,000-item batches to {@code POST /items} for a fixed time, then until every item is in
 * the reduced collection; beside it, raw {@code insertMany} of the same items into the same server.
 */
final class IngestBench {
  private static final int BATCH = 1000;

  static void run(int runs, int seconds, int posters) throws Exception {
    Report report = new Report("ingest");
    report.line(
        String.format(
            Locale.ROOT,
            "method: %d runs; each run a fresh standalone stack (EmbeddedMongo = mongo-java-server"
                + " H2 file backend, NOT MongoDB); %d posting threads send %d-item batches for %d s;"
                + " rate = items posted / (first post .. all items counted in the reduced collection);"
                + " raw = insertMany of the same %d-item documents, %d threads, same server, same"
                + " item count, in the same run",
            runs,
            posters,
            BATCH,
            seconds,
            BATCH,
            posters));
    List<Double> pipeline = new ArrayList<>();
    List<Double> accepted = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      Path dir = Files.createTempDirectory("bench-ingest");
      try (Standalone system = Systems.standalone(dir, Map.of(), false);
          MongoClient mongo = MongoClients.create(system.mongoUri())) {
        int ds = system.port("datasource");
        String collection = "ingest-" + run;
        long t0 = System.nanoTime();
        long deadline = t0 + seconds * 1_000_000_000L;
        AtomicLong sent = new AtomicLong();
        AtomicLong nextBatch = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(posters);
        List<Future<?>> done = new ArrayList<>();
        for (int p = 0; p < posters; p++) {
          done.add(
              pool.submit(
                  () -> {
                    while (System.nanoTime() < deadline) {
                      long b = nextBatch.getAndIncrement();
                      var response = Http.post(ds, "/items", batchJson(collection, b));
                      if (response.statusCode() != 202) {
                        throw new IllegalStateException(
                            "POST /items answered "
                                + response.statusCode()
                                + ": "
                                + response.body());
                      }
                      sent.addAndGet(BATCH);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
        pool.shutdown();
        long tPosted = System.nanoTime();
        long total = sent.get();
        long waitUntil = tPosted + 300_000_000_000L;
        long counted = 0;
        while (System.nanoTime() < waitUntil) {
          counted = reducedCount(ds, collection);
          if (counted >= total) {
            break;
          }
          Thread.sleep(100);
        }
        long tReduced = System.nanoTime();
        double acceptRate = total / ((tPosted - t0) / 1e9);
        double pipeRate = counted / ((tReduced - t0) / 1e9);
        // Raw insertMany of the same number of items, same documents, same server.
        MongoCollection<Document> target =
            mongo.getDatabase("rawbench").getCollection("raw_" + run);
        long r0 = System.nanoTime();
        long batches = total / BATCH;
        AtomicLong next = new AtomicLong();
        ExecutorService rawPool = Executors.newFixedThreadPool(posters);
        List<Future<?>> rawDone = new ArrayList<>();
        for (int p = 0; p < posters; p++) {
          rawDone.add(
              rawPool.submit(
                  () -> {
                    long b;
                    while ((b = next.getAndIncrement()) < batches) {
                      target.insertMany(batchDocs(b));
                    }
                    return null;
                  }));
        }
        for (Future<?> f : rawDone) {
          f.get();
        }
        rawPool.shutdown();
        double rawRate = batches * BATCH / ((System.nanoTime() - r0) / 1e9);
        pipeline.add(pipeRate);
        accepted.add(acceptRate);
        raw.add(rawRate);
        report.line(
            String.format(
                Locale.ROOT,
                "run %d: posted %d items in %.1f s (accepted %.0f items/s); %d in the reduced"
                    + " collection after %.1f s => %.0f items/s end to end; raw insertMany %.0f"
                    + " items/s; ratio %.2f; JVM RSS %.0f MiB; %s",
                run,
                total,
                (tPosted - t0) / 1e9,
                acceptRate,
                counted,
                (tReduced - t0) / 1e9,
                pipeRate,
                rawRate,
                pipeRate / rawRate,
                Proc.selfRssMib(),
                Proc.load()));
      }
    }
    report.line("ingest end-to-end items/s: " + Stats.summary(pipeline, "%.0f"));
    report.line("ingest accepted (202) items/s: " + Stats.summary(accepted, "%.0f"));
    report.line("raw insertMany items/s: " + Stats.summary(raw, "%.0f"));
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < pipeline.size(); i++) {
      ratios.add(pipeline.get(i) / raw.get(i));
    }
    report.line("ratio end-to-end / raw: " + Stats.summary(ratios, "%.2f"));
  }

  static long reducedCount(int ds, String collection) throws Exception {
    var response = Http.get(ds, "/collections");
    for (var node : io.scrapr.common.json.Json.mapper().readTree(response.body())) {
      if (collection.equals(node.path("name").asText())) {
        return node.path("count").asLong();
      }
    }
    return 0;
  }

  static String batchJson(String collection, long batch) {
    StringBuilder json =
        new StringBuilder(120_000)
            .append("{\"collection\":\"")
            .append(collection)
            .append("\",\"configId\":\"bench\",\"batchId\":\"")
            .append(UUID.randomUUID())
            .append("\",\"scrapedAt\":\"2026-01-01T00:00:00Z\",\"key\":[\"url\"],\"items\":[");
    for (int i = 0; i < BATCH; i++) {
      long n = batch * BATCH + i;
      json.append(i == 0 ? "" : ",")
          .append("{\"url\":\"http://127.0.0.1/catalogue/book-")
          .append(n)
          .append(".html\",\"title\":\"Book number ")
          .append(n)
          .append("\",\"price\":\"£")
          .append(n % 100)
          .append(".99\"}");
    }
    return json.append("]}").toString();
  }

  private static List<Document> batchDocs(long batch) {
    List<Document> docs = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      long n = batch * BATCH + i;
      docs.add(
          new Document("url", "http://127.0.0.1/catalogue/book-" + n + ".html")
              .append("title", "Book number " + n)
              .append("price", "£" + (n % 100) + ".99"));
    }
    return docs;
  }

  private IngestBench() {}
}
