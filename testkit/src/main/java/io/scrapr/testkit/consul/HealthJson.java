package io.scrapr.testkit.consul;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders health entries in Consul's JSON shape ({@code Node}, {@code Service}, {@code Checks}),
 * including the node's {@code serfHealth} check that every real Consul reports.
 */
final class HealthJson {
  static final String DATACENTER = "dc1";

  private final String nodeName;
  private final String nodeAddress;
  private final String nodeId = UUID.randomUUID().toString();

  HealthJson(String nodeName, String nodeAddress) {
    this.nodeName = nodeName;
    this.nodeAddress = nodeAddress;
  }

  /** Returns the entries as the body of {@code /v1/health/service/<name>}. */
  List<Map<String, Object>> render(List<HealthEntry> entries) {
    List<Map<String, Object>> body = new ArrayList<>();
    for (HealthEntry entry : entries) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("Node", node());
      item.put("Service", service(entry));
      item.put("Checks", checks(entry));
      body.add(item);
    }
    return body;
  }

  private Map<String, Object> node() {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("ID", nodeId);
    node.put("Node", nodeName);
    node.put("Address", nodeAddress);
    node.put("Datacenter", DATACENTER);
    node.put(
        "TaggedAddresses",
        Map.of(
            "lan",
            nodeAddress,
            "lan_ipv4",
            nodeAddress,
            "wan",
            nodeAddress,
            "wan_ipv4",
            nodeAddress));
    node.put("Meta", Map.of("consul-network-segment", ""));
    node.put("CreateIndex", 1);
    node.put("ModifyIndex", 1);
    return node;
  }

  private static Map<String, Object> service(HealthEntry entry) {
    ServiceDefinition service = entry.service();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ID", service.id());
    json.put("Service", service.name());
    json.put("Tags", service.tags());
    json.put("Address", service.address());
    json.put("Meta", service.meta());
    json.put("Port", service.port());
    json.put("Weights", Map.of("Passing", 1, "Warning", 1));
    json.put("EnableTagOverride", service.enableTagOverride());
    json.put("Datacenter", DATACENTER);
    json.put("CreateIndex", entry.createIndex());
    json.put("ModifyIndex", entry.modifyIndex());
    return json;
  }

  private List<Map<String, Object>> checks(HealthEntry entry) {
    List<Map<String, Object>> checks = new ArrayList<>();
    checks.add(
        check(
            new HealthEntry.CheckView(
                "serfHealth",
                "Serf Health Status",
                TtlCheck.PASSING,
                "",
                "Agent alive and reachable",
                1,
                1),
            "",
            "",
            List.of(),
            ""));
    ServiceDefinition service = entry.service();
    for (HealthEntry.CheckView view : entry.checks()) {
      checks.add(check(view, service.id(), service.name(), service.tags(), "ttl"));
    }
    return checks;
  }

  private Map<String, Object> check(
      HealthEntry.CheckView view,
      String serviceId,
      String serviceName,
      List<String> serviceTags,
      String type) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Node", nodeName);
    json.put("CheckID", view.id());
    json.put("Name", view.name());
    json.put("Status", view.status());
    json.put("Notes", view.notes());
    json.put("Output", view.output());
    json.put("ServiceID", serviceId);
    json.put("ServiceName", serviceName);
    json.put("ServiceTags", serviceTags);
    json.put("Type", type);
    json.put("Interval", "");
    json.put("Timeout", "");
    json.put("ExposedPort", 0);
    json.put("Definition", Map.of());
    json.put("CreateIndex", view.createIndex());
    json.put("ModifyIndex", view.modifyIndex());
    return json;
  }
}
