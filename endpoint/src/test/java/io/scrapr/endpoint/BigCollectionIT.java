package io.scrapr.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scrapr.endpoint.store.RedisChunkStore;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A collection many chunks long, served through real HTTP from its chunks in a real Redis. */
class BigCollectionIT {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final int ITEMS = 2_345;

  /** Chunks of 100 items: the collection is 24 chunks, the last one of 45. */
  private static final Map<String, String> SMALL_CHUNKS =
      Map.of("SCRAPR_SNAPSHOT_CHUNK_ITEMS", "100", "SCRAPR_CHUNK_CACHE_BYTES", "65536");

  @RegisterExtension static final EndpointPeers peers = new EndpointPeers("big");

  private RunningEndpoint endpoint;

  @BeforeEach
  void start() {
    peers.datasource().put(peers.collection(), SampleItems.books(ITEMS));
    endpoint = peers.startEndpoint(3600, SMALL_CHUNKS);
  }

  @Test
  void pages_across_chunks_from_either_end_and_the_last_partial_chunk_are_served_whole() {
    TestHttp http = endpoint.http();
    awaitTotal(http, ITEMS);

    assertThat(titles(http.get("/?offset=150&limit=100").json()))
        .hasSize(100)
        .startsWith("Book 151")
        .endsWith("Book 250");
    assertThat(titles(http.get("/?desc=true&limit=3").json()))
        .containsExactly("Book 2345", "Book 2344", "Book 2343");
    assertThat(titles(http.get("/?desc=true&offset=2340&limit=10").json()))
        .containsExactly("Book 5", "Book 4", "Book 3", "Book 2", "Book 1");
    assertThat(titles(http.get("/?offset=2290&limit=100").json()))
        .hasSize(55)
        .endsWith("Book 2345");
    Response csv = http.get("/?format=csv&offset=1999&limit=2&omit=tags");
    assertThat(csv.text())
        .startsWith("title,url,price,firstSeen,lastSeen\r\nBook 2000,")
        .contains("\r\nBook 2001,");
    assertThat(csv.header("X-Total-Count")).contains(Integer.toString(ITEMS));
    assertThat(servedTitles(http)).hasSize(ITEMS).startsWith("Book 1").endsWith("Book 2345");
  }

  @Test
  void the_copy_is_kept_as_a_manifest_and_chunks_and_a_change_deletes_the_old_chunks() {
    TestHttp http = endpoint.http();
    String etag = awaitTotal(http, ITEMS).header("ETag").orElseThrow();
    assertThat(chunkKeys()).hasSize(24);

    peers.datasource().put(peers.collection(), SampleItems.books(ITEMS + 100));
    awaitTotal(http, ITEMS + 100);

    await().atMost(PATIENCE).untilAsserted(() -> assertThat(chunkKeys()).hasSize(25));
    assertThat(http.withHeader("If-None-Match", etag).get("/").status()).isEqualTo(200);
    assertThat(titles(http.get("/?desc=true&limit=1").json())).containsExactly("Book 2445");
  }

  @Test
  void a_restarted_endpoint_serves_every_page_from_redis_while_the_datasource_is_down() {
    TestHttp http = endpoint.http();
    String etag = awaitTotal(http, ITEMS).header("ETag").orElseThrow();
    String deep = http.get("/?offset=2000&limit=5&fields=title").text();

    peers.datasource().stop();
    endpoint.restart();

    Response first = endpoint.http().get("/");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("ETag")).contains(etag);
    assertThat(first.header("X-Scrapr-Stale")).contains("true");
    Response again = endpoint.http().get("/?offset=2000&limit=5&fields=title");
    assertThat(again.text()).isEqualTo(deep);
    assertThat(again.header("X-Scrapr-Stale")).contains("true");
  }

  private static Response awaitTotal(TestHttp http, int total) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> http.get("/"),
            response -> response.status() == 200 && response.json().path("total").asInt() == total);
  }

  private static List<String> servedTitles(TestHttp http) {
    List<String> titles = new ArrayList<>();
    for (int offset = 0; offset < ITEMS; offset += 1000) {
      titles.addAll(titles(http.get("/?limit=1000&offset=" + offset).json()));
    }
    return titles;
  }

  private static List<String> titles(JsonNode page) {
    List<String> titles = new ArrayList<>();
    page.path("items").forEach(item -> titles.add(item.path("title").asText()));
    return titles;
  }

  private List<String> chunkKeys() {
    try (UnifiedJedis jedis = RedisClient.create("127.0.0.1", peers.redis().port())) {
      assertThat(jedis.exists(RedisChunkStore.manifestKey(peers.collection()))).isTrue();
      List<String> keys = new ArrayList<>();
      ScanParams match =
          new ScanParams().match("scrapr:endpoint:" + peers.collection() + ":chunk:*");
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, match);
        keys.addAll(page.getResult());
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      return keys;
    }
  }
}
