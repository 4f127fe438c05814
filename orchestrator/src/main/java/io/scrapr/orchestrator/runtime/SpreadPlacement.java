package io.scrapr.orchestrator.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ServicePlacement;
import java.util.List;
import java.util.Map;

/**
 * A placement with Swarm's placement preferences, which docker-java's {@link ServicePlacement} does
 * not model: {@code spread} over a node attribute, so that the scheduler balances tasks over the
 * values it takes (e.g. {@code node.id}: over the nodes).
 */
final class SpreadPlacement extends ServicePlacement {
  private static final long serialVersionUID = 1L;

  @JsonProperty("Preferences")
  private final List<Map<String, Map<String, String>>> preferences;

  /**
   * @param descriptor the node attribute to spread over, e.g. {@code node.id}
   */
  SpreadPlacement(String descriptor) {
    this.preferences = List.of(Map.of("Spread", Map.of("SpreadDescriptor", descriptor)));
  }

  List<Map<String, Map<String, String>>> preferences() {
    return preferences;
  }
}
