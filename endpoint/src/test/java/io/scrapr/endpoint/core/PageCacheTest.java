package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageCacheTest {
  private final AtomicInteger renders = new AtomicInteger();

  @Test
  void a_query_asked_again_is_answered_with_the_page_rendered_the_first_time() {
    PageCache cache = new PageCache(1000);

    RenderedPage first = cache.computeIfAbsent(query(5), q -> page(100));
    RenderedPage again = cache.computeIfAbsent(query(5), q -> page(100));

    assertThat(again).isSameAs(first);
    assertThat(renders).hasValue(1);
    assertThat(cache.usedBytes()).isEqualTo(100);
  }

  @Test
  void pages_are_let_go_so_the_bytes_held_stay_within_the_budget() {
    PageCache cache = new PageCache(1000);

    for (int limit = 1; limit <= 30; limit++) {
      cache.computeIfAbsent(query(limit), q -> page(200));
      assertThat(cache.usedBytes()).isLessThanOrEqualTo(1000);
    }

    assertThat(cache.size()).isEqualTo(5);
    assertThat(cache.get(query(30))).isNotNull();
  }

  @Test
  void a_page_larger_than_a_quarter_of_the_budget_is_served_but_not_kept() {
    PageCache cache = new PageCache(1000);

    RenderedPage large = cache.computeIfAbsent(query(7), q -> page(251));

    assertThat(large.body()).hasSize(251);
    assertThat(cache.get(query(7))).isNull();
    assertThat(cache.usedBytes()).isZero();
  }

  @Test
  void a_budget_of_zero_keeps_nothing() {
    PageCache cache = new PageCache(0);

    cache.computeIfAbsent(query(1), q -> page(1));
    cache.computeIfAbsent(query(1), q -> page(1));

    assertThat(renders).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  private RenderedPage page(int bytes) {
    renders.incrementAndGet();
    return new RenderedPage(new byte[bytes], "\"v-q\"", "application/json", 1, 1, null);
  }

  private static PageQuery query(int limit) {
    return new PageQuery(0, limit, false, Projection.all(), Format.JSON);
  }
}
