package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.numbered;
import static io.scrapr.endpoint.core.Items.numbers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.work.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollectionRefresherTest {
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final int READ_ATTEMPTS = 3;

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final CollectionView view = new CollectionView("books", metrics);
  private final FakeSource source = new FakeSource();
  private final FlakyChunkStore store = new FlakyChunkStore();
  // Chunks of 3 items: every collection of the tests spans several.
  private final SnapshotStore snapshots =
      new SnapshotStore("books", store, new ChunkLimits(3, 1 << 20), new ChunkCache(1 << 20));
  private final MovableClock clock = new MovableClock();
  private final CollectionRefresher refresher =
      new CollectionRefresher(
          "cfg1",
          "books",
          source,
          snapshots,
          view,
          new RefreshSchedule(Duration.ofSeconds(1), TTL, READ_ATTEMPTS),
          clock,
          metrics);

  @Test
  void a_successful_pull_is_served_and_kept_in_the_cache() {
    source.items = numbered(4);

    assertThat(refresher.refresh()).isTrue();

    assertThat(view.current().orElseThrow().size()).isEqualTo(4);
    assertThat(view.isStale()).isFalse();
    assertThat(snapshots.load().orElseThrow().version())
        .isEqualTo(view.current().orElseThrow().version());
    assertThat(count("ok")).isEqualTo(1.0);
  }

  @Test
  void a_failed_pull_keeps_the_last_good_copy_marked_stale_until_a_pull_succeeds() {
    source.items = numbered(4);
    refresher.refresh();

    source.down = true;
    assertThat(refresher.refresh()).isFalse();

    assertThat(view.current().orElseThrow().size()).isEqualTo(4);
    assertThat(view.isStale()).isTrue();
    assertThat(count("failed")).isEqualTo(1.0);

    source.down = false;
    refresher.refresh();
    assertThat(view.isStale()).isFalse();
  }

  @Test
  void an_unchanged_collection_keeps_its_snapshot() {
    source.items = numbered(4);
    refresher.refresh();
    Snapshot first = view.current().orElseThrow();

    refresher.refresh();

    assertThat(view.current().orElseThrow()).isSameAs(first);
  }

  @Test
  void a_failed_first_pull_leaves_nothing_to_serve() {
    source.down = true;

    refresher.refresh();

    assertThat(view.current()).isEmpty();
    assertThat(snapshots.load()).isEmpty();
  }

  @Test
  void an_unchanged_version_costs_a_check_and_no_read() {
    source.version("7", numbered(4));
    refresher.refresh();

    refresher.refresh();
    refresher.refresh();

    assertThat(source.fetches).isEqualTo(1);
    assertThat(source.checks).isEqualTo(3);
    assertThat(count("ok")).isEqualTo(3.0);
  }

  @Test
  void a_new_version_is_read_and_served_at_the_next_check() {
    source.version("7", numbered(4));
    refresher.refresh();

    source.version("8", numbered(5));
    refresher.refresh();

    assertThat(view.current().orElseThrow().size()).isEqualTo(5);
    assertThat(view.current().orElseThrow().mark().version()).contains("8");
    assertThat(snapshots.load().orElseThrow().mark().version()).contains("8");
  }

  @Test
  void pages_of_different_versions_are_read_again_and_only_a_consistent_copy_is_served() {
    source.version("7", numbered(4));
    refresher.refresh();

    source.version("9", numbered(6));
    source.inconsistentReads = 2;
    assertThat(refresher.refresh()).isTrue();

    assertThat(numbers(view.current().orElseThrow().items())).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(source.fetches).isEqualTo(1 + 3);
  }

  @Test
  void a_collection_that_never_reads_consistently_keeps_the_last_good_copy_and_is_not_stale() {
    source.version("7", numbered(4));
    refresher.refresh();
    Snapshot good = view.current().orElseThrow();

    source.version("9", numbered(6));
    source.inconsistentReads = Integer.MAX_VALUE;
    assertThat(refresher.refresh()).isFalse();

    assertThat(view.current().orElseThrow()).isSameAs(good);
    assertThat(view.isStale()).isFalse();
    assertThat(source.fetches).isEqualTo(1 + READ_ATTEMPTS);
    assertThat(count("inconsistent")).isEqualTo(1.0);

    source.inconsistentReads = 0;
    refresher.refresh();
    assertThat(view.current().orElseThrow().size()).isEqualTo(6);
  }

  @Test
  void a_failed_read_after_a_successful_check_keeps_the_last_good_copy_marked_stale() {
    source.version("7", numbered(4));
    refresher.refresh();

    source.version("8", numbered(5));
    source.readsFail = true;
    assertThat(refresher.refresh()).isFalse();

    assertThat(view.current().orElseThrow().size()).isEqualTo(4);
    assertThat(view.isStale()).isTrue();
  }

  @Test
  void a_collection_the_source_no_longer_knows_keeps_the_last_good_copy_marked_stale() {
    source.version("7", numbered(4));
    refresher.refresh();

    source.unknown = true;
    assertThat(refresher.refresh()).isFalse();

    assertThat(view.current().orElseThrow().size()).isEqualTo(4);
    assertThat(view.isStale()).isTrue();
    assertThat(count("failed")).isEqualTo(1.0);
  }

  @Test
  void a_collection_the_source_does_not_know_yet_is_served_empty_and_current() {
    source.unknown = true;

    assertThat(refresher.refresh()).isTrue();

    assertThat(view.current().orElseThrow().size()).isZero();
    assertThat(view.isStale()).isFalse();
  }

  @Test
  void a_copy_from_the_cache_is_confirmed_by_a_check_without_a_read() {
    source.version("7", numbered(4));
    SnapshotWriter kept = snapshots.writer();
    kept.start(source.mark());
    numbered(4).forEach(kept::accept);
    view.publish(kept.commit(source.mark()), true);

    assertThat(refresher.refresh()).isTrue();

    assertThat(view.isStale()).isFalse();
    assertThat(source.fetches).isZero();
  }

  @Test
  void without_versions_equal_count_and_time_are_trusted_until_a_ttl_has_passed() {
    source.items = numbered(4);
    refresher.refresh();
    List<ObjectNode> changed = numbered(4);
    changed.get(0).put("n", 40);
    source.items = changed;

    refresher.refresh();
    assertThat(numbers(view.current().orElseThrow().items())).startsWith(1);

    clock.advance(TTL);
    refresher.refresh();
    assertThat(numbers(view.current().orElseThrow().items())).startsWith(40);
  }

  @Test
  void without_versions_a_new_count_is_read_at_the_next_check() {
    source.items = numbered(4);
    refresher.refresh();

    source.items = numbered(5);
    refresher.refresh();

    assertThat(view.current().orElseThrow().size()).isEqualTo(5);
  }

  @Test
  void its_worker_refreshes_at_once_then_every_poll_on_a_named_thread_until_closed() {
    source.version("7", numbered(4));
    Worker worker =
        new CollectionRefresher(
                "cfg1",
                "books",
                source,
                snapshots,
                view,
                new RefreshSchedule(Duration.ofMillis(100), TTL, READ_ATTEMPTS),
                clock,
                metrics)
            .worker();
    assertThat(worker.name()).isEqualTo("endpoint-refresh-books");

    worker.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> count("ok") >= 3);
      assertThat(view.current().orElseThrow().size()).isEqualTo(4);
    } finally {
      worker.close();
    }

    double afterClose = count("ok");
    assertThatThrownBy(worker::ensureRunning).hasMessageContaining("endpoint-refresh-books");
    assertThat(count("ok")).isEqualTo(afterClose);
  }

  @Test
  void the_replaced_copys_chunks_are_deleted_once_the_new_one_is_served() {
    source.version("7", numbered(10));
    refresher.refresh();
    assertThat(store.chunkCount()).isEqualTo(4);

    source.version("8", numbered(5));
    refresher.refresh();

    assertThat(numbers(view.current().orElseThrow().items())).containsExactly(1, 2, 3, 4, 5);
    assertThat(store.chunkCount()).isEqualTo(2);
  }

  @Test
  void a_read_spoilt_by_a_change_leaves_none_of_its_chunks_behind() {
    source.version("7", numbered(6));
    refresher.refresh();

    source.version("9", numbered(12));
    source.inconsistentReads = Integer.MAX_VALUE;
    refresher.refresh();

    assertThat(store.chunkCount()).isEqualTo(2);
    assertThat(snapshots.load().orElseThrow().mark().version()).contains("7");
  }

  @Test
  void a_store_that_cannot_take_the_new_copy_keeps_the_old_one_served_as_stale() {
    source.version("7", numbered(4));
    refresher.refresh();

    source.version("8", numbered(5));
    store.down = true;
    assertThat(refresher.refresh()).isFalse();

    assertThat(view.current().orElseThrow().size()).isEqualTo(4);
    assertThat(view.isStale()).isTrue();
    store.down = false;
    assertThat(refresher.refresh()).isTrue();
    assertThat(view.current().orElseThrow().size()).isEqualTo(5);
    assertThat(view.isStale()).isFalse();
  }

  @Test
  void a_store_that_lost_the_copy_served_has_it_read_again_at_the_next_check() {
    source.version("7", numbered(8));
    refresher.refresh();

    store.forgetEverything();
    refresher.refresh();

    assertThat(source.fetches).isEqualTo(2);
    assertThat(snapshots.load().orElseThrow().size()).isEqualTo(8);
    assertThat(numbers(view.current().orElseThrow().page(PageQuery.defaults())))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  private double count(String outcome) {
    return metrics.get("scrapr.endpoint.refreshes").tag("outcome", outcome).counter().count();
  }

  /** A source whose state, failures and disagreeing pages a test sets. */
  private static final class FakeSource implements CollectionSource {
    volatile boolean down;
    volatile boolean readsFail;
    volatile boolean unknown;
    volatile int inconsistentReads;
    volatile Optional<String> version = Optional.empty();
    volatile List<ObjectNode> items = List.of();
    int checks;
    int fetches;

    void version(String version, List<ObjectNode> items) {
      this.version = Optional.of(version);
      this.items = items;
    }

    CollectionMark mark() {
      return new CollectionMark(version, items.size(), Optional.of("2026-11-20T10:00:00Z"));
    }

    @Override
    public Optional<CollectionMark> check(Optional<CollectionMark> known) {
      checks++;
      if (down) {
        throw new SourceUnavailableException("datasource is down", null);
      }
      return unknown ? Optional.empty() : Optional.of(mark());
    }

    @Override
    public Optional<CollectionMark> fetch(ItemSink sink) {
      fetches++;
      if (down || readsFail) {
        throw new SourceUnavailableException("datasource is down", null);
      }
      if (unknown) {
        return Optional.empty();
      }
      sink.start(mark());
      if (inconsistentReads > 0) {
        inconsistentReads--;
        // A first page's worth is written before the change shows.
        items.subList(0, Math.min(4, items.size())).forEach(sink::accept);
        throw new CollectionChangedException("books", mark(), CollectionMark.none(), 10_000);
      }
      items.forEach(sink::accept);
      return Optional.of(mark());
    }
  }

  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-11-20T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
