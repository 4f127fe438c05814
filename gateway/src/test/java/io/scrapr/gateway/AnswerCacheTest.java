package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
  private static final long BOUND = 16_000;

  private final AnswerCache cache = new AnswerCache(BOUND);

  @Test
  void an_answer_is_kept_the_second_time_it_is_offered() {
    CacheKey key = CacheKey.of("books", "limit=5");

    assertThat(cache.offer(key, answer(100))).isFalse();
    assertThat(cache.get(key)).isNull();
    assertThat(cache.offer(key, answer(100))).isTrue();
    assertThat(cache.get(key)).isNotNull();
  }

  @Test
  void a_kept_answer_is_replaced_at_its_first_offer() {
    CacheKey key = keep("limit=5", 100);

    cache.offer(key, answer(200));

    assertThat(cache.get(key).served().body()).hasSize(200);
  }

  @Test
  void the_total_stays_within_the_bound_and_the_least_recently_used_go_first() {
    CacheKey first = keep("offset=0", 1500);
    CacheKey second = keep("offset=1", 1500);
    for (int i = 2; i < 40; i++) {
      cache.get(first);
      keep("offset=" + i, 1500);
      assertThat(cache.bytes()).isLessThanOrEqualTo(BOUND);
    }

    assertThat(cache.get(first)).isNotNull();
    assertThat(cache.get(second)).isNull();
    assertThat(cache.evictions()).isPositive();
    assertThat(cache.size()).isLessThan(40);
  }

  @Test
  void an_answer_larger_than_an_eighth_of_the_bound_is_never_kept_and_drops_the_old_copy() {
    CacheKey key = keep("limit=5", 100);

    cache.offer(key, answer((int) (BOUND / 8)));

    assertThat(cache.get(key)).isNull();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void an_answer_without_an_entity_tag_is_never_kept() {
    CacheKey key = CacheKey.of("books", "");
    CachedAnswer untagged =
        CachedAnswer.of(new EndpointAnswer(200, "application/json", List.of(), new byte[10]), 0);

    cache.offer(key, untagged);
    cache.offer(key, untagged);

    assertThat(cache.get(key)).isNull();
  }

  @Test
  void replacing_a_copy_that_went_meanwhile_does_not_bring_it_back() {
    CacheKey key = keep("limit=5", 100);
    cache.remove(key);

    cache.replace(key, answer(100));

    assertThat(cache.get(key)).isNull();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void the_copies_of_collections_no_longer_served_go() {
    keep("limit=5", 100);
    CacheKey films = CacheKey.of("films", "");
    cache.offer(films, answer(100));
    cache.offer(films, answer(100));

    cache.retain(Set.of("films"));

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get(films)).isNotNull();
    assertThat(cache.bytes()).isEqualTo(films.weight() + answer(100).weight());
  }

  @Test
  void a_bound_of_zero_keeps_nothing() {
    AnswerCache off = new AnswerCache(0);
    CacheKey key = CacheKey.of("books", "");

    off.offer(key, answer(1));
    off.offer(key, answer(1));

    assertThat(off.size()).isZero();
  }

  private CacheKey keep(String query, int bodyBytes) {
    CacheKey key = CacheKey.of("books", query);
    cache.offer(key, answer(bodyBytes));
    assertThat(cache.offer(key, answer(bodyBytes))).isTrue();
    return key;
  }

  private static CachedAnswer answer(int bodyBytes) {
    return CachedAnswer.of(
        new EndpointAnswer(
            200,
            "application/json",
            List.of(new EndpointAnswer.Header("ETag", "\"v1\"")),
            new byte[bodyBytes]),
        0);
  }
}
