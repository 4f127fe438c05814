package io.scrapr.configdiscovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.discovery.ConsulDiscovery;
import io.scrapr.common.discovery.PeerLocator;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.settings.CallPolicy;
import io.scrapr.common.settings.PeerOverrides;
import io.scrapr.testkit.consul.TestConsul;
import io.scrapr.testkit.mongo.TestMongo;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * config-discovery registers in Consul (the stand-in, or a real one) and leaves it when stopped.
 */
class ConsulRegistrationIT {
  private TestMongo mongo;
  private TestConsul consul;
  private ConsulDiscovery discovery;

  @BeforeEach
  void start() {
    mongo = TestMongo.start();
    consul = TestConsul.start();
    discovery = ConsulDiscovery.connect(consul.uri());
  }

  @AfterEach
  void stop() throws Exception {
    discovery.close();
    consul.close();
    mongo.close();
  }

  @Test
  void it_is_found_through_consul_and_drops_out_of_passing_lookups_after_it_stops() {
    RunningConfigDiscovery service = RunningConfigDiscovery.start(mongo.uri(), Map.of(), discovery);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(discovery.healthy("config-discovery"))
                    .extracting(ServiceInstance::port)
                    .containsExactly(service.port()));
    ServiceClient client =
        new ServiceClient(
            new PeerLocator(discovery, PeerOverrides.none()), Optional.empty(), CallPolicy.DEFAULT);
    assertThat(client.get("config-discovery", "/configurations").status()).isEqualTo(200);

    service.close();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> discovery.healthy("config-discovery").isEmpty());
  }
}
