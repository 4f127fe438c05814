package io.scrapr.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScopedTokensTest {
  private static final Optional<String> TOKEN = Optional.of("operator-secret");

  private static Caller identify(String bearer) {
    return ScopedTokens.identify(TOKEN, Optional.of("Bearer " + bearer));
  }

  @Test
  void a_scraper_credential_names_its_configuration_and_collection() {
    String credential = ScopedTokens.scraper("operator-secret", "abc123", "books");

    assertThat(identify(credential)).isEqualTo(new Caller.Scraper("abc123", "books"));
    assertThat(credential).doesNotContain("operator-secret");
  }

  @Test
  void a_credential_edited_to_another_configuration_or_collection_is_worthless() {
    String credential = ScopedTokens.scraper("operator-secret", "abc123", "books");

    assertThat(identify(credential.replace("abc123", "abc124"))).isEqualTo(new Caller.Anonymous());
    assertThat(identify(credential.replace(".books.", ".films.")))
        .isEqualTo(new Caller.Anonymous());
    assertThat(identify(credential + "x")).isEqualTo(new Caller.Anonymous());
  }

  @Test
  void a_credential_derived_under_another_token_is_worthless() {
    String other = ScopedTokens.scraper("rotated-secret", "abc123", "books");

    assertThat(identify(other)).isEqualTo(new Caller.Anonymous());
  }

  @Test
  void the_operator_token_is_the_operator_and_anything_else_is_anonymous() {
    assertThat(identify("operator-secret")).isEqualTo(new Caller.Operator());
    assertThat(identify("operator-secre")).isEqualTo(new Caller.Anonymous());
    assertThat(ScopedTokens.identify(TOKEN, Optional.empty())).isEqualTo(new Caller.Anonymous());
    assertThat(ScopedTokens.identify(TOKEN, Optional.of("operator-secret")))
        .isEqualTo(new Caller.Anonymous());
  }

  @Test
  void without_a_token_every_caller_is_the_operator_as_writes_are_open() {
    assertThat(ScopedTokens.identify(Optional.empty(), Optional.empty()))
        .isEqualTo(new Caller.Operator());
  }

  @Test
  void only_the_operator_and_the_owning_scraper_may_see_a_configurations_secrets() {
    assertThat(new Caller.Operator().maySeeSecretsOf("abc123")).isTrue();
    assertThat(new Caller.Scraper("abc123", "books").maySeeSecretsOf("abc123")).isTrue();
    assertThat(new Caller.Scraper("other", "books").maySeeSecretsOf("abc123")).isFalse();
    assertThat(new Caller.Anonymous().maySeeSecretsOf("abc123")).isFalse();
  }

  @Test
  void a_scope_with_characters_that_could_split_a_credential_is_refused() {
    assertThatThrownBy(() -> ScopedTokens.scraper("t", "a.b", "books"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("configId");
  }
}
