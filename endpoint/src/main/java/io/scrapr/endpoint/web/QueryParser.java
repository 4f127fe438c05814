package io.scrapr.endpoint.web;

import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.http.QueryParams;
import io.scrapr.endpoint.core.FeedPosition;
import io.scrapr.endpoint.core.FieldFilter;
import io.scrapr.endpoint.core.Format;
import io.scrapr.endpoint.core.PageQuery;
import io.scrapr.endpoint.core.Projection;
import io.scrapr.endpoint.core.Selection;
import io.scrapr.endpoint.core.SortKey;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code offset, limit, desc, fields, omit, format} and the selection ({@code sort, filter,
 * q, changedSince, cursor, item}) from a query string into a {@link PageQuery}, collecting every
 * bad parameter into one 400. Other parameters are ignored, so cache-busting parameters do no harm.
 */
final class QueryParser {
  private static final List<String> ONCE =
      List.of(
          "offset",
          "limit",
          "desc",
          "fields",
          "omit",
          "format",
          "sort",
          "q",
          "changedSince",
          "cursor",
          "item");

  /** The most keys one {@code sort} may give. */
  static final int MAX_SORT_KEYS = 4;

  /** The most {@code filter} parameters one query may give. */
  static final int MAX_FILTERS = 20;

  /** The longest {@code q} and {@code item}. */
  static final int MAX_TEXT = 200;

  private QueryParser() {}

