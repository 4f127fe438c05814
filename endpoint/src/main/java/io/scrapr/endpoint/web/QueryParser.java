package io.scrapr.endpoint.web;

import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.http.QueryParams;
import io.scrapr.endpoint.core.Format;
import io.scrapr.endpoint.core.PageQuery;
import io.scrapr.endpoint.core.Projection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code offset, limit, desc, fields, omit, format} from a query string into a {@link
 * PageQuery}, collecting every bad parameter into one 400. Other parameters are ignored, so
 * cache-busting parameters do no harm.
 */
final class QueryParser {
  private static final List<String> KNOWN =
      List.of("offset", "limit", "desc", "fields", "omit", "format");

  private QueryParser() {}

  static PageQuery parse(Map<String, List<String>> params) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : KNOWN) {
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
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new PageQuery(offset, limit, desc, projection, format);
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
