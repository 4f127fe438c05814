package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkCacheTest {

  @Test
  void the_least_recently_used_chunks_go_first_when_the_budget_is_reached() {
    Chunk chunk = chunk(100);
    ChunkCache cache = new ChunkCache(chunk.weight() * 4);
    cache.put("g", 0, chunk);
    cache.put("g", 1, chunk(100));
    cache.put("g", 2, chunk(100));
    cache.put("g", 3, chunk(100));
    cache.get("g", 0);

    cache.put("g", 4, chunk(100));

    assertThat(cache.get("g", 1)).isNull();
    assertThat(cache.get("g", 0)).isSameAs(chunk);
    assertThat(cache.usedBytes()).isLessThanOrEqualTo(chunk.weight() * 4);
  }

  @Test
  void a_chunk_over_a_quarter_of_the_budget_is_not_kept_and_a_generation_can_be_forgotten() {
    ChunkCache cache = new ChunkCache(1000);
    cache.put("g", 0, chunk(300));
    cache.put("g", 1, chunk(10));
    cache.put("h", 0, chunk(10));

    cache.forget("g");

    assertThat(cache.get("g", 0)).isNull();
    assertThat(cache.get("g", 1)).isNull();
    assertThat(cache.get("h", 0)).isNotNull();
    assertThat(cache.usedBytes()).isEqualTo(chunk(10).weight());
  }

  private static Chunk chunk(int bytes) {
    String line = "{\"t\":\"" + "x".repeat(Math.max(0, bytes - 9)) + "\"}\n";
    return Chunk.of(line.getBytes(StandardCharsets.UTF_8));
  }
}
