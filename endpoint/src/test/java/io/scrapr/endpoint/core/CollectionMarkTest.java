package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CollectionMarkTest {
  private static final Optional<String> NOON = Optional.of("2026-11-20T12:00:00Z");

  @Test
  void with_versions_only_the_version_decides() {
    CollectionMark v7 = new CollectionMark(Optional.of("7"), 10, NOON);

    assertThat(v7.sameAs(new CollectionMark(Optional.of("7"), 11, Optional.empty()))).isTrue();
    assertThat(v7.sameAs(new CollectionMark(Optional.of("8"), 10, NOON))).isFalse();
  }

  @Test
  void without_versions_count_and_time_decide() {
    CollectionMark mark = CollectionMark.unversioned(10, NOON);

    assertThat(mark.sameAs(CollectionMark.unversioned(10, NOON))).isTrue();
    assertThat(mark.sameAs(CollectionMark.unversioned(11, NOON))).isFalse();
    assertThat(mark.sameAs(CollectionMark.unversioned(10, Optional.of("2026-11-20T12:00:01Z"))))
        .isFalse();
  }

  @Test
  void a_mark_with_a_version_is_never_the_same_as_one_without() {
    CollectionMark versioned = new CollectionMark(Optional.of("7"), 10, NOON);
    CollectionMark unversioned = CollectionMark.unversioned(10, NOON);

    assertThat(versioned.sameAs(unversioned)).isFalse();
    assertThat(unversioned.sameAs(versioned)).isFalse();
  }
}
