package io.scrapr.configdiscovery.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.config.ConfigurationParser;
import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.http.Caller;
import io.scrapr.common.http.JsonBody;
import io.scrapr.common.http.QueryParams;
import io.scrapr.common.net.TargetPolicy;
import io.scrapr.configdiscovery.core.ConfigurationQuery;
import io.scrapr.configdiscovery.core.ConfigurationService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The HTTP face of the configuration store: parse, validate, call the service, respond. */
public final class ConfigurationRoutes {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 1000;
  private static final int MAX_CONTAINER_NAME = 128;

  private final ConfigurationService service;
  private final TargetScreen targets;

  /**
   * Creates the routes over the service.
   *
   * @param service the use cases
   * @param targets the scrapers' target policy ({@code SCRAPR_ALLOWED_TARGETS}), to refuse internal
   *     targets at once
   */
  public ConfigurationRoutes(ConfigurationService service, TargetPolicy targets) {
    this.service = service;
    this.targets = new TargetScreen(targets);
  }

  /** Adds the routes. */
  public void addTo(RoutesConfig routes) {
    routes.post("/configurations", this::post);
    routes.get("/configurations", this::list);
    routes.get(
        "/configurations/{id}",
        ctx ->
            ctx.json(SecretRedaction.forCaller(Caller.of(ctx), service.get(ctx.pathParam("id")))));
    routes.put("/configurations/{id}", this::put);
    routes.post("/configurations/{id}/claim", this::claim);
    routes.delete("/configurations/{id}", this::delete);
  }

  private void post(Context ctx) {
    JsonNode body = JsonBody.tree(ctx);
    StoredConfiguration stored = service.post(screened(body));
    ctx.status(201).header("Location", "/configurations/" + stored.id()).json(stored);
  }

  private void put(Context ctx) {
    JsonNode body = JsonBody.tree(ctx);
    ctx.json(service.replace(ctx.pathParam("id"), screened(body)));
  }

  private ObjectNode screened(JsonNode body) {
    ScrapeConfiguration configuration = ConfigurationParser.parse(body);
    targets.check(configuration);
    return ConfigurationParser.toJson(configuration);
  }

  private void claim(Context ctx) {
    JsonNode body = JsonBody.tree(ctx);
    JsonNode container = body.path("container");
    List<FieldError> errors = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("container")) {
                errors.add(new FieldError(name, "unknown field"));
              }
            });
    if (!container.isTextual() || container.asText().isBlank()) {
      errors.add(
          new FieldError(
              "container", "is required: the name of the service claiming the configuration"));
    } else if (container.asText().length() > MAX_CONTAINER_NAME) {
      errors.add(
          new FieldError("container", "must be at most " + MAX_CONTAINER_NAME + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    ctx.json(service.claim(ctx.pathParam("id"), container.asText()));
  }

  private void delete(Context ctx) {
    service.delete(ctx.pathParam("id"));
    ctx.status(204);
  }

  /**
   * A page of the list, with the version of all configurations as its {@code ETag}: {@code
   * If-None-Match} with it gets a {@code 304} while nothing changed, at the cost of one look-up.
   */
  private void list(Context ctx) {
    List<FieldError> errors = new ArrayList<>();
    Optional<ConfigurationType> type =
        Optional.ofNullable(ctx.queryParam("type")).flatMap(t -> parseType(t, errors));
    Optional<String> collection = Optional.ofNullable(ctx.queryParam("collection"));
    Optional<String> container = Optional.ofNullable(ctx.queryParam("container"));
    boolean unassigned = container.filter("null"::equals).isPresent();
    int limit =
        QueryParams.integer(ctx.queryParam("limit"), "limit", DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
    int offset =
        QueryParams.integer(ctx.queryParam("offset"), "offset", 0, 0, Integer.MAX_VALUE, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Caller caller = Caller.of(ctx);
    // The version first: every write finished before it is in the page read after it, and one
    // under way raises the version again as it ends, so the reader's next check reads again.
    String tag = ListingTag.of(service.listingVersion(), caller);
    ctx.header("ETag", tag);
    if (ListingTag.matches(ctx.header("If-None-Match"), tag)) {
      ctx.status(304);
      return;
    }
    ctx.json(
        service
            .list(
                new ConfigurationQuery(
                    type,
                    collection,
                    unassigned ? Optional.empty() : container,
                    unassigned,
                    limit,
                    offset))
            .stream()
            .map(stored -> SecretRedaction.forCaller(caller, stored))
            .toList());
  }

  private static Optional<ConfigurationType> parseType(String raw, List<FieldError> errors) {
    try {
      return Optional.of(ConfigurationType.fromWire(raw));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("type", e.getMessage()));
      return Optional.empty();
    }
  }
}
