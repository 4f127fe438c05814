package io.scrapr.orchestrator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.settings.CallPolicy;
import io.scrapr.common.settings.PeerOverrides;
import io.scrapr.orchestrator.core.ClaimResult;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The catalog over real HTTP, against the config-discovery API's answers. */
class ConfigDiscoveryCatalogIT {
  private final StubConfigDiscovery stub = StubConfigDiscovery.start();
  private final ConfigDiscoveryCatalog catalog = catalogAt(stub.uri());

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void lists_all_and_only_the_unassigned_configurations() {
    stub.add(configuration("a", null));
    stub.add(configuration("b", "scraper-books-12345678"));

    assertThat(catalog.all())
        .extracting(StoredConfiguration::id)
        .containsExactlyInAnyOrder("a", "b");
    assertThat(catalog.unassigned()).extracting(StoredConfiguration::id).containsExactly("a");
  }

  @Test
  void five_thousand_configurations_are_read_page_by_page_all_of_them_once() {
    for (int i = 0; i < 5000; i++) {
      stub.add(configuration(String.format("%024x", i), null));
    }
    int before = stub.listings();

    List<StoredConfiguration> all = catalog.all();

    assertThat(all).hasSize(5000);
    assertThat(all).extracting(StoredConfiguration::id).doesNotHaveDuplicates();
    // Five full pages and the empty one that ends the listing: a bounded cost per round.
    assertThat(stub.listings() - before).isEqualTo(6);
    assertThat(catalog.unassigned()).hasSize(5000);
  }

  @Test
  void an_unchanged_list_of_five_thousand_is_confirmed_with_one_request_and_reused() {
    addMany(5000);
    List<StoredConfiguration> first = catalog.all();
    int before = stub.listings();

    List<StoredConfiguration> again = catalog.all();

    assertThat(again).isEqualTo(first);
    assertThat(stub.listings() - before).isEqualTo(1);
    assertThat(stub.notModified()).isEqualTo(1);
    assertThat(stub.ifNoneMatchSent().get(stub.ifNoneMatchSent().size() - 1)).isNotEmpty();
  }

  @Test
  void after_a_change_the_next_read_reads_every_page_again_and_sees_it() {
    addMany(5000);
    catalog.all();
    stub.add(configuration("zzzzzzzzzzzzzzzzzzzzzzzz", null));
    int before = stub.listings();

    List<StoredConfiguration> all = catalog.all();

    assertThat(all).hasSize(5001);
    assertThat(all).extracting(StoredConfiguration::id).contains("zzzzzzzzzzzzzzzzzzzzzzzz");
    // The conditional first page is answered in full, then five more pages.
    assertThat(stub.listings() - before).isEqualTo(6);
    assertThat(stub.notModified()).isZero();
  }

  @Test
  void a_claim_changes_the_version_so_the_next_read_shows_the_holder() {
    stub.add(configuration("a", null));
    assertThat(catalog.all()).singleElement().satisfies(c -> assertThat(c.container()).isNull());

    catalog.claim("a", "scraper-books-1");

    assertThat(catalog.all())
        .singleElement()
        .satisfies(c -> assertThat(c.container()).isEqualTo("scraper-books-1"));
    assertThat(catalog.unassigned()).isEmpty();
  }

  @Test
  void a_copy_older_than_the_reread_age_is_read_again_whole_without_asking() {
    addMany(2500);
    MutableClock clock = new MutableClock();
    ConfigDiscoveryCatalog aging =
        new ConfigDiscoveryCatalog(client(stub.uri()), Duration.ofMinutes(1), clock);
    aging.all();
    clock.advance(Duration.ofSeconds(59));
    int before = stub.listings();
    aging.all();
    assertThat(stub.listings() - before).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    before = stub.listings();
    List<StoredConfiguration> all = aging.all();

    assertThat(all).hasSize(2500);
    assertThat(stub.listings() - before).isEqualTo(3);
    assertThat(stub.ifNoneMatchSent().get(stub.ifNoneMatchSent().size() - 3)).isEmpty();
    assertThat(stub.notModified()).isEqualTo(1);
  }

  @Test
  void a_config_discovery_without_tags_is_read_whole_every_round() {
    stub.withoutTags();
    addMany(1500);
    catalog.all();
    int before = stub.listings();

    assertThat(catalog.all()).hasSize(1500);
    assertThat(stub.listings() - before).isEqualTo(2);
    assertThat(stub.ifNoneMatchSent()).containsOnly("");
  }

  @Test
  void a_claim_succeeds_once_and_again_for_the_same_container_but_not_for_another() {
    stub.add(configuration("a", null));

    assertThat(catalog.claim("a", "scraper-books-1")).isEqualTo(ClaimResult.CLAIMED);
    assertThat(catalog.claim("a", "scraper-books-1")).isEqualTo(ClaimResult.CLAIMED);
    assertThat(catalog.claim("a", "scraper-books-2")).isEqualTo(ClaimResult.HELD_BY_ANOTHER);
    assertThat(catalog.find("a"))
        .hasValueSatisfying(c -> assertThat(c.container()).isEqualTo("scraper-books-1"));
  }

  @Test
  void a_deleted_configuration_is_not_found_and_cannot_be_claimed() {
    assertThat(catalog.find("gone")).isEmpty();
    assertThat(catalog.claim("gone", "scraper-books-1")).isEqualTo(ClaimResult.GONE);
  }

  @Test
  void an_unreachable_config_discovery_is_an_error_not_an_empty_list() {
    ConfigDiscoveryCatalog nowhere = catalogAt(URI.create("http://127.0.0.1:1"));

    assertThatThrownBy(nowhere::all).isInstanceOf(PeerUnavailableException.class);
  }

  private static ConfigDiscoveryCatalog catalogAt(URI uri) {
    return new ConfigDiscoveryCatalog(client(uri));
  }

  private static ServiceClient client(URI uri) {
    PeerLocator locator =
        new PeerLocator(new LocalDiscovery(), PeerOverrides.none().with("config-discovery", uri));
    return new ServiceClient(locator, Optional.empty(), CallPolicy.DEFAULT.once());
  }

  private void addMany(int count) {
    for (int i = 0; i < count; i++) {
      stub.add(configuration(String.format("%024x", i), null));
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static StoredConfiguration configuration(String id, String container) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("collection", "books");
    body.put("ttl", 60);
    Instant now = Instant.now();
    return new StoredConfiguration(
        id, ConfigurationType.SCRAPER, "books", container, 1, now, now, body);
  }
}
