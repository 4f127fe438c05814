package io.scrapr.testkit.consul;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the body of {@code PUT /v1/agent/service/register} as Consul does: field names match
 * regardless of case and of snake_case (consul-client sends {@code Id}, the docs say {@code ID}),
 * unknown fields are ignored, and Consul's defaults are applied.
 */
final class DefinitionReader {
  private static final Set<String> STATUSES = Set.of("passing", "warning", "critical");
  private static final List<String> OTHER_CHECK_TYPES =
      List.of("HTTP", "TCP", "UDP", "GRPC", "Args", "ScriptArgs", "DockerContainerID", "H2PING");

  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * Parses a registration.
   *
   * @throws ApiError 400 when the body is not a valid registration
   */
  ServiceDefinition read(String body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiError.badRequest("Request decode failed: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw ApiError.badRequest("Request decode failed: body must be a JSON object");
    }
    String name = text(root, "Name").orElse("");
    if (name.isEmpty()) {
      throw ApiError.badRequest("Missing service name");
    }
    String id = text(root, "ID").filter(s -> !s.isEmpty()).orElse(name);
    List<JsonNode> checkNodes = new ArrayList<>();
    field(root, "Check").filter(JsonNode::isObject).ifPresent(checkNodes::add);
    field(root, "Checks").filter(JsonNode::isArray).ifPresent(a -> a.forEach(checkNodes::add));
    List<CheckDefinition> checks = new ArrayList<>();
    for (int i = 0; i < checkNodes.size(); i++) {
      String defaultId = checkNodes.size() > 1 ? "service:" + id + ":" + (i + 1) : "service:" + id;
      checks.add(check(checkNodes.get(i), defaultId, name));
    }
    return new ServiceDefinition(
        id,
        name,
        strings(root, "Tags"),
        text(root, "Address").orElse(""),
        field(root, "Port").map(JsonNode::asInt).orElse(0),
        meta(root),
        field(root, "EnableTagOverride").map(JsonNode::asBoolean).orElse(false),
        checks);
  }

  private static CheckDefinition check(JsonNode node, String defaultId, String serviceName) {
    for (String type : OTHER_CHECK_TYPES) {
      if (field(node, type).filter(n -> !n.isNull() && !n.asText().isEmpty()).isPresent()) {
        throw ApiError.badRequest(
            "Invalid check: the Consul stand-in runs only TTL checks, not " + type + " checks");
      }
    }
    Duration ttl = field(node, "TTL").map(DefinitionReader::duration).orElse(Duration.ZERO);
    if (ttl.isNegative() || ttl.isZero()) {
      throw ApiError.badRequest("Invalid check: TTL must be > 0 for TTL checks");
    }
    String status = text(node, "Status").filter(s -> !s.isEmpty()).orElse("critical");
    if (!STATUSES.contains(status)) {
      throw ApiError.badRequest("Status for checks must 'passing', 'warning', 'critical'");
    }
    String id =
        text(node, "CheckID")
            .or(() -> text(node, "ID"))
            .filter(s -> !s.isEmpty())
            .orElse(defaultId);
    return new CheckDefinition(
        id,
        text(node, "Name").filter(s -> !s.isEmpty()).orElse("Service '" + serviceName + "' check"),
        text(node, "Notes").orElse(""),
        status,
        ttl,
        field(node, "DeregisterCriticalServiceAfter")
            .map(DefinitionReader::duration)
            .filter(d -> !d.isZero()));
  }

  private static Duration duration(JsonNode node) {
    // Consul takes a Go duration string; a bare number is read as nanoseconds, as Go would.
    if (node.isNumber()) {
      return Duration.ofNanos(node.asLong());
    }
    try {
      return GoDuration.parse(node.asText());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("Request decode failed: " + e.getMessage());
    }
  }

  private static Map<String, String> meta(JsonNode root) {
    Map<String, String> meta = new LinkedHashMap<>();
    field(root, "Meta")
        .filter(JsonNode::isObject)
        .ifPresent(m -> m.properties().forEach(e -> meta.put(e.getKey(), e.getValue().asText())));
    return meta;
  }

  private static List<String> strings(JsonNode node, String name) {
    List<String> values = new ArrayList<>();
    field(node, name)
        .filter(JsonNode::isArray)
        .ifPresent(a -> a.forEach(v -> values.add(v.asText())));
    return values;
  }

  private static Optional<String> text(JsonNode node, String name) {
    return field(node, name).filter(n -> !n.isNull()).map(JsonNode::asText);
  }

  private static Optional<JsonNode> field(JsonNode node, String name) {
    String wanted = normalise(name);
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (normalise(entry.getKey()).equals(wanted)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  private static String normalise(String key) {
    return key.replace("_", "").toLowerCase(Locale.ROOT);
  }
}
