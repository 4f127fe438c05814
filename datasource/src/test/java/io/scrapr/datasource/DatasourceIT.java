package io.scrapr.datasource;

import static io.scrapr.datasource.Batches.T0;
import static io.scrapr.datasource.Batches.book;
import static io.scrapr.datasource.Batches.byUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.http.ScopedTokens;
import io.scrapr.common.json.Json;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import io.scrapr.testkit.mongo.MongoStandIn;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatasourceIT {
  private static final Duration REDUCED = Duration.ofSeconds(20);

  private static TestMongo mongo;
  private RunningDatasource service;
  private TestHttp http;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() throws Exception {
    mongo.close();
  }

  @BeforeEach
  void startService() {
    service = RunningDatasource.start(mongo.uri());
    http = service.http();
  }

  @AfterEach
  void stopService() {
    service.close();
  }

  @Test
  void a_batch_is_accepted_and_appears_reduced_in_its_collection() {
    Response response =
        http.post("/items", byUrl("books", "b1", T0, book(1, "One"), book(2, "Two"), book(3, "3")));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().path("batchId").asText()).isEqualTo("b1");
    assertThat(response.json().path("accepted").asInt()).isEqualTo(3);
    assertThat(response.json().path("duplicate").asBoolean()).isFalse();
    JsonNode books = awaitCount("books", 3);
    JsonNode one = itemWithUrl(books, book(1, "").path("url").asText());
    assertThat(one.path("title").asText()).isEqualTo("One");
    assertThat(one.path("price").asText()).isEqualTo("£1.99");
    assertThat(one.path("tags")).hasSize(2);
    assertThat(one.path("firstSeen").asText()).isEqualTo(T0.toString());
    assertThat(one.path("lastSeen").asText()).isEqualTo(T0.toString());
    assertThat(one.has("_id")).isFalse();
    assertThat(one.path("_key").asText()).hasSize(64);
    assertThat(Instant.parse(one.path("changedAt").asText())).isNotNull();
    assertThat(books.path("name").asText()).isEqualTo("books");
    assertThat(books.path("updatedAt").asText()).isNotEmpty();
  }

  @Test
  void a_staged_batch_is_reduced_at_once_not_at_the_end_of_the_reduction_interval() {
    service.close();
    // An hour between reductions: only the wake-up by the staged entry can reduce the batch.
    service =
        RunningDatasource.start(
            mongo.uri(), Map.of("SCRAPR_REDUCE_INTERVAL_MS", "3600000"), new LocalDiscovery());
    http = service.http();
    await().atMost(REDUCED).until(() -> http.get("/health").status() == 200);

    http.post("/items", byUrl("books", "b1", T0, book(1, "One")));

    assertThat(awaitCount("books", 1).path("items")).hasSize(1);
  }

  @Test
  void a_rescrape_of_the_same_items_keeps_the_count_and_first_seen_and_raises_last_seen() {
    Instant later = T0.plusSeconds(300);
    http.post("/items", byUrl("books", "b1", T0, book(1, "One"), book(2, "Two")));
    JsonNode first = awaitCount("books", 2);
    String unchangedAt = itemWithUrl(first, url(2)).path("changedAt").asText();
    String changedBefore = itemWithUrl(first, url(1)).path("changedAt").asText();

    http.post("/items", byUrl("books", "b2", later, book(1, "One, 2nd ed."), book(2, "Two")));

    JsonNode books =
        await()
            .atMost(REDUCED)
            .until(
                () -> collection("books"),
                c -> itemWithUrl(c, url(1)).path("lastSeen").asText().equals(later.toString()));
    assertThat(books.path("count").asLong()).isEqualTo(2);
    assertThat(books.path("items")).hasSize(2);
    JsonNode one = itemWithUrl(books, url(1));
    assertThat(one.path("firstSeen").asText()).isEqualTo(T0.toString());
    assertThat(one.path("title").asText()).isEqualTo("One, 2nd ed.");
    assertThat(itemWithUrl(books, url(2)).path("lastSeen").asText()).isEqualTo(later.toString());
    // changedAt moves with the content, not with every scrape.
    assertThat(Instant.parse(one.path("changedAt").asText())).isAfter(Instant.parse(changedBefore));
    assertThat(itemWithUrl(books, url(2)).path("changedAt").asText()).isEqualTo(unchangedAt);
    assertThat(one.path("_key").asText())
        .isEqualTo(itemWithUrl(first, url(1)).path("_key").asText());
  }

  @Test
  void a_resent_batch_is_acknowledged_as_a_duplicate_and_applied_once() {
    ObjectNode batch = byUrl("books", "b1", T0, book(1, "One"), book(2, "Two"));
    http.post("/items", batch);

    Response again = http.post("/items", batch);

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("duplicate").asBoolean()).isTrue();
    assertThat(again.json().path("accepted").asInt()).isEqualTo(2);
    assertThat(service.database().getCollection("item_batches").countDocuments()).isEqualTo(1);
    awaitCount("books", 2);
    assertThat(http.get("/metrics").text())
        .contains("scrapr_tailer_documents_total{tailer=\"items\"} 1.0");
  }

  @Test
  void an_empty_key_deduplicates_items_by_all_their_fields() {
    ObjectNode a = Json.mapper().createObjectNode().put("name", "x").put("n", 1);
    ObjectNode sameAsA = Json.mapper().createObjectNode().put("n", 1).put("name", "x");
    ObjectNode b = Json.mapper().createObjectNode().put("name", "x").put("n", 2);
    http.post("/items", Batches.batch("quotes", "q1", T0, List.of(), a, sameAsA, b));
    awaitCount("quotes", 2);

    http.post("/items", Batches.batch("quotes", "q2", T0.plusSeconds(60), List.of(), b, a));

    JsonNode quotes =
        await()
            .atMost(REDUCED)
            .until(
                () -> collection("quotes"),
                c ->
                    StreamSupport.stream(c.path("items").spliterator(), false)
                        .allMatch(
                            i ->
                                i.path("lastSeen").asText().equals(T0.plusSeconds(60).toString())));
    assertThat(quotes.path("count").asLong()).isEqualTo(2);
  }

  @Test
  void malformed_batches_get_400_naming_the_field_and_store_nothing() {
    Map<String, Consumer<ObjectNode>> cases = new HashMap<>();
    cases.put("collection", b -> b.remove("collection"));
    cases.put("collection ", b -> b.put("collection", "Not A Name"));
    cases.put("configId", b -> b.put("configId", ""));
    cases.put("batchId", b -> b.put("batchId", ""));
    cases.put("batchId ", b -> b.put("batchId", "x".repeat(129)));
    cases.put("scrapedAt", b -> b.put("scrapedAt", "yesterday"));
    cases.put("key", b -> b.put("key", "url"));
    cases.put("key[0]", b -> b.putArray("key").add(42));
    cases.put("items", b -> b.putObject("items"));
    cases.put(
        "items[3]",
        b -> ((com.fasterxml.jackson.databind.node.ArrayNode) b.get("items")).add("not an object"));
    cases.put("surprise", b -> b.put("surprise", true));

    for (Map.Entry<String, Consumer<ObjectNode>> broken : cases.entrySet()) {
      ObjectNode body = byUrl("books", "bad", T0, book(1, "a"), book(2, "b"), book(3, "c"));
      broken.getValue().accept(body);

      Response response = http.post("/items", body);

      assertThat(response.status()).as(broken.getKey()).isEqualTo(400);
      assertThat(response.header("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(fieldsOf(response)).as(broken.getKey()).contains(broken.getKey().trim());
    }
    assertThat(http.post("/items", "{\"collection\": \"books\",").status()).isEqualTo(400);

    assertThat(service.database().getCollection("capped_items").countDocuments()).isZero();
    assertThat(service.database().getCollection("item_batches").countDocuments()).isZero();
    assertThat(http.get("/collections").json()).isEmpty();
    assertThat(http.get("/collections/books").status()).isEqualTo(404);
  }

  @Test
  void a_batch_over_the_item_limit_is_refused_and_stores_nothing() {
    service.close();
    service =
        RunningDatasource.start(
            mongo.uri(), Map.of("SCRAPR_MAX_BATCH_ITEMS", "2"), new LocalDiscovery());
    http = service.http();

    Response response =
        http.post("/items", byUrl("books", "big", T0, book(1, "a"), book(2, "b"), book(3, "c")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(fieldsOf(response)).containsExactly("items");
    assertThat(response.json().path("detail").asText()).contains("at most 2");
    assertThat(service.database().getCollection("capped_items").countDocuments()).isZero();
  }

  @Test
  void stray_reserved_item_fields_are_skipped_and_the_rest_of_the_item_is_stored() {
    ObjectNode item = book(1, "One");
    item.put("_id", "mine");
    item.put("firstSeen", "1999-01-01T00:00:00Z");
    item.put("a.b", "dotted");
    item.put("$where", "dollar");

    assertThat(http.post("/items", byUrl("books", "b1", T0, item, book(2, "Two"))).status())
        .isEqualTo(202);

    JsonNode one = itemWithUrl(awaitCount("books", 2), url(1));
    assertThat(one.path("title").asText()).isEqualTo("One");
    assertThat(one.path("firstSeen").asText()).isEqualTo(T0.toString());
    assertThat(one.has("_id")).isFalse();
    assertThat(one.has("a.b")).isFalse();
    assertThat(one.has("$where")).isFalse();
  }

  @Test
  void a_stray_entry_in_the_item_log_is_skipped_or_cleaned_and_the_reduction_goes_on() {
    MongoCollection<Document> log = service.database().getCollection("capped_items");
    log.insertOne(new Document("not", "an item").append("seq", 1));
    log.insertOne(
        new Document("collection", "books")
            .append("configId", "old-version")
            .append("batchId", "stray")
            .append("scrapedAt", Date.from(T0))
            .append("_key", "stray-key")
            .append(
                "item",
                new Document("url", "https://stray.example/").append("$bad", 1).append("_id", 2))
            .append("seq", 2));

    http.post("/items", byUrl("books", "b1", T0, book(1, "One")));

    JsonNode books = awaitCount("books", 2);
    JsonNode stray = itemWithUrl(books, "https://stray.example/");
    assertThat(stray.has("$bad")).isFalse();
    assertThat(stray.has("_id")).isFalse();
    assertThat(itemWithUrl(books, url(1)).path("title").asText()).isEqualTo("One");
  }

  @Test
  void a_batch_that_arrives_late_does_not_overwrite_newer_fields_but_lowers_first_seen() {
    Instant earlier = T0.minusSeconds(600);
    http.post("/items", byUrl("books", "new", T0, book(1, "Newer title")));
    String changedAt = itemWithUrl(awaitCount("books", 1), url(1)).path("changedAt").asText();

    http.post("/items", byUrl("books", "old", earlier, book(1, "Older title")));

    JsonNode books =
        await()
            .atMost(REDUCED)
            .until(
                () -> collection("books"),
                c -> itemWithUrl(c, url(1)).path("firstSeen").asText().equals(earlier.toString()));
    JsonNode one = itemWithUrl(books, url(1));
    assertThat(one.path("title").asText()).isEqualTo("Newer title");
    assertThat(one.path("lastSeen").asText()).isEqualTo(T0.toString());
    assertThat(one.path("changedAt").asText()).isEqualTo(changedAt);
    assertThat(books.path("count").asLong()).isEqualTo(1);
  }

  @Test
  void a_restart_amid_a_stream_of_batches_loses_nothing_and_duplicates_nothing() throws Exception {
    int batches = 30;
    int perBatch = 20;
    CompletableFuture<Void> restart = null;
    for (int i = 0; i < batches; i++) {
      postUntilAccepted(overlappingBatch(i, perBatch));
      if (i == batches / 3) {
        // The stream goes on while the service stops and starts: posts meanwhile are retried,
        // as a scraper does.
        restart = CompletableFuture.runAsync(service::restart);
      }
    }
    restart.get(60, TimeUnit.SECONDS);
    // A sender that lost the 202 of a batch sends it again.
    assertThat(
            http.post("/items", overlappingBatch(0, perBatch)).json().path("duplicate").asBoolean())
        .isTrue();
    assertThat(
            http.post("/items", overlappingBatch(batches / 2, perBatch))
                .json()
                .path("duplicate")
                .asBoolean())
        .isTrue();

    int distinctKeys = (batches - 1) * (perBatch / 2) + perBatch;
    JsonNode items = awaitCount("stream", distinctKeys);
    await()
        .atMost(REDUCED)
        .until(() -> service.database().getCollection("tmp_stream").countDocuments() == 0);
    items = collection("stream");
    assertThat(items.path("count").asLong()).isEqualTo(distinctKeys);
    Set<String> urls = new HashSet<>();
    for (JsonNode item : items.path("items")) {
      urls.add(item.path("url").asText());
      int n = item.path("n").asInt();
      // The later of the two batches holding an item wins.
      int lastBatch = Math.min(n / (perBatch / 2), batches - 1);
      assertThat(item.path("batch").asInt()).as(item.toString()).isEqualTo(lastBatch);
    }
    assertThat(urls).hasSize(distinctKeys);
    assertThat(service.database().getCollection("item_batches").countDocuments())
        .isEqualTo(batches);
  }

  @Test
  void pages_follow_a_stable_order_and_honour_limit_and_offset() {
    ObjectNode[] first = new ObjectNode[15];
    for (int i = 0; i < first.length; i++) {
      first[i] = book(i, "t" + i);
    }
    ObjectNode[] second = new ObjectNode[10];
    for (int i = 0; i < second.length; i++) {
      second[i] = book(100 + i, "t" + i);
    }
    http.post("/items", byUrl("books", "b1", T0, first));
    http.post("/items", byUrl("books", "b2", T0.plusSeconds(1), second));
    JsonNode all = awaitCount("books", 25);

    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 30; offset += 10) {
      JsonNode page = http.get("/collections/books?limit=10&offset=" + offset).json();
      assertThat(page.path("count").asLong()).isEqualTo(25);
      page.path("items").forEach(item -> paged.add(item.path("url").asText()));
    }

    List<String> whole = new ArrayList<>();
    all.path("items").forEach(item -> whole.add(item.path("url").asText()));
    assertThat(paged).containsExactlyElementsOf(whole).doesNotHaveDuplicates().hasSize(25);
    // First seen first: the items of the first batch come before the second's.
    List<String> firstBatch = new ArrayList<>();
    for (ObjectNode item : first) {
      firstBatch.add(item.path("url").asText());
    }
    assertThat(whole.subList(0, 15)).containsExactlyInAnyOrderElementsOf(firstBatch);
    assertThat(http.get("/collections/books?offset=25").json().path("items")).isEmpty();
    assertThat(http.get("/collections/books").json().path("items")).hasSize(25);
  }

  @Test
  void since_returns_only_the_items_seen_at_or_after_it() {
    Instant later = T0.plusSeconds(3600);
    http.post("/items", byUrl("books", "b1", T0, book(1, "a"), book(2, "b")));
    awaitCount("books", 2);
    http.post("/items", byUrl("books", "b2", later, book(2, "b"), book(3, "c")));
    awaitCount("books", 3);

    JsonNode recent = http.get("/collections/books?since=" + later).json();

    assertThat(recent.path("count").asLong()).isEqualTo(2);
    List<String> urls = new ArrayList<>();
    recent.path("items").forEach(item -> urls.add(item.path("url").asText()));
    assertThat(urls).containsExactlyInAnyOrder(url(2), url(3));
    assertThat(http.get("/collections/books?since=" + later.plusSeconds(1)).json().path("items"))
        .isEmpty();
  }

  @Test
  void bad_paging_parameters_are_refused_naming_each() {
    http.post("/items", byUrl("books", "b1", T0, book(1, "a")));
    awaitCount("books", 1);

    assertThat(fieldsOf(http.get("/collections/books?limit=-1"))).containsExactly("limit");
    assertThat(fieldsOf(http.get("/collections/books?limit=10001"))).containsExactly("limit");
    assertThat(fieldsOf(http.get("/collections/books?limit=ten"))).containsExactly("limit");
    assertThat(fieldsOf(http.get("/collections/books?offset=-1"))).containsExactly("offset");
    assertThat(fieldsOf(http.get("/collections/books?since=yesterday"))).containsExactly("since");
    Response all = http.get("/collections/books?limit=x&offset=y&since=z");
    assertThat(all.status()).isEqualTo(400);
    assertThat(fieldsOf(all)).containsExactlyInAnyOrder("limit", "offset", "since");
    assertThat(http.get("/collections/books?limit=10000").status()).isEqualTo(200);
  }

  @Test
  void an_unknown_collection_is_a_404_problem() {
    Response response = http.get("/collections/nothing-here");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.json().path("detail").asText()).contains("nothing-here");
  }

  @Test
  void collections_are_listed_with_their_counts() {
    http.post("/items", byUrl("books", "b1", T0, book(1, "a"), book(2, "b")));
    http.post("/items", byUrl("films", "f1", T0, book(7, "film")));
    awaitCount("books", 2);
    awaitCount("films", 1);

    JsonNode list = http.get("/collections").json();

    assertThat(list).hasSize(2);
    assertThat(list.get(0).path("name").asText()).isEqualTo("books");
    assertThat(list.get(0).path("count").asLong()).isEqualTo(2);
    assertThat(list.get(0).path("updatedAt").asText()).isNotEmpty();
    assertThat(list.get(1).path("name").asText()).isEqualTo("films");
    assertThat(list.get(1).path("count").asLong()).isEqualTo(1);
  }

  @Test
  void an_empty_batch_makes_its_collection_known_with_no_items() {
    assertThat(http.post("/items", byUrl("books", "empty", T0)).json().path("accepted").asInt())
        .isZero();

    JsonNode books = http.get("/collections/books").json();

    assertThat(books.path("count").asLong()).isZero();
    assertThat(books.path("items")).isEmpty();
  }

  @Test
  void while_mongodb_is_unreachable_batches_get_503_and_health_names_mongodb() {
    MongoStandIn doomed = MongoStandIn.inMemory();
    try (RunningDatasource cut =
        RunningDatasource.start(doomed.uri(), Map.of(), new LocalDiscovery())) {
      TestHttp client = cut.http();
      doomed.close();

      Response post = client.post("/items", byUrl("books", "b1", T0, book(1, "a")));
      Response health = client.get("/health");

      assertThat(post.status()).isEqualTo(503);
      assertThat(post.header("Retry-After")).isPresent();
      assertThat(post.json().path("detail").asText()).contains("MongoDB");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().path("checks").path("mongodb").asText()).startsWith("DOWN");
    }
  }

  @Test
  void health_reports_mongodb() {
    Response health = http.get("/health");

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("service").asText()).isEqualTo("datasource");
    assertThat(health.json().path("checks").path("mongodb").asText()).isEqualTo("UP");
  }

  @Test
  void metrics_count_accepted_items_duplicates_refusals_and_reductions() {
    ObjectNode batch = byUrl("books", "b1", T0, book(1, "a"), book(2, "b"));
    http.post("/items", batch);
    http.post("/items", batch);
    http.post("/items", "{}");
    awaitCount("books", 2);

    String metrics =
        await()
            .atMost(REDUCED)
            .until(
                () -> http.get("/metrics").text(),
                m -> m.contains("scrapr_datasource_collections 1.0"));

    assertThat(metrics)
        .contains("scrapr_datasource_items_accepted_total{collection=\"books\"} 2.0")
        .contains("scrapr_datasource_batches_duplicate_total 1.0")
        .contains("scrapr_datasource_batches_refused_total 1.0")
        .contains("scrapr_datasource_reduce_runs_total{outcome=\"ok\"}")
        .contains("scrapr_datasource_reduce_duration_seconds_count")
        .contains("scrapr_datasource_items_reduced_total 2.0")
        .contains("scrapr_datasource_entries_staged 0.0")
        .contains("scrapr_tailer_documents_total{tailer=\"items\"} 1.0");
  }

  @Test
  void writes_need_the_token_when_one_is_set_and_reads_do_not() {
    service.close();
    service =
        RunningDatasource.start(
            mongo.uri(), Map.of("SCRAPR_API_TOKEN", "t0ken"), new LocalDiscovery());
    http = service.http();
    ObjectNode batch = byUrl("books", "b1", T0, book(1, "a"));

    assertThat(http.post("/items", batch).status()).isEqualTo(401);
    assertThat(http.withToken("t0ken").post("/items", batch).status()).isEqualTo(202);
    assertThat(awaitCount("books", 1).path("items")).hasSize(1);
  }

  @Test
  void a_scrapers_credential_posts_items_for_its_own_configuration_and_collection_only() {
    service.close();
    service =
        RunningDatasource.start(
            mongo.uri(), Map.of("SCRAPR_API_TOKEN", "t0ken"), new LocalDiscovery());
    http = service.http();
    TestHttp scraper = http.withToken(ScopedTokens.scraper("t0ken", "cfg-books", "books"));

    assertThat(scraper.post("/items", byUrl("books", "own", T0, book(1, "a"))).status())
        .isEqualTo(202);
    Response elsewhere = scraper.post("/items", byUrl("films", "other", T0, book(2, "b")));
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.json().path("detail").asText()).contains("collection books only");
    ObjectNode foreign = byUrl("books", "foreign", T0, book(3, "c"));
    foreign.put("configId", "cfg-someone-else");
    assertThat(scraper.post("/items", foreign).status()).isEqualTo(403);
    assertThat(awaitCount("books", 1).path("items")).hasSize(1);
  }

  @Test
  void the_service_registers_in_discovery_as_datasource_and_deregisters_on_close() {
    LocalDiscovery discovery = new LocalDiscovery();
    try (RunningDatasource registered = RunningDatasource.start(mongo.uri(), Map.of(), discovery)) {
      assertThat(discovery.healthy("datasource"))
          .singleElement()
          .satisfies(i -> assertThat(i.port()).isEqualTo(registered.port()));
    }
    assertThat(discovery.healthy("datasource")).isEmpty();
  }

  private ObjectNode overlappingBatch(int i, int perBatch) {
    // Batch i holds items i*half .. i*half+perBatch-1: each overlaps the next by half.
    int half = perBatch / 2;
    ObjectNode[] items = new ObjectNode[perBatch];
    for (int j = 0; j < perBatch; j++) {
      int n = i * half + j;
      items[j] =
          Json.mapper()
              .createObjectNode()
              .put("url", "https://stream.example/" + n)
              .put("n", n)
              .put("batch", i);
    }
    return byUrl("stream", "stream-" + i, T0.plusSeconds(i), items);
  }

  private void postUntilAccepted(ObjectNode batch) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(() -> http.post("/items", batch).status() == 202);
  }

  private JsonNode collection(String name) {
    return http.get("/collections/" + name + "?limit=10000").json();
  }

  private JsonNode awaitCount(String name, long count) {
    return await()
        .atMost(REDUCED)
        .ignoreExceptions()
        .until(
            () -> collection(name),
            c -> c.path("count").asLong() == count && c.path("items").size() == count);
  }

  private static JsonNode itemWithUrl(JsonNode collection, String url) {
    for (JsonNode item : collection.path("items")) {
      if (item.path("url").asText().equals(url)) {
        return item;
      }
    }
    throw new AssertionError("no item " + url + " in " + collection);
  }

  private static String url(int n) {
    return book(n, "").path("url").asText();
  }

  private static List<String> fieldsOf(Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
