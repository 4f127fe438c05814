package io.scrapr.endpoint.core;

import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which items a query selects and in which order, beyond the collection's own: equality filters, a
 * text search, a sort, a place in the change feed, or one item by its key. The collection's own
 * order, every item, is {@link #none()}: what a page of the stored slice answers without a scan.
 *
 * @param filters every one must hold
 * @param search a text every match holds in one of its string values, case-insensitively
 * @param sort the order, first key first; empty for the collection's (or the feed's) order
 * @param feed the change feed from this place on, in the order of {@code (changedAt, _key)}
 * @param item the {@code _key} of the one item asked for
 */
public record Selection(
    List<FieldFilter> filters,
    Optional<String> search,
    List<SortKey> sort,
    Optional<FeedPosition> feed,
    Optional<String> item) {
  /** The field that holds an item's key. */
  public static final String KEY = "_key";

  /** The field that holds when the datasource last stored new content for an item. */
  public static final String CHANGED_AT = "changedAt";

  /**
   * The most items a scanning query may reach ({@code offset + limit}): it keeps that many places
   * while it reads the collection, whatever the collection's size.
   */
  public static final int MAX_WINDOW = 100_000;

  private static final Selection NONE =
      new Selection(List.of(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());

  public Selection {
    filters = List.copyOf(filters);
    sort = List.copyOf(sort);
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(item, "item");
    search = search.map(s -> s.toLowerCase(Locale.ROOT));
  }

  /** Returns the selection of every item in the collection's own order. */
  public static Selection none() {
    return NONE;
  }

  /** Returns whether this selects every item in the collection's own order. */
  public boolean isNone() {
    return equals(NONE);
  }

  /**
   * Checks the fields it names against those the collection's items have.
   *
   * @throws ValidationException naming each {@code sort} or {@code filter} field no item has
   */
  void checkFields(List<String> known) {
    List<FieldError> errors = new ArrayList<>();
    for (SortKey key : sort) {
      if (!known.contains(key.field())) {
        errors.add(new FieldError("sort", unknown(key.field(), known)));
      }
    }
    for (FieldFilter filter : filters) {
      if (!known.contains(filter.field())) {
        errors.add(new FieldError("filter", unknown(filter.field(), known)));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static String unknown(String field, List<String> known) {
    String listed =
        known.stream().limit(20).map(f -> "'" + f + "'").collect(Collectors.joining(", "));
    return "no item has a field '"
        + field
        + "'; the fields are "
        + (listed.isEmpty() ? "(none: the collection is empty)" : listed)
        + (known.size() > 20 ? ", ..." : "");
  }

  /** Returns the selection in the canonical text form that goes into entity tags. */
  String normalised() {
    if (isNone()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    filters.stream()
        .map(FieldFilter::normalised)
        .sorted()
        .forEach(f -> text.append("&filter=").append(f));
    search.ifPresent(s -> text.append("&q=").append(s.length()).append(':').append(s));
    if (!sort.isEmpty()) {
      text.append("&sort=")
          .append(sort.stream().map(SortKey::normalised).collect(Collectors.joining(",")));
    }
    feed.ifPresent(
        p -> text.append("&feed=").append(p.at().toString()).append('|').append(p.key()));
    item.ifPresent(k -> text.append("&item=").append(k));
    return text.toString();
  }
}