  static PageQuery parse(Map<String, List<String>> params) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : ONCE) {
      if (params.getOrDefault(name, List.of()).size() > 1) {
        errors.add(new FieldError(name, "must be given at most once"));
      }
    }
    int offset =
        QueryParams.integer(first(params, "offset"), "offset", 0, 0, Integer.MAX_VALUE, errors);
    int limit =
        QueryParams.integer(
            first(params, "limit"),
            "limit",
            PageQuery.DEFAULT_LIMIT,
            0,
            PageQuery.MAX_LIMIT,
            errors);
    boolean desc = bool(params, "desc", errors);
    Projection projection = projection(params, errors);
    Format format = format(params, errors);
    Selection selection = selection(params, errors);
    if (!selection.isNone() && (long) offset + limit > Selection.MAX_WINDOW) {
      errors.add(
          new FieldError(
              "offset",
              "offset + limit must be at most "
                  + Selection.MAX_WINDOW
                  + " with sort, filter, q, changedSince or cursor; narrow the selection, or"
                  + " follow the change feed's cursor"));
    }
    if (desc && (!selection.sort().isEmpty() || selection.feed().isPresent())) {
      errors.add(
          new FieldError(
              "desc",
              "applies to the collection's own order only; with sort use sort=-field, a change"
                  + " feed has its own order"));
    }
    if (selection.item().isPresent() && format != Format.JSON) {
      errors.add(new FieldError("format", "one item is answered as JSON only"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new PageQuery(offset, limit, desc, projection, format, selection);
  }

  private static Selection selection(Map<String, List<String>> params, List<FieldError> errors) {
    List<SortKey> sort = sort(first(params, "sort"), errors);
    List<FieldFilter> filters = filters(params.getOrDefault("filter", List.of()), errors);
    Optional<String> search = text(params, "q", errors);
    Optional<FeedPosition> feed = feed(params, errors);
    Optional<String> item = text(params, "item", errors);
    if (!sort.isEmpty() && feed.isPresent()) {
      errors.add(
          new FieldError(
              "sort",
              "cannot be combined with changedSince or cursor: the feed has its own order"));
    }
    if (item.isPresent()
        && (!sort.isEmpty() || !filters.isEmpty() || search.isPresent() || feed.isPresent())) {
      errors.add(
          new FieldError(
              "item", "cannot be combined with sort, filter, q, changedSince or cursor"));
    }
    return new Selection(filters, search, sort, feed, item);
  }

  private static List<SortKey> sort(String raw, List<FieldError> errors) {
    if (raw == null) {
      return List.of();
    }
    List<SortKey> keys = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String name = part.trim();
      boolean descending = name.startsWith("-");
      String field = descending ? name.substring(1).trim() : name;
      if (field.isEmpty()) {
        errors.add(
            new FieldError(
                "sort",
                "must name fields, comma-separated, '-' before one to sort it descending,"
                    + " e.g. -price,title; was '"
                    + raw
                    + "'"));
        return List.of();
      }
      if (keys.stream().anyMatch(k -> k.field().equals(field))) {
        errors.add(new FieldError("sort", "names field '" + field + "' twice"));
        return List.of();
      }
      keys.add(new SortKey(field, descending));
    }
    if (keys.size() > MAX_SORT_KEYS) {
      errors.add(
          new FieldError(
              "sort", "names " + keys.size() + " fields; at most " + MAX_SORT_KEYS + " at once"));
      return List.of();
    }
    return keys;
  }

  private static List<FieldFilter> filters(List<String> raw, List<FieldError> errors) {
    if (raw.size() > MAX_FILTERS) {
      errors.add(
          new FieldError(
              "filter", "is given " + raw.size() + " times; at most " + MAX_FILTERS + " at once"));
      return List.of();
    }
    List<FieldFilter> filters = new ArrayList<>();
    for (String one : raw) {
      int colon = one.indexOf(':');
      if (colon <= 0) {
        errors.add(
            new FieldError(
                "filter", "must be field:value, e.g. filter=author:Austen; was '" + one + "'"));
        continue;
      }
      filters.add(new FieldFilter(one.substring(0, colon).trim(), one.substring(colon + 1)));
    }
    return filters;
  }

  private static Optional<String> text(
      Map<String, List<String>> params, String name, List<FieldError> errors) {
    String raw = first(params, name);
    if (raw == null) {
      return Optional.empty();
    }
    if (raw.isBlank() || raw.length() > MAX_TEXT) {
      errors.add(new FieldError(name, "must be 1.." + MAX_TEXT + " characters, not blank"));
      return Optional.empty();
    }
    return Optional.of(raw);
  }

  private static Optional<FeedPosition> feed(
      Map<String, List<String>> params, List<FieldError> errors) {
    String since = first(params, "changedSince");
    String cursor = first(params, "cursor");
    if (since != null && cursor != null) {
      errors.add(
          new FieldError(
              "cursor", "cannot be combined with changedSince; the cursor says where to go on"));
      return Optional.empty();
    }
    if (since != null) {
      try {
        return Optional.of(FeedPosition.since(OffsetDateTime.parse(since).toInstant()));
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldError(
                "changedSince",
                "must be an ISO-8601 instant, e.g. 2026-12-01T10:00:00Z; was '" + since + "'"));
        return Optional.empty();
      }
    }
    if (cursor != null) {
      Optional<FeedPosition> position = FeedPosition.fromCursor(cursor);
      if (position.isEmpty()) {
        errors.add(
            new FieldError(
                "cursor", "is not a cursor this API gave; use the cursor of the last answer"));
      }
      return position;
    }
    return Optional.empty();
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static boolean bool(
      Map<String, List<String>> params, String name, List<FieldError> errors) {
    String raw = first(params, name);
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true")) {
      return true;
    }
    errors.add(new FieldError(name, "must be true or false, was '" + raw + "'"));
    return false;
  }

  private static Projection projection(Map<String, List<String>> params, List<FieldError> errors) {
    String fields = first(params, "fields");
    String omit = first(params, "omit");
    if (fields != null && omit != null) {
      errors.add(new FieldError("fields", "cannot be combined with omit; give one of them"));
      errors.add(new FieldError("omit", "cannot be combined with fields; give one of them"));
      return Projection.all();
    }
    if (fields != null) {
      return names(fields, "fields", errors).map(Projection::only).orElse(Projection.all());
    }
    if (omit != null) {
      return names(omit, "omit", errors).map(Projection::omit).orElse(Projection.all());
    }
    return Projection.all();
  }

  private static Optional<List<String>> names(String raw, String name, List<FieldError> errors) {
    List<String> names =
        Arrays.stream(raw.split(","))
            .map(String::trim)
            .filter(n -> !n.isEmpty())
            .distinct()
            .toList();
    if (names.isEmpty()) {
      errors.add(
          new FieldError(name, "must name at least one field, comma-separated, e.g. title,url"));
      return Optional.empty();
    }
    if (names.size() > Projection.MAX_FIELDS) {
      errors.add(
          new FieldError(
              name,
              "names "
                  + names.size()
                  + " fields; at most "
                  + Projection.MAX_FIELDS
                  + " may be named at once"));
      return Optional.empty();
    }
    return Optional.of(names);
  }

  private static Format format(Map<String, List<String>> params, List<FieldError> errors) {
    String raw = first(params, "format");
    if (raw == null) {
      return Format.JSON;
    }
    return Format.fromWire(raw)
        .orElseGet(
            () -> {
              errors.add(
                  new FieldError(
                      "format", "must be one of json, jsonl, csv, xml, was '" + raw + "'"));
              return Format.JSON;
            });
  }
}
