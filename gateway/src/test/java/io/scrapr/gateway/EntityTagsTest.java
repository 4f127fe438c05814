package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
  private static final String TAG = "\"0a6cf00e52d3e99b-1f2e3d4c5b6a\"";

  @Test
  void the_tag_itself_its_weak_form_a_list_naming_it_and_a_star_match() {
    assertThat(EntityTags.matches(TAG, TAG)).isTrue();
    assertThat(EntityTags.matches("W/" + TAG, TAG)).isTrue();
    assertThat(EntityTags.matches("\"other\", " + TAG, TAG)).isTrue();
    assertThat(EntityTags.matches("*", TAG)).isTrue();
  }

  @Test
  void another_tag_a_blank_header_or_no_tag_do_not() {
    assertThat(EntityTags.matches("\"other\"", TAG)).isFalse();
    assertThat(EntityTags.matches(" ", TAG)).isFalse();
    assertThat(EntityTags.matches(null, TAG)).isFalse();
    assertThat(EntityTags.matches(TAG, null)).isFalse();
  }
}
