package io.scrapr.testkit.consul;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service as registered with the agent, after Consul's defaults were applied.
 *
 * @param id the service id, by default its name
 * @param name the service name
 * @param tags its tags, in registration order
 * @param address its address, empty when the node's address applies
 * @param port its port, 0 when none was given
 * @param meta its metadata
 * @param enableTagOverride Consul's tag override flag, carried through unchanged
 * @param checks its TTL checks
 */
record ServiceDefinition(
    String id,
    String name,
    List<String> tags,
    String address,
    int port,
    Map<String, String> meta,
    boolean enableTagOverride,
    List<CheckDefinition> checks) {
  ServiceDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    tags = List.copyOf(tags);
    meta = Map.copyOf(meta);
    checks = List.copyOf(checks);
  }
}
