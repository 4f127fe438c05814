package io.scrapr.scraper.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.json.Json;
import io.scrapr.scraper.core.Batch;
import io.scrapr.scraper.core.SpoolFullException;
import io.scrapr.testkit.redis.TestRedis;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The spool against a real Redis: its cap, its byte count and its dead-letter list. */
class SpoolIT {
  private static TestRedis redis;
  private static UnifiedJedis jedis;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    jedis = RedisClient.create(URI.create(redis.url()));
  }

  @AfterAll
  static void stop() {
    jedis.close();
    redis.close();
  }

  private static String configId() {
    return "c" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Batch batch(String configId, int chars) {
    return new Batch(
        "books",
        configId,
        UUID.randomUUID().toString(),
        Instant.parse("2026-11-01T10:00:00Z"),
        List.of(),
        List.of(Map.of("text", "x".repeat(chars))));
  }

  @Test
  void a_full_spool_refuses_a_batch_and_keeps_every_batch_it_holds() {
    String id = configId();
    Spool spool = new Spool(jedis, id, 10_000);
    Batch first = batch(id, 4_000);
    Batch second = batch(id, 4_000);
    spool.append(first);
    spool.append(second);

    assertThatThrownBy(() -> spool.append(batch(id, 4_000)))
        .isInstanceOfSatisfying(
            SpoolFullException.class,
            e -> {
              assertThat(e.maxBytes()).isEqualTo(10_000);
              assertThat(e.usedBytes()).isGreaterThan(8_000);
            });
    assertThat(jedis.lrange(Spool.key(id), 0, -1))
        .containsExactly(Json.write(first), Json.write(second));
    assertThat(spool.snapshot().bytes())
        .isEqualTo(Json.write(first).length() + Json.write(second).length());
  }

  @Test
  void an_empty_spool_takes_one_batch_larger_than_its_cap() {
    String id = configId();
    Spool spool = new Spool(jedis, id, 1_000);

    spool.append(batch(id, 5_000));

    assertThat(spool.depth()).isEqualTo(1);
    assertThatThrownBy(() -> spool.append(batch(id, 10))).isInstanceOf(SpoolFullException.class);
  }

  @Test
  void the_byte_count_goes_down_as_batches_leave_and_starts_again_when_the_list_was_emptied() {
    String id = configId();
    Spool spool = new Spool(jedis, id, 10_000);
    Batch first = batch(id, 3_000);
    spool.append(first);
    spool.append(batch(id, 3_000));

    spool.removeHead(Json.write(first));
    assertThat(spool.snapshot().bytes()).isBetween(3_000L, 3_200L);

    jedis.del(Spool.key(id)); // an operator empties the spool by hand
    spool.append(batch(id, 3_000));
    spool.append(batch(id, 3_000));
    spool.append(batch(id, 3_000));
    assertThat(spool.depth()).isEqualTo(3);
  }

  @Test
  void a_dead_lettered_batch_moves_whole_and_only_while_it_is_still_the_head() {
    String id = configId();
    Spool spool = new Spool(jedis, id, 100_000);
    Batch first = batch(id, 100);
    Batch second = batch(id, 100);
    spool.append(first);
    spool.append(second);

    spool.moveHeadToDeadLetters(Json.write(second), "{\"not\":\"the head\"}");
    assertThat(jedis.llen(Spool.deadLetterKey(id))).isZero();

    spool.moveHeadToDeadLetters(Json.write(first), "{\"batch\":\"first\"}");

    assertThat(jedis.lrange(Spool.deadLetterKey(id), 0, -1))
        .containsExactly("{\"batch\":\"first\"}");
    assertThat(jedis.lrange(Spool.key(id), 0, -1)).containsExactly(Json.write(second));
    assertThat(spool.snapshot().deadLetters()).isEqualTo(1);
    assertThat(spool.snapshot().bytes()).isEqualTo(Json.write(second).length());
  }
}
