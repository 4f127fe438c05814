package io.scrapr.testkit.consul;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The Consul HTTP endpoints consul-client calls to register, heartbeat, deregister and look up
 * healthy instances; every handler only translates between HTTP and {@link AgentState}.
 */
final class AgentRoutes {
  private static final String JSON = "application/json";

  private final AgentState state;
  private final HealthJson healthJson;
  private final String leader;
  private final DefinitionReader reader = new DefinitionReader();
  private final ObjectMapper mapper = new ObjectMapper();

  AgentRoutes(AgentState state, HealthJson healthJson, String leader) {
    this.state = state;
    this.healthJson = healthJson;
    this.leader = leader;
  }

  /** Adds the endpoints and answers failures as Consul does: status plus a plain-text message. */
  void addTo(RoutesConfig routes) {
    routes.put("/v1/agent/service/register", ctx -> state.register(reader.read(ctx.body())));
    routes.put(
        "/v1/agent/service/deregister/{serviceId}",
        ctx -> state.deregister(ctx.pathParam("serviceId")));
    routes.put("/v1/agent/check/pass/{checkId}", ctx -> updateCheck(ctx, "passing"));
    routes.put("/v1/agent/check/warn/{checkId}", ctx -> updateCheck(ctx, "warning"));
    routes.put("/v1/agent/check/fail/{checkId}", ctx -> updateCheck(ctx, "critical"));
    routes.get("/v1/health/service/{service}", this::health);
    routes.get("/v1/status/leader", ctx -> ctx.contentType(JSON).result(json(leader)));
    routes.exception(
        ApiError.class,
        (e, ctx) ->
            ctx.status(e.status()).contentType("text/plain; charset=utf-8").result(e.getMessage()));
  }

  private void updateCheck(Context ctx, String status) {
    String note = ctx.queryParam("note");
    state.updateCheck(ctx.pathParam("checkId"), status, note == null ? "" : note);
  }

  private void health(Context ctx) {
    boolean passingOnly = passingOnly(ctx);
    List<String> tags = ctx.queryParams("tag");
    // Blocking queries (?index=&wait=) are answered at once; a client then simply asks again.
    long index = state.index();
    List<HealthEntry> entries =
        state.health(ctx.pathParam("service")).stream()
            .filter(e -> e.service().tags().containsAll(tags))
            .filter(e -> !passingOnly || e.passing())
            .toList();
    ctx.header("X-Consul-Index", Long.toString(index))
        .header("X-Consul-KnownLeader", "true")
        .header("X-Consul-LastContact", "0")
        .header("X-Consul-Effective-Consistency", "leader")
        .contentType(JSON)
        .result(json(healthJson.render(entries)));
  }

  private static boolean passingOnly(Context ctx) {
    List<String> values = ctx.queryParamMap().get("passing");
    if (values == null) {
      return false;
    }
    // Consul reads ?passing with Go's strconv.ParseBool; a bare ?passing means true.
    String value = values.isEmpty() ? "" : values.get(0);
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "", "1", "t", "true" -> true;
      case "0", "f", "false" -> false;
      default -> throw ApiError.badRequest("Invalid value for ?passing");
    };
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write the Consul stand-in's response", e);
    }
  }
}
