package io.scrapr.configdiscovery;

import io.scrapr.testkit.arch.CoreRules;
import org.junit.jupiter.api.Test;

/** Keeps the layers honest: the core speaks the domain, never HTTP, MongoDB or its adapters. */
class ConfigDiscoveryArchitectureTest {

  @Test
  void the_core_depends_on_no_adapter_nor_infrastructure() {
    CoreRules.checkCoreIsFreeOfAdapters("io.scrapr.configdiscovery", "web", "store");
  }
}
