package io.scrapr.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scrapr.common.errors.ValidationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the JSON body users POST into a {@link ScrapeConfiguration}, naming every problem at once,
 * and writes a configuration back in that form.
 */
public final class ConfigurationParser {
  private static final List<String> FIELDS =
      List.of("collection", "ttl", "key", "scraper", "notify");

  private ConfigurationParser() {}

  /**
   * Reads and validates a configuration.
   *
   * @param body the JSON body, e.g. as read by {@code Json.mapper().readTree(...)}; may be null
   * @return the configuration, with defaults filled in
   * @throws ValidationException listing every problem found, each with the dotted path of its field
   *     ({@code ""} for the body itself) and a message a user can act on
   */
  public static ScrapeConfiguration parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ValidationException.of(
          "",
          "must be a JSON object with collection, ttl and scraper, was " + FieldErrors.kind(body));
    }
    FieldErrors errors = new FieldErrors();
    ObjectReader root = new ObjectReader((ObjectNode) body, "", errors);
    root.allowOnly(FIELDS);
    Optional<String> collection = root.requiredString("collection");
    collection
        .filter(c -> !ScrapeConfiguration.isCollectionName(c))
        .ifPresent(
            c ->
                errors.add(
                    "collection",
                    ScrapeConfiguration.RESERVED_COLLECTIONS.contains(c)
                        ? "is a name scrapr uses for its own data; choose another"
                        : "must match " + ScrapeConfiguration.COLLECTION_PATTERN));
    Optional<Long> ttl =
        root.requiredInteger(
            "ttl", ScrapeConfiguration.MIN_TTL, ScrapeConfiguration.MAX_TTL, " seconds");
    List<String> key = key(root, errors);
    Optional<ScraperSpec> scraper =
        root.requiredObject("scraper").flatMap(new ScraperSpecReader(errors)::read);
    Optional<URI> notify = root.url("notify");
    errors.throwIfAny();
    return new ScrapeConfiguration(
        collection.orElseThrow(), ttl.orElseThrow().intValue(), key, scraper.orElseThrow(), notify);
  }

  /**
   * Writes a configuration in its canonical JSON form: selectors in their string, list and object
   * syntax, absent optional members left out, such that {@code parse(toJson(c))} equals {@code c}.
   *
   * @param configuration the configuration to write
   * @return a new JSON object the caller may change
   */
  public static ObjectNode toJson(ScrapeConfiguration configuration) {
    return ConfigurationWriter.write(configuration);
  }

  private static List<String> key(ObjectReader root, FieldErrors errors) {
    Optional<JsonNode> node = root.get("key");
    if (node.isEmpty()) {
      return List.of();
    }
    if (!node.get().isArray()) {
      errors.add("key", "must be an array of field names, was " + FieldErrors.kind(node.get()));
      return List.of();
    }
    // Checked against the raw JSON so a mistake in one selector does not hide a key problem.
    JsonNode selector = root.node().path("scraper").path("selector");
    Set<String> seen = new HashSet<>();
    List<String> key = new ArrayList<>();
    for (int i = 0; i < node.get().size(); i++) {
      JsonNode field = node.get().get(i);
      String path = FieldErrors.element("key", i);
      if (!field.isTextual()) {
        errors.add(path, "must be a string, was " + FieldErrors.kind(field));
      } else if (field.textValue().isEmpty()) {
        errors.add(path, "must not be empty");
      } else if (!seen.add(field.textValue())) {
        errors.add(path, "names \"" + field.textValue() + "\" a second time");
      } else if (selector.isObject() && !selector.has(field.textValue())) {
        errors.add(path, "names a field not in scraper.selector: \"" + field.textValue() + "\"");
      } else {
        key.add(field.textValue());
      }
    }
    return key;
  }
}
