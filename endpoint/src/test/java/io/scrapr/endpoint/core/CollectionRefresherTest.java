package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.numbered;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollectionRefresherTest {
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final CollectionView view = new CollectionView("books", metrics);
  private final SwitchableSource source = new SwitchableSource();
  private final RecordingCache cache = new RecordingCache();
  private final CollectionRefresher refresher =
      new CollectionRefresher(
          "cfg1", "books", source, cache, view, Duration.ofSeconds(60), metrics);

  @Test
  void a_successful_pull_is_served_and_kept_in_the_cache() {
    source.items = numbered(4);

    assertThat(refresher.refresh()).isTrue();

    assertThat(view.current().orElseThrow().size()).isEqualTo(4);
    assertThat(view.isStale()).isFalse();
    assertThat(cache.saved).hasSize(1);
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
    assertThat(cache.saved).isEmpty();
  }

  private double count(String outcome) {
    return metrics.get("scrapr.endpoint.refreshes").tag("outcome", outcome).counter().count();
  }

  private static final class SwitchableSource implements CollectionSource {
    volatile boolean down;
    volatile List<com.fasterxml.jackson.databind.node.ObjectNode> items = List.of();

    @Override
    public FetchedCollection fetch() {
      if (down) {
        throw new SourceUnavailableException("datasource is down", null);
      }
      return new FetchedCollection(Optional.empty(), items);
    }
  }

  private static final class RecordingCache implements SnapshotCache {
    final List<Snapshot> saved = new ArrayList<>();

    @Override
    public Optional<Snapshot> load() {
      return Optional.empty();
    }

    @Override
    public void save(Snapshot snapshot) {
      saved.add(snapshot);
    }
  }
}
