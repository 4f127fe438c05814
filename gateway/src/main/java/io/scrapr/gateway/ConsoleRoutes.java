package io.scrapr.gateway;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.scrapr.common.client.ServiceResponse;
import io.scrapr.common.discovery.Discovery;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.http.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The web console on the gateway: its static files at {@code /} and {@code /console/{file}}, and
 * config-discovery's configuration API relayed at the same paths as config-discovery's own ({@link
 * ConfigurationRelay}), so the console calls one origin. Off with {@code
 * SCRAPR_GATEWAY_CONSOLE=false}.
 */
final class ConsoleRoutes {
  /** The largest request body relayed. */
  static final int MAX_BODY_BYTES = 1 << 20;

  /** The {@code Retry-After} of a 503 when no config-discovery answers, in seconds. */
  static final String RETRY_AFTER_SECONDS = "5";

  /** A configuration id as it may appear in a relayed path: one plain path segment. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** The console page's policy: its own files and API only, no inline script, no framing. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final ConsoleFiles files;
  private final ConfigurationRelay relay;

  ConsoleRoutes(ConsoleFiles files, ConfigurationRelay relay) {
    this.files = files;
    this.relay = relay;
  }

  /**
   * Returns what adds the console's routes under some settings: nothing when the console is off.
   *
   * @param settings the gateway's settings
   * @param discovery where config-discovery is found
   */
  static Consumer<RoutesConfig> of(GatewaySettings settings, Discovery discovery) {
    if (!settings.console().enabled()) {
      return routes -> {};
    }
    return new ConsoleRoutes(
            new ConsoleFiles("console"),
            new ConfigurationRelay(
                discovery, settings.service().peers(), settings.console().relayTimeout()))
        ::addTo;
  }

  void addTo(RoutesConfig routes) {
    routes.get("/", ctx -> file(ctx, "index.html"));
    routes.get("/console/{file}", ctx -> file(ctx, ctx.pathParam("file")));
    routes.get("/configurations", ctx -> relay(ctx, "/configurations"));
    routes.post("/configurations", ctx -> relay(ctx, "/configurations"));
    // Before /configurations/{id}: "preview" is no id a POST there would reach anyway.
    routes.post("/configurations/preview", ctx -> relay(ctx, "/configurations/preview"));
    routes.get("/configurations/{id}", ctx -> relay(ctx, "/configurations/" + id(ctx)));
    routes.put("/configurations/{id}", ctx -> relay(ctx, "/configurations/" + id(ctx)));
    routes.delete("/configurations/{id}", ctx -> relay(ctx, "/configurations/" + id(ctx)));
    routes.get(
        "/configurations/{id}/status", ctx -> relay(ctx, "/configurations/" + id(ctx) + "/status"));
  }

  private void file(Context ctx, String name) {
    ConsoleFiles.File file =
        files
            .get(name)
            .orElseThrow(() -> new NotFoundException("the console has no file '" + name + "'"));
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", file.etag());
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (file.contentType().startsWith("text/html")) {
      ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
    if (EntityTags.matches(ctx.header("If-None-Match"), file.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(file.contentType());
    ctx.result(file.body());
  }

  private void relay(Context ctx, String path) {
    String query = ctx.queryString();
    // The path is fixed words and an id matching ID: only the query can be bad URL syntax.
    GatewayRoutes.checkQuery(query == null ? "" : query);
    String target = query == null || query.isEmpty() ? path : path + "?" + query;
    String method = ctx.method().name();
    byte[] body = method.equals("POST") || method.equals("PUT") ? boundedBody(ctx) : null;
    ServiceResponse answer;
    try {
      answer = relay.send(method, target, ctx::header, body);
    } catch (ConfigurationRelay.UnreachableException e) {
      ctx.header("Retry-After", RETRY_AFTER_SECONDS);
      throw new ProblemException(
          503,
          "Service unavailable",
          "config-discovery cannot be reached through the gateway: " + e.getMessage(),
          List.of());
    }
    ctx.status(answer.status());
    for (String name : ConfigurationRelay.ANSWER_HEADERS) {
      answer.header(name).ifPresent(value -> ctx.header(name, value));
    }
    ctx.header("Cache-Control", "no-store");
    if (answer.status() != 304 && answer.status() != 204) {
      ctx.result(answer.body());
    }
  }

  private static String id(Context ctx) {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw new NotFoundException("no configuration with id '" + id + "'");
    }
    return id;
  }

  /** Reads the request body, refusing one over {@link #MAX_BODY_BYTES} with a 413. */
  private static byte[] boundedBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge(declared + " bytes");
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw tooLarge("more than " + MAX_BODY_BYTES + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private static ProblemException tooLarge(String size) {
    return new ProblemException(
        413,
        "Request body too large",
        "the body was " + size + "; the gateway relays at most " + MAX_BODY_BYTES + " bytes",
        List.of());
  }
}
