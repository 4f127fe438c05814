package io.scrapr.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.json.Json;
import io.scrapr.endpoint.core.ChunkCache;
import io.scrapr.endpoint.core.ChunkLimits;
import io.scrapr.endpoint.core.CollectionMark;
import io.scrapr.endpoint.core.Snapshot;
import io.scrapr.endpoint.core.SnapshotStore;
import io.scrapr.endpoint.core.SnapshotWriter;
import io.scrapr.endpoint.core.StoreUnavailableException;
import io.scrapr.testkit.redis.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

class RedisChunkStoreIT {
  private static final CollectionMark MARK =
      new CollectionMark(Optional.of("7"), 25, Optional.of("2026-11-20T10:00:00Z"));

  private static TestRedis redis;
  private UnifiedJedis jedis;
  private String collection;
  private SnapshotStore snapshots;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void connect() {
    jedis = RedisClient.create("127.0.0.1", redis.port());
    collection = "books-" + UUID.randomUUID().toString().substring(0, 8);
    snapshots = store();
  }

  @AfterEach
  void disconnect() {
    jedis.close();
  }

  @Test
  void a_committed_snapshot_is_a_manifest_and_permanent_chunks_that_a_new_process_reads() {
    Snapshot written = write(snapshots, numbered(25, 0));

    Snapshot loaded = store().load().orElseThrow();

    assertThat(jedis.exists(RedisChunkStore.manifestKey(collection))).isTrue();
    assertThat(chunkKeys()).hasSize(3);
    chunkKeys().forEach(key -> assertThat(jedis.ttl(key)).isEqualTo(-1));
    assertThat(loaded.version()).isEqualTo(written.version());
    assertThat(loaded.mark()).isEqualTo(MARK);
    assertThat(numbers(loaded.items())).hasSize(25).startsWith(1).endsWith(25);
  }

  @Test
  void a_write_that_crashed_before_its_commit_leaves_the_old_copy_and_chunks_that_expire() {
    Snapshot old = write(snapshots, numbered(25, 0));
    SnapshotWriter crashed = snapshots.writer();
    crashed.start(MARK);
    numbered(25, 100).forEach(crashed::accept);

    Snapshot loaded = store().load().orElseThrow();

    assertThat(loaded.manifest().generation()).isEqualTo(old.manifest().generation());
    assertThat(numbers(loaded.items())).startsWith(1);
    List<String> orphans =
        chunkKeys().stream().filter(k -> !k.contains(old.manifest().generation())).toList();
    assertThat(orphans).hasSize(2);
    orphans.forEach(
        key ->
            assertThat(jedis.ttl(key))
                .isPositive()
                .isLessThanOrEqualTo(RedisChunkStore.PROVISIONAL.toSeconds()));
  }

  @Test
  void a_commit_whose_chunk_has_expired_is_refused_and_the_old_copy_stays() {
    Snapshot old = write(snapshots, numbered(25, 0));
    SnapshotWriter late = snapshots.writer();
    late.start(MARK);
    numbered(25, 100).forEach(late::accept);
    chunkKeys().stream()
        .filter(k -> !k.contains(old.manifest().generation()))
        .findFirst()
        .ifPresent(jedis::del);

    assertThatThrownBy(() -> late.commit(MARK))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("expired");
    assertThat(store().load().orElseThrow().version()).isEqualTo(old.version());
  }

  @Test
  void retiring_the_replaced_copy_deletes_its_chunks_and_only_its() {
    write(snapshots, numbered(25, 0));
    SnapshotWriter next = snapshots.writer();
    next.start(MARK);
    numbered(12, 100).forEach(next::accept);
    Snapshot current = next.commit(MARK);

    snapshots.retire(next.replaced().orElseThrow());

    assertThat(chunkKeys())
        .hasSize(2)
        .allSatisfy(k -> assertThat(k).contains(current.manifest().generation()));
  }

  @Test
  void an_unreachable_redis_is_a_store_failure_naming_what_failed() {
    try (UnifiedJedis down = RedisClient.create("127.0.0.1", 1)) {
      RedisChunkStore unreachable = new RedisChunkStore(down, collection);

      assertThatThrownBy(unreachable::manifest)
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("manifest");
    }
  }

  private SnapshotStore store() {
    return new SnapshotStore(
        collection,
        new RedisChunkStore(jedis, collection),
        new ChunkLimits(10, 1 << 20),
        new ChunkCache(1 << 20));
  }

  private static Snapshot write(SnapshotStore snapshots, List<ObjectNode> items) {
    SnapshotWriter writer = snapshots.writer();
    writer.start(MARK);
    items.forEach(writer::accept);
    return writer.commit(MARK);
  }

  private List<String> chunkKeys() {
    List<String> keys = new ArrayList<>();
    ScanParams match = new ScanParams().match("scrapr:endpoint:" + collection + ":chunk:*");
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = jedis.scan(cursor, match);
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }

  private static List<ObjectNode> numbered(int count, int from) {
    List<ObjectNode> items = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      items.add(Json.mapper().createObjectNode().put("n", from + i));
    }
    return items;
  }

  private static List<Integer> numbers(List<io.scrapr.endpoint.core.PreparedItem> items) {
    return items.stream().map(item -> item.node().path("n").asInt()).toList();
  }
}
