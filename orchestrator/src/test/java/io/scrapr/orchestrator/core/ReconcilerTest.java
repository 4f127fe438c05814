package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.http.ScopedTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  private final FakeCatalog catalog = new FakeCatalog(journal);
  private final FakeRuntime runtime = new FakeRuntime(journal);
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final ServiceTemplate template = template(Optional.empty());

  private final StoredConfiguration books =
      Configurations.scraper("65a1b2c3d4e5f60718293a4b", "books");
  private final StoredConfiguration booksEndpoint =
      Configurations.endpoint("0a1b2c3d4e5f60718293a4b5", "books");

  @Test
  void claims_each_unassigned_configuration_before_creating_its_service() {
    catalog.put(books);
    catalog.put(booksEndpoint);

    reconciler().reconcile();

    String scraper = ServiceNames.of(books);
    String endpoint = ServiceNames.of(booksEndpoint);
    assertThat(journal)
        .containsExactlyInAnyOrder(
            "claim " + scraper, "create " + scraper, "claim " + endpoint, "create " + endpoint);
    assertThat(journal.indexOf("claim " + scraper))
        .isLessThan(journal.indexOf("create " + scraper));
    assertThat(journal.indexOf("claim " + endpoint))
        .isLessThan(journal.indexOf("create " + endpoint));
    assertThat(catalog.get(books.id()).container()).isEqualTo(scraper);
    assertThat(runtime.services().get(scraper).env())
        .containsEntry("SCRAPR_CONFIG_ID", books.id())
        .containsEntry("SCRAPR_REDIS_URL", "redis://" + scraper + "-redis:6379");
    assertThat(runtime.companions()).containsEntry(scraper, scraper + "-redis");
  }

  @Test
  void a_new_configurations_scraper_and_endpoint_are_created_at_the_same_time() throws Exception {
    catalog.put(books);
    catalog.put(booksEndpoint);
    // Each apply waits until the other has begun: applied one after the other, the first would
    // wait in vain and fail.
    CountDownLatch bothStarted = new CountDownLatch(2);
    Runtime meeting =
        new Runtime() {
          @Override
          public void apply(ServiceSpec spec) {
            bothStarted.countDown();
            try {
              if (!bothStarted.await(10, TimeUnit.SECONDS)) {
                throw new ServiceOperationException(spec.name(), "applied alone", null);
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new ServiceOperationException(spec.name(), "interrupted", e);
            }
            runtime.apply(spec);
          }

          @Override
          public void remove(String serviceName) {
            runtime.remove(serviceName);
          }

          @Override
          public List<RunningService> list() {
            return runtime.list();
          }

          @Override
          public void close() {}
        };

    ReconcileReport report =
        new Reconciler(
                catalog,
                meeting,
                new SpecFactory(template, ScopedTokens::scraper),
                metrics,
                Clock.systemUTC())
            .reconcile();

    assertThat(report.configurations()).allSatisfy(s -> assertThat(s.lastError()).isEmpty());
    assertThat(runtime.services())
        .containsOnlyKeys(ServiceNames.of(books), ServiceNames.of(booksEndpoint));
  }

  @Test
  void the_report_shows_each_configuration_with_the_service_that_now_holds_it() {
    catalog.put(books);

    ReconcileReport report = reconciler().reconcile();

    assertThat(report.configurations())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.configId()).isEqualTo(books.id());
              assertThat(s.container()).isEqualTo(ServiceNames.of(books));
              assertThat(s.service()).contains(ServiceNames.of(books));
              assertThat(s.desiredTasks()).isEqualTo(1);
              assertThat(s.lastError()).isEmpty();
            });
    assertThat(report.unassignedSeen()).containsExactly(books.id());
  }

  @Test
  void a_second_round_changes_nothing() {
    catalog.put(books);
    reconciler().reconcile();
    journal.clear();

    reconciler().reconcile();

    assertThat(journal).isEmpty();
    assertThat(runtime.services()).hasSize(1);
  }

  @Test
  void a_restarted_orchestrator_adopts_the_services_it_created_without_touching_them() {
    catalog.put(books);
    reconciler().reconcile();
    journal.clear();

    Reconciler restarted = reconciler();
    ReconcileReport report = restarted.reconcile();

    assertThat(journal).isEmpty();
    assertThat(report.configurations())
        .singleElement()
        .satisfies(s -> assertThat(s.service()).contains(ServiceNames.of(books)));
  }

  @Test
  void a_configuration_another_container_holds_gets_no_service() {
    catalog.put(Configurations.heldBy(books, "standalone-7"));

    ReconcileReport report = reconciler().reconcile();

    assertThat(runtime.services()).isEmpty();
    assertThat(journal).isEmpty();
    assertThat(report.configurations())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.container()).isEqualTo("standalone-7");
              assertThat(s.service()).isEmpty();
            });
  }

  @Test
  void a_claim_refused_with_409_skips_the_configuration_and_creates_nothing() {
    catalog.put(books);
    catalog.grabBeforeNextClaim("someone-else");

    reconciler().reconcile();

    assertThat(runtime.services()).isEmpty();
    assertThat(catalog.get(books.id()).container()).isEqualTo("someone-else");
    assertThat(counter("orchestrator.actions", "action", "create")).isZero();
  }

  @Test
  void removes_the_service_and_its_redis_when_its_configuration_is_deleted() {
    catalog.put(books);
    reconciler().reconcile();
    journal.clear();

    catalog.delete(books.id());
    reconciler().reconcile();

    assertThat(journal).containsExactly("remove " + ServiceNames.of(books));
    assertThat(runtime.services()).isEmpty();
    assertThat(runtime.companions()).isEmpty();
  }

  @Test
  void removes_the_service_when_its_configuration_is_given_to_another_container() {
    catalog.put(books);
    reconciler().reconcile();

    catalog.put(Configurations.heldBy(books, "standalone-7"));
    reconciler().reconcile();

    assertThat(runtime.services()).isEmpty();
  }

  @Test
  void recreates_a_service_removed_by_hand() {
    catalog.put(books);
    reconciler().reconcile();
    String name = ServiceNames.of(books);
    runtime.removeWithRedisByHand(name);
    journal.clear();

    reconciler().reconcile();

    assertThat(journal).containsExactly("create " + name);
    assertThat(runtime.companions()).containsKey(name);
  }

  @Test
  void recreates_a_service_whose_redis_was_left_behind() {
    catalog.put(books);
    reconciler().reconcile();
    String name = ServiceNames.of(books);
    runtime.removeByHand(name);
    journal.clear();

    reconciler().reconcile();

    assertThat(journal).containsExactly("create " + name);
  }

  @Test
  void removes_a_redis_left_behind_by_a_service_whose_configuration_is_gone() {
    catalog.put(books);
    reconciler().reconcile();
    String name = ServiceNames.of(books);
    runtime.removeByHand(name);
    catalog.delete(books.id());

    reconciler().reconcile();

    assertThat(runtime.companions()).isEmpty();
  }

  @Test
  void a_changed_configuration_rolls_its_service() {
    catalog.put(books);
    reconciler().reconcile();
    String name = ServiceNames.of(books);
    journal.clear();

    catalog.put(Configurations.nextVersion(catalog.get(books.id())));
    reconciler().reconcile();

    assertThat(journal).containsExactly("update " + name);
    assertThat(runtime.services().get(name).env()).containsEntry("SCRAPR_CONFIG_VERSION", "2");
    assertThat(counter("orchestrator.actions", "action", "update")).isEqualTo(1);
  }

  @Test
  void killed_between_claim_and_create_the_next_run_creates_exactly_one_service() {
    catalog.put(books);
    runtime.failNextApplies(1);
    ReconcileReport failed = reconciler().reconcile();
    assertThat(runtime.services()).isEmpty();
    assertThat(failed.configurations().get(0).lastError()).contains("engine unreachable");

    Reconciler restarted = reconciler();
    restarted.reconcile();
    restarted.reconcile();

    assertThat(runtime.services()).containsOnlyKeys(ServiceNames.of(books));
    assertThat(journal)
        .containsExactly("claim " + ServiceNames.of(books), "create " + ServiceNames.of(books));
  }

  @Test
  void a_failed_lookup_never_removes_a_running_service() {
    catalog.put(books);
    reconciler().reconcile();
    // A list that lost the configuration, and a look-up that fails: nothing proves it is gone.
    catalog.hideFromList(books.id());
    catalog.failLookups();

    reconciler().reconcile();

    assertThat(runtime.services()).containsOnlyKeys(ServiceNames.of(books));
  }

  @Test
  void keeps_a_service_whose_configuration_is_missing_from_a_cut_list() {
    catalog.put(books);
    reconciler().reconcile();
    catalog.hideFromList(books.id());

    reconciler().reconcile();

    assertThat(runtime.services()).containsOnlyKeys(ServiceNames.of(books));
  }

  @Test
  void changes_nothing_when_config_discovery_is_unreachable() {
    catalog.put(books);
    reconciler().reconcile();
    catalog.down(true);

    assertThatThrownBy(() -> reconciler().reconcile()).hasMessageContaining("unreachable");

    assertThat(runtime.services()).hasSize(1);
    assertThat(counter("orchestrator.reconcile.runs", "outcome", "failed")).isEqualTo(1);
  }

  @Test
  void a_shared_redis_means_no_companion() {
    ServiceTemplate shared = template(Optional.of("redis://redis:6379/0"));
    catalog.put(books);

    new Reconciler(
            catalog,
            runtime,
            new SpecFactory(shared, ScopedTokens::scraper),
            metrics,
            Clock.systemUTC())
        .reconcile();

    String name = ServiceNames.of(books);
    assertThat(runtime.companions()).isEmpty();
    assertThat(runtime.services().get(name).env())
        .containsEntry("SCRAPR_REDIS_URL", "redis://redis:6379/0");
  }

  @Test
  void counts_runs_claims_and_creates() {
    catalog.put(books);
    catalog.put(booksEndpoint);

    reconciler().reconcile();

    assertThat(counter("orchestrator.reconcile.runs", "outcome", "ok")).isEqualTo(1);
    assertThat(counter("orchestrator.actions", "action", "claim")).isEqualTo(2);
    assertThat(counter("orchestrator.actions", "action", "create")).isEqualTo(2);
  }

  private Reconciler reconciler() {
    return new Reconciler(
        catalog,
        runtime,
        new SpecFactory(template, ScopedTokens::scraper),
        metrics,
        Clock.systemUTC());
  }

  private double counter(String name, String tag, String value) {
    var counter = metrics.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  static ServiceTemplate template(Optional<String> sharedRedis) {
    return template(sharedRedis, Optional.empty());
  }

  static ServiceTemplate template(Optional<String> sharedRedis, Optional<String> apiToken) {
    return new ServiceTemplate(
        "scrapr/",
        "1.0",
        "redis:7-alpine",
        List.of(),
        128L << 20,
        sharedRedis,
        Map.of("CONSUL_URL", "http://consul:8500"),
        0.5,
        256L << 20,
        apiToken);
  }
}
