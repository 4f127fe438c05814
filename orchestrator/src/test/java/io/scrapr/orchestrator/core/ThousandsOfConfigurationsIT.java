package io.scrapr.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.http.ScopedTokens;
import io.scrapr.common.settings.CallPolicy;
import io.scrapr.common.settings.PeerOverrides;
import io.scrapr.orchestrator.client.ConfigDiscoveryCatalog;
import io.scrapr.orchestrator.client.StubConfigDiscovery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 5,000 posted configurations (10,000 listed: a scraper and an endpoint configuration each) over
 * real HTTP: the orchestrator's own client pages past config-discovery's 1,000 per page, claims
 * every one, and once nothing changes a full round costs one list request.
 */
class ThousandsOfConfigurationsIT {
  private static final int POSTED = 5000;
  private static final int LISTED = 2 * POSTED;

  private final StubConfigDiscovery stub = StubConfigDiscovery.start();
  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  private final FakeRuntime runtime = new FakeRuntime(journal);
  private final Reconciler reconciler =
      new Reconciler(
          new ConfigDiscoveryCatalog(client()),
          runtime,
          new SpecFactory(ReconcilerTest.template(Optional.empty()), ScopedTokens::scraper),
          new SimpleMeterRegistry(),
          Clock.systemUTC());

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void every_configuration_is_started_once_and_an_idle_round_costs_one_request() {
    for (int i = 0; i < POSTED; i++) {
      stub.add(scraper(i));
      stub.add(endpoint(i));
    }

    reconciler.reconcile();

    // Ten full pages and the empty one that ends the list; then one claim each.
    assertThat(stub.listings()).isEqualTo(11);
    assertThat(stub.claims()).isEqualTo(LISTED);
    assertThat(runtime.calls()).isEqualTo(Map.of("apply", LISTED, "remove", 0, "list", 1));
    assertThat(runtime.services()).hasSize(LISTED);
    assertThat(stub.get(scraper(POSTED - 1).id()))
        .hasValueSatisfying(
            c -> assertThat(c.container()).isEqualTo(ServiceNames.of(scraper(POSTED - 1))));

    // Its own claims changed the version: the second round reads every page once more.
    journal.clear();
    reconciler.reconcile();
    assertThat(journal).isEmpty();
    assertThat(stub.listings()).isEqualTo(22);
    assertThat(stub.claims()).isEqualTo(LISTED);

    // Nothing changed since: one conditional request, answered 304.
    reconciler.reconcile();
    assertThat(journal).isEmpty();
    assertThat(stub.listings()).isEqualTo(23);
    assertThat(stub.notModified()).isEqualTo(1);
    assertThat(runtime.calls()).isEqualTo(Map.of("apply", LISTED, "remove", 0, "list", 3));

    // One new configuration: the next round reads the pages again and starts just that one.
    stub.add(scraper(POSTED));
    reconciler.reconcile();
    assertThat(journal).containsExactly("create " + ServiceNames.of(scraper(POSTED)));
    assertThat(stub.listings()).isEqualTo(34);
    assertThat(stub.claims()).isEqualTo(LISTED + 1);
  }

  private ServiceClient client() {
    PeerLocator locator =
        new PeerLocator(
            new LocalDiscovery(), PeerOverrides.none().with("config-discovery", stub.uri()));
    return new ServiceClient(locator, Optional.empty(), CallPolicy.DEFAULT.once());
  }

  private static StoredConfiguration scraper(int i) {
    return Configurations.scraper(String.format("%024x", i), "c-" + i);
  }

  private static StoredConfiguration endpoint(int i) {
    return Configurations.endpoint(String.format("e%023x", i), "c-" + i);
  }
}
