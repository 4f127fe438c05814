package io.scrapr.datasource;

import static io.scrapr.datasource.Batches.T0;
import static io.scrapr.datasource.Batches.byUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The datasource with several replicas on one database, as a scaled service or a start-first roll
 * runs it, and the limits that keep intake from losing anything: back-pressure, items refused
 * alone.
 */
class DatasourceReplicasIT {
  private static final Duration REDUCED = Duration.ofSeconds(60);
  private static TestMongo mongo;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() throws Exception {
    mongo.close();
  }

  /** Posts a batch as a scraper does: again after Retry-After while the answer is a 503. */
  private static Response deliver(TestHttp http, ObjectNode batch, AtomicInteger refusals) {
    while (true) {
      Response response = http.post("/items", batch);
      if (response.status() != 503) {
        return response;
      }
      refusals.incrementAndGet();
      assertThat(response.header("Retry-After")).isPresent();
      await().pollDelay(Duration.ofMillis(50)).until(() -> true);
    }
  }

  private static ObjectNode numbered(int n) {
    return Json.mapper()
        .createObjectNode()
        .put("url", "https://books.example/catalogue/book-" + n + ".html")
        .put("n", n);
  }

  private static ObjectNode batchOf(String collection, String id, int from, int count) {
    ObjectNode[] items = new ObjectNode[count];
    for (int i = 0; i < count; i++) {
      items[i] = numbered(from + i);
    }
    return byUrl(collection, id, T0, items);
  }

