package io.scrapr.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.common.work.Worker;
import io.scrapr.testkit.leaks.Leaks;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ServiceAssemblyTest {
  private final List<String> closed = new CopyOnWriteArrayList<>();
  private final LocalDiscovery discovery = new LocalDiscovery();

  private static ServiceSettings settings(int port) {
    return ServiceSettings.from(Env.of(Map.of("SCRAPR_PORT", Integer.toString(port))), "test", 0);
  }

  private AutoCloseable part(String name) {
    return () -> closed.add(name);
  }

  @Test
  void a_failed_start_closes_what_started_newest_first_and_leaves_no_thread() throws Exception {
    Leaks leaks = Leaks.before();
    try (ServerSocket taken = new ServerSocket(0)) {
      assertThatThrownBy(
              () ->
                  ServiceAssembly.assemble(
                      settings(taken.getLocalPort()),
                      discovery,
                      parts -> {
                        parts.own("store", part("store"));
                        parts.start(Worker.every("test-loop", Duration.ofMillis(10), () -> {}));
                        parts.onStop("cancel", part("cancel"));
                        parts.serve(List.of(), routes -> {}); // the port is taken: fails here
                        return parts;
                      }))
          .isNotNull();
    }

    assertThat(closed).containsExactly("cancel", "store");
    leaks.assertNothingLeft();
    assertThat(discovery.healthy("test")).isEmpty();
  }

  @Test
  void a_running_service_closes_once_in_reverse_and_deregisters() {
    ServiceAssembly service =
        ServiceAssembly.assemble(
            settings(0),
            discovery,
            parts -> {
              parts.own("first", part("first"));
              parts.own("second", part("second"));
              parts.serve(List.of(), routes -> {});
              parts.register(List.of());
              return parts;
            });
    assertThat(discovery.healthy("test")).hasSize(1);
    assertThat(service.metrics().scrape()).contains("jvm_memory_used_bytes", "jvm_threads_live");

    service.close();
    service.close();

    assertThat(closed).containsExactly("second", "first");
    assertThat(discovery.healthy("test")).isEmpty();
  }

  @Test
  void a_part_handed_over_after_the_stop_is_closed_at_once() {
    ServiceAssembly service = ServiceAssembly.assemble(settings(0), discovery, parts -> parts);
    service.close();

    service.own("late registration", part("late"));

    assertThat(closed).containsExactly("late");
  }
}
