package io.scrapr.endpoint.core;

import static io.scrapr.endpoint.core.Items.numbered;
import static io.scrapr.endpoint.core.Items.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CollectionViewTest {
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final CollectionView view = new CollectionView("books", metrics);

  @Test
  void nothing_is_answered_before_a_snapshot_is_published() {
    assertThat(view.answer(PageQuery.defaults(), null)).isEmpty();
  }

  @Test
  void the_default_page_prepared_at_publish_is_what_a_fresh_render_gives() {
    Snapshot snapshot = snapshot(numbered(150));
    view.publish(snapshot, false);
    PageQuery defaults = PageQuery.defaults();

    Answer answer = view.answer(defaults, null).orElseThrow();

    assertThat(answer.body())
        .isEqualTo(JsonPage.render(snapshot, defaults, snapshot.page(defaults)));
    assertThat(Items.json(answer.body()).path("items")).hasSize(100);
    assertThat(answer.total()).isEqualTo(150);
  }

  @Test
  void a_client_with_the_current_tag_gets_not_modified_and_no_body() {
    view.publish(snapshot(numbered(3)), false);
    String etag = view.answer(PageQuery.defaults(), null).orElseThrow().etag();

    Answer answer = view.answer(PageQuery.defaults(), etag).orElseThrow();

    assertThat(answer.notModified()).isTrue();
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void staleness_follows_the_last_refresh_and_shows_in_the_gauge() {
    view.publish(snapshot(numbered(3)), true);
    assertThat(view.answer(PageQuery.defaults(), null).orElseThrow().stale()).isTrue();
    assertThat(metrics.get("scrapr.endpoint.stale").gauge().value()).isEqualTo(1.0);

    view.markStale(false);

    assertThat(view.answer(PageQuery.defaults(), null).orElseThrow().stale()).isFalse();
    assertThat(metrics.get("scrapr.endpoint.stale").gauge().value()).isZero();
  }

  @Test
  void served_items_are_counted() {
    view.publish(snapshot(numbered(3)), false);

    view.answer(PageQuery.defaults(), null);
    view.answer(new PageQuery(1, 5, false, Projection.all(), Format.CSV), null);

    assertThat(metrics.get("scrapr.endpoint.items.served").counter().count()).isEqualTo(5.0);
    assertThat(metrics.get("scrapr.endpoint.snapshot.items").gauge().value()).isEqualTo(3.0);
  }
}