  private static Set<Integer> numbersIn(TestHttp http, String collection) {
    Set<Integer> numbers = new HashSet<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          http.get("/collections/" + collection + "?limit=10000&offset=" + offset).json();
      for (JsonNode item : page.path("items")) {
        assertThat(numbers.add(item.path("n").asInt())).as("item %s once", item).isTrue();
      }
      if (page.path("items").size() < 10000) {
        return numbers;
      }
      offset += 10000;
    }
  }

  private static long count(TestHttp http, String collection) {
    Response response = http.get("/collections/" + collection + "?limit=0");
    return response.status() == 200 ? response.json().path("count").asLong() : -1;
  }

  @Test
  void two_replicas_taking_batches_at_once_and_one_rolled_away_lose_nothing_and_repeat_nothing()
      throws Exception {
    int batches = 120;
    int perBatch = 50;
    try (RunningDatasource first = RunningDatasource.start(mongo.uri());
        RunningDatasource second = first.replica()) {
      RunningDatasource third = null;
      List<TestHttp> replicas = new ArrayList<>(List.of(first.http(), second.http()));
      ExecutorService senders = Executors.newFixedThreadPool(4);
      AtomicInteger refusals = new AtomicInteger();
      List<Future<?>> sent = new ArrayList<>();
      for (int b = 0; b < batches; b++) {
        int batch = b;
        TestHttp target = replicas.get(b % 2);
        sent.add(
            senders.submit(
                () -> {
                  Response r =
                      deliver(
                          target,
                          batchOf("stream", "b" + batch, batch * perBatch, perBatch),
                          refusals);
                  assertThat(r.status()).isEqualTo(202);
                  return null;
                }));
        if (b == batches / 2) {
          // A start-first roll of the first replica: a new one starts, then the first stops.
          for (int i = 0; i <= b; i++) {
            sent.get(i).get();
          }
          third = first.replica();
          replicas.set(0, third.http());
          first.stop();
        }
      }
      for (Future<?> f : sent) {
        f.get();
      }
      senders.shutdown();
      TestHttp reader = second.http();
      await().atMost(REDUCED).until(() -> count(reader, "stream") == (long) batches * perBatch);
      Set<Integer> numbers = numbersIn(reader, "stream");
      assertThat(numbers).hasSize(batches * perBatch);
      assertThat(numbers).allMatch(n -> n >= 0 && n < batches * perBatch);
      third.close();
    }
  }

  @Test
  void a_burst_larger_than_the_capped_log_is_refused_with_retry_after_and_then_arrives_whole()
      throws Exception {
    // 64 KiB of capped log: a tenth of what the burst carries.
    try (RunningDatasource service =
        RunningDatasource.start(
            mongo.uri(), Map.of("SCRAPR_CAPPED_ITEMS_BYTES", "65536"), new LocalDiscovery())) {
      TestHttp http = service.http();
      // Another replica holds the lease and has stopped reading: nothing is staged for now.
      service
          .database()
          .getCollection("service_leases")
          .replaceOne(
              Filters.eq("_id", "datasource"),
              new Document("_id", "datasource")
                  .append("holder", "a-replica-that-hangs")
                  .append("until", new Date(System.currentTimeMillis() + 3_000)),
              new com.mongodb.client.model.ReplaceOptions().upsert(true));
      int batches = 40;
      int perBatch = 20;
      Response refused = null;
      for (int b = 0; b < batches && refused == null; b++) {
        Response response = http.post("/items", batchOf("burst", "b" + b, b * perBatch, perBatch));
        if (response.status() == 503) {
          refused = response;
        }
      }
      assertThat(refused).as("a 503 once the unread part of the log is full").isNotNull();
      assertThat(refused.header("Retry-After")).isPresent();
      assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");
      assertThat(refused.json().path("detail").asText()).contains("not yet staged");

      AtomicInteger refusals = new AtomicInteger();
      for (int b = 0; b < batches; b++) {
        assertThat(
                deliver(http, batchOf("burst", "b" + b, b * perBatch, perBatch), refusals).status())
            .isEqualTo(202);
      }
      await().atMost(REDUCED).until(() -> count(http, "burst") == (long) batches * perBatch);
      assertThat(numbersIn(http, "burst")).hasSize(batches * perBatch);
      assertThat(http.get("/metrics").text())
          .contains("scrapr_tailer_gaps_total{tailer=\"items\"} 0.0");
    }
  }

  @Test
  void an_item_too_large_or_too_deep_is_refused_alone_and_the_rest_of_its_batch_is_stored() {
    try (RunningDatasource service =
        RunningDatasource.start(
            mongo.uri(), Map.of("SCRAPR_MAX_ITEM_BYTES", "4096"), new LocalDiscovery())) {
      TestHttp http = service.http();
      ObjectNode huge = numbered(1).put("html", "<div>".repeat(2000));
      ObjectNode deep = numbered(2);
      ObjectNode level = deep.putObject("nested");
      for (int i = 0; i < 80; i++) {
        level = level.putObject("deeper");
      }
      ObjectNode batch = byUrl("poison", "p1", T0, numbered(0), huge, deep, numbered(3));

      Response response = http.post("/items", batch);

      assertThat(response.status()).isEqualTo(202);
      assertThat(response.json().path("accepted").asInt()).isEqualTo(2);
      JsonNode refused = response.json().path("refused");
      assertThat(refused).hasSize(2);
      assertThat(refused.get(0).path("index").asInt()).isEqualTo(1);
      assertThat(refused.get(0).path("reason").asText())
          .contains("bytes")
          .contains("SCRAPR_MAX_ITEM_BYTES");
      assertThat(refused.get(1).path("index").asInt()).isEqualTo(2);
      assertThat(refused.get(1).path("reason").asText()).contains("nested");
      await().atMost(REDUCED).until(() -> count(http, "poison") == 2);
      assertThat(numbersIn(http, "poison")).containsExactlyInAnyOrder(0, 3);
    }
  }

  @Test
  void a_collection_answers_its_version_as_etag_and_304_while_it_has_not_changed() {
    try (RunningDatasource service = RunningDatasource.start(mongo.uri())) {
      TestHttp http = service.http();
      http.post("/items", batchOf("versioned", "v1", 0, 3));
      await().atMost(REDUCED).until(() -> count(http, "versioned") == 3);

      Response first = http.get("/collections/versioned?limit=0");
      String etag = first.header("ETag").orElseThrow();
      long version = first.json().path("version").asLong();
      assertThat(first.json().path("items")).isEmpty();
      assertThat(etag).isEqualTo("\"" + version + "\"");
      assertThat(version % 2).as("no reduction is writing").isZero();

      Response unchanged =
          http.withHeader("If-None-Match", etag).get("/collections/versioned?limit=0");
      assertThat(unchanged.status()).isEqualTo(304);

      http.post("/items", batchOf("versioned", "v2", 3, 1));
      await().atMost(REDUCED).until(() -> count(http, "versioned") == 4);
      Response changed = http.withHeader("If-None-Match", etag).get("/collections/versioned");
      assertThat(changed.status()).isEqualTo(200);
      assertThat(changed.json().path("version").asLong()).isGreaterThan(version);
      assertThat(changed.json().path("items")).hasSize(4);
    }
  }
}
