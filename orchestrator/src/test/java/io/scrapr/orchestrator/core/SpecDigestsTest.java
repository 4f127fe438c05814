package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.http.ScopedTokens;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecDigestsTest {
  private final SpecFactory factory =
      new SpecFactory(
          ReconcilerTest.template(Optional.empty(), Optional.of("token")), ScopedTokens::scraper);
  private final SpecDigests digests = new SpecDigests(factory);
  private final StoredConfiguration books =
      Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books");

  @Test
  void a_digest_carries_the_hash_of_the_spec_the_factory_builds() {
    SpecDigests.Digest digest = digests.of(books, "scraper-books-1");

    ServiceSpec spec = factory.of(books, "scraper-books-1");
    assertThat(digest.specHash()).isEqualTo(spec.specHash());
    assertThat(digest.withCompanion()).isTrue();
  }

  @Test
  void an_unchanged_configuration_gets_the_same_digest_and_a_new_version_or_name_a_new_one() {
    SpecDigests.Digest first = digests.of(books, "scraper-books-1");

    assertThat(digests.of(Configurations.heldBy(books, "scraper-books-1"), "scraper-books-1"))
        .isSameAs(first);
    StoredConfiguration next = Configurations.nextVersion(books);
    assertThat(digests.of(next, "scraper-books-1").specHash())
        .isNotEqualTo(first.specHash())
        .isEqualTo(factory.of(next, "scraper-books-1").specHash());
    assertThat(digests.of(next, "scraper-books-2").specHash())
        .isEqualTo(factory.of(next, "scraper-books-2").specHash());
  }

  @Test
  void a_forgotten_configuration_is_hashed_again() {
    SpecDigests.Digest first = digests.of(books, "scraper-books-1");

    digests.keepOnly(Set.of());

    assertThat(digests.of(books, "scraper-books-1")).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void a_running_service_matches_only_with_the_same_hash_and_companion() {
    SpecDigests.Digest digest = digests.of(books, "scraper-books-1");

    assertThat(digest.matches(running(digest.specHash(), true))).isTrue();
    assertThat(digest.matches(running(digest.specHash(), false))).isFalse();
    assertThat(digest.matches(running("0000000000000000", true))).isFalse();
  }

  private RunningService running(String hash, boolean companion) {
    return new RunningService(
        "scraper-books-1",
        books.id(),
        books.type(),
        "books",
        hash,
        1,
        1,
        Optional.empty(),
        companion);
  }
}
