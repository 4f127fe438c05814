package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.http.ScopedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileLoopTest {
  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  private final FakeCatalog catalog = new FakeCatalog(journal);
  private final FakeRuntime runtime = new FakeRuntime(journal);

  @Test
  void a_new_unassigned_configuration_gets_its_service_long_before_the_next_full_round() {
    try (ReconcileLoop loop = loop(Duration.ofHours(1))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> loop.status().reconciledAt().isPresent());

      catalog.put(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"));

      await().atMost(Duration.ofSeconds(2)).until(() -> runtime.services().size() == 1);
      await()
          .atMost(Duration.ofSeconds(2))
          .untilAsserted(() -> assertThat(loop.status().configurations()).hasSize(1));
    }
  }

  @Test
  void full_rounds_remove_services_whose_configuration_was_deleted() {
    catalog.put(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"));
    ReconcileLoop loop = loop(Duration.ofMillis(200));
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> runtime.services().size() == 1);

      catalog.delete("65a1b2c3d4e5f60718293a4b");

      await().atMost(Duration.ofSeconds(5)).until(() -> runtime.services().isEmpty());
    } finally {
      loop.close();
    }
  }

  @Test
  void reports_a_failed_round_and_recovers_when_config_discovery_answers_again() {
    catalog.down(true);
    try (ReconcileLoop loop = loop(Duration.ofMillis(200))) {
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(loop.status().lastFailure())
                      .hasValueSatisfying(m -> assertThat(m).contains("unreachable")));

      catalog.put(Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books"));
      catalog.down(false);

      await().atMost(Duration.ofSeconds(5)).until(() -> runtime.services().size() == 1);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> loop.status().lastFailure().equals(Optional.empty()));
    }
  }

  private ReconcileLoop loop(Duration fullEvery) {
    Reconciler reconciler =
        new Reconciler(
            catalog,
            runtime,
            new SpecFactory(ReconcilerTest.template(Optional.empty()), ScopedTokens::scraper),
            new SimpleMeterRegistry(),
            Clock.systemUTC());
    return new ReconcileLoop(
            reconciler, catalog, Duration.ofMillis(50), fullEvery, Clock.systemUTC())
        .start();
  }
}
