package io.scrapr.endpoint;

import io.scrapr.testkit.arch.CoreRules;
import org.junit.jupiter.api.Test;

/** Keeps the endpoint's core free of HTTP, Redis and its own adapters. */
class EndpointArchitectureTest {

  @Test
  void the_core_knows_nothing_of_http_servers_clients_redis_or_the_adapters() {
    CoreRules.checkCoreIsFreeOfAdapters("io.scrapr.endpoint", "web", "store", "client");
  }
}
