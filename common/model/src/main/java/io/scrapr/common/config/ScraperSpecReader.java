package io.scrapr.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code scraper} object of a configuration. */
final class ScraperSpecReader {
  static final List<String> FIELDS =
      List.of(
          "source",
          "scope",
          "selector",
          "paginate",
          "limit",
          "headers",
          "headerHosts",
          "delayMs",
          "robots");

  private final FieldErrors errors;
  private final SelectorReader selectors;

  ScraperSpecReader(FieldErrors errors) {
    this.errors = errors;
    this.selectors = new SelectorReader(errors);
  }

  /** Reads the scraper; empty when any problem with it was recorded. */
  Optional<ScraperSpec> read(ObjectReader scraper) {
    int before = errors.count();
    scraper.allowOnly(FIELDS);
    Optional<URI> source = scraper.requiredUrl("source");
    Optional<String> scope =
        scraper.string("scope").flatMap(s -> selectors.css(s, scraper.path("scope")));
    Optional<Map<String, Selector>> selector =
        scraper.require("selector").flatMap(s -> selectors.fields(s, scraper.path("selector"), 0));
    Optional<Selector.Value> paginate =
        scraper
            .get("paginate")
            .flatMap(p -> selectors.value(p, scraper.path("paginate"), "li.next a@abs:href"));
    long limit =
        scraper
            .integer("limit", 1, ScraperSpec.MAX_LIMIT, "")
            .orElse((long) ScraperSpec.DEFAULT_LIMIT);
    Map<String, String> headers =
        scraper.get("headers").map(h -> headers(h, scraper.path("headers"))).orElse(Map.of());
    List<String> headerHosts =
        scraper
            .get("headerHosts")
            .map(h -> headerHosts(h, scraper.path("headerHosts")))
            .orElse(List.of());
    long delayMs =
        scraper
            .integer("delayMs", 0, ScraperSpec.MAX_DELAY_MS, " milliseconds")
            .orElse(ScraperSpec.DEFAULT_DELAY_MS);
    boolean robots = scraper.bool("robots").orElse(true);
    if (errors.count() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new ScraperSpec(
            source.orElseThrow(),
            scope,
            selector.orElseThrow(),
            paginate,
            (int) limit,
            headers,
            headerHosts,
            delayMs,
            robots));
  }

  private List<String> headerHosts(JsonNode node, String path) {
    if (!node.isArray()) {
      errors.add(
          path,
          "must be an array of host names such as [\"api.example.com\"], was "
              + FieldErrors.kind(node));
      return List.of();
    }
    if (node.size() > ScraperSpec.MAX_HEADER_HOSTS) {
      errors.add(
          path,
          "has "
              + node.size()
              + " hosts; at most "
              + ScraperSpec.MAX_HEADER_HOSTS
              + " are allowed");
    }
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      String entryPath = FieldErrors.element(path, i);
      if (!entry.isTextual()) {
        errors.add(entryPath, "must be a string, was " + FieldErrors.kind(entry));
        continue;
      }
      Optional<String> canonical = HeaderHostCheck.canonical(entry.textValue());
      if (canonical.isEmpty()) {
        HeaderHostCheck.problem(entry.textValue()).ifPresent(p -> errors.add(entryPath, p));
      } else if (hosts.contains(canonical.get())) {
        errors.add(entryPath, "names a host already given (names ignore case)");
      } else {
        hosts.add(canonical.get());
      }
    }
    return hosts;
  }

  private Map<String, String> headers(JsonNode node, String path) {
    if (!node.isObject()) {
      errors.add(
          path,
          "must be an object of header names to string values, was " + FieldErrors.kind(node));
      return Map.of();
    }
    if (node.size() > HeaderCheck.MAX_HEADERS) {
      errors.add(
          path,
          "has " + node.size() + " headers; at most " + HeaderCheck.MAX_HEADERS + " are allowed");
    }
    Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      String headerPath = FieldErrors.member(path, name);
      JsonNode value = entry.getValue();
      HeaderCheck.nameProblem(name).ifPresent(p -> errors.add(headerPath, p));
      if (!seen.add(name)) {
        errors.add(headerPath, "repeats a header already given (names ignore case)");
      }
      if (!value.isTextual()) {
        errors.add(headerPath, "must be a string, was " + FieldErrors.kind(value));
        continue;
      }
      HeaderCheck.valueProblem(value.textValue()).ifPresent(p -> errors.add(headerPath, p));
      headers.put(name, value.textValue());
    }
    return headers;
  }
}
