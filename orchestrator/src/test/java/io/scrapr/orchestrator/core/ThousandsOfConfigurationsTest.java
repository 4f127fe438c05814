package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.http.ScopedTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 5,000 posted configurations (a scraper and an endpoint configuration each, 10,000 in the
 * catalog): the first round claims and starts all of them, the next asks the runtime for nothing
 * but its list, and a change costs exactly what it changes.
 */
class ThousandsOfConfigurationsTest {
  private static final int POSTED = 5000;

  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  private final FakeCatalog catalog = new FakeCatalog(journal);
  private final FakeRuntime runtime = new FakeRuntime(journal);
  private final Reconciler reconciler =
      new Reconciler(
          catalog,
          runtime,
          new SpecFactory(ReconcilerTest.template(Optional.empty()), ScopedTokens::scraper),
          new SimpleMeterRegistry(),
          Clock.systemUTC());

  @BeforeEach
  void fiveThousandPosted() {
    for (int i = 0; i < POSTED; i++) {
      catalog.put(scraper(i));
      catalog.put(endpoint(i));
    }
  }

  @Test
  void the_first_round_claims_and_starts_a_scraper_and_an_endpoint_for_every_one() {
    ReconcileReport report = reconciler.reconcile();

    assertThat(journal.stream().filter(e -> e.startsWith("claim "))).hasSize(2 * POSTED);
    assertThat(journal.stream().filter(e -> e.startsWith("create "))).hasSize(2 * POSTED);
    assertThat(runtime.calls()).isEqualTo(Map.of("apply", 2 * POSTED, "remove", 0, "list", 1));
    assertThat(catalog.calls()).isEqualTo(Map.of("all", 1, "find", 0));
    assertThat(runtime.services()).hasSize(2 * POSTED);
    assertThat(runtime.companions()).hasSize(2 * POSTED);
    assertThat(catalog.snapshot())
        .allSatisfy(c -> assertThat(c.container()).isEqualTo(ServiceNames.of(c)));
    assertThat(report.configurations()).hasSize(2 * POSTED);
    assertThat(report.configurations()).allSatisfy(s -> assertThat(s.lastError()).isEmpty());
  }

  @Test
  void a_second_round_changes_nothing_and_asks_the_runtime_only_for_its_list() {
    reconciler.reconcile();
    journal.clear();

    ReconcileReport report = reconciler.reconcile();

    assertThat(journal).isEmpty();
    assertThat(runtime.calls()).isEqualTo(Map.of("apply", 2 * POSTED, "remove", 0, "list", 2));
    assertThat(catalog.calls()).isEqualTo(Map.of("all", 2, "find", 0));
    assertThat(report.configurations()).hasSize(2 * POSTED);
    assertThat(report.unassignedSeen()).isEmpty();
  }

  @Test
  void a_round_after_one_delete_and_one_post_removes_one_and_starts_two() {
    reconciler.reconcile();
    journal.clear();
    catalog.delete(scraper(17).id());
    catalog.delete(endpoint(17).id());
    catalog.put(scraper(POSTED));
    catalog.put(endpoint(POSTED));

    reconciler.reconcile();

    assertThat(journal)
        .containsExactlyInAnyOrder(
            "claim " + ServiceNames.of(scraper(POSTED)),
            "create " + ServiceNames.of(scraper(POSTED)),
            "claim " + ServiceNames.of(endpoint(POSTED)),
            "create " + ServiceNames.of(endpoint(POSTED)),
            "remove " + ServiceNames.of(scraper(17)),
            "remove " + ServiceNames.of(endpoint(17)));
    // Before removing, each orphan's configuration is looked up once more.
    assertThat(catalog.calls()).isEqualTo(Map.of("all", 2, "find", 2));
    assertThat(runtime.calls()).isEqualTo(Map.of("apply", 2 * POSTED + 2, "remove", 2, "list", 2));
  }

  private static StoredConfiguration scraper(int i) {
    return Configurations.scraper(String.format("%024x", i), "c-" + i);
  }

  private static StoredConfiguration endpoint(int i) {
    return Configurations.endpoint(String.format("e%023x", i), "c-" + i);
  }
}
