package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** config-discovery with several replicas on one database, as a scaled or rolled service runs. */
class ReplicasIT {
  private static TestMongo mongo;

  @BeforeAll
  static void startMongo() {
    mongo = TestMongo.start();
  }

  @AfterAll
  static void stopMongo() throws Exception {
    mongo.close();
  }

  @Test
  void configurations_posted_to_two_replicas_at_once_and_across_a_roll_are_each_materialised_once()
      throws Exception {
    List<String> ids = new ArrayList<>();
    ExecutorService posters = Executors.newFixedThreadPool(4);
    try (RunningConfigDiscovery first = RunningConfigDiscovery.start(mongo.uri());
        RunningConfigDiscovery second = first.replica()) {
      ids.addAll(postAtOnce(posters, List.of(first.http(), second.http()), "a", 20));
      // A start-first roll: a third replica starts, then the first stops; posts go on.
      try (RunningConfigDiscovery third = first.replica()) {
        first.close();
        ids.addAll(postAtOnce(posters, List.of(second.http(), third.http()), "b", 20));
        posters.shutdown();
        TestHttp reader = second.http();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    reader.get("/configurations?type=scraper&limit=1000").json().size()
                        == ids.size());
        JsonNode scrapers = reader.get("/configurations?type=scraper&limit=1000").json();
        Set<String> materialised = new HashSet<>();
        scrapers.forEach(s -> materialised.add(s.path("id").asText()));
        assertThat(materialised).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode endpoints = reader.get("/configurations?type=endpoint&limit=1000").json();
        List<String> collections = new ArrayList<>();
        endpoints.forEach(e -> collections.add(e.path("collection").asText()));
        assertThat(collections).hasSize(20).doesNotHaveDuplicates();
      }
    }
  }

  /** Posts configurations for ten collections, spread over the replicas, all at once. */
  private static List<String> postAtOnce(
      ExecutorService posters, List<TestHttp> replicas, String prefix, int count) throws Exception {
    List<Future<String>> posted = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TestHttp target = replicas.get(i % replicas.size());
      ObjectNode config = SampleConfigurations.forCollection(prefix + (i % 10));
      posted.add(
          posters.submit(
              () -> {
                var response = target.post("/configurations", config);
                assertThat(response.status()).isEqualTo(201);
                return response.json().path("id").asText();
              }));
    }
    List<String> ids = new ArrayList<>();
    for (Future<String> id : posted) {
      ids.add(id.get());
    }
    return ids;
  }
}
