package io.scrapr.common.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.errors.DomainException;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.json.Json;
import io.scrapr.common.settings.ServiceSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server every service runs on: its own routes plus {@code /health}, {@code /metrics}, RFC
 * 9457 errors for every failure, the bearer token on writes, JSON content types and a request size
 * limit.
 */
public final class HttpService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpService.class);
  private static final String TIMER_START = "scrapr.timer";

  private final Javalin javalin;
  private final ServiceSettings settings;

  private HttpService(Javalin javalin, ServiceSettings settings) {
    this.javalin = javalin;
    this.settings = settings;
  }

  /**
   * Creates and starts the server.
   *
   * @param settings the service's settings (port, token, body size limit)
   * @param metrics the registry {@code /metrics} exposes; request timings are added to it
   * @param checks the dependencies {@code /health} probes, in order
   * @param routes adds the service's own routes
   * @return the started server
   */
  public static HttpService start(
      ServiceSettings settings,
      PrometheusMeterRegistry metrics,
      List<HealthCheck> checks,
      Consumer<RoutesConfig> routes) {
    return start(settings, metrics, checks, routes, List.of());
  }

  /**
   * Creates and starts the server with front routes, asked in order before the Javalin routes.
   *
   * @param settings the service's settings (port, token, body size limit)
   * @param metrics the registry {@code /metrics} exposes; request timings are added to it
   * @param checks the dependencies {@code /health} probes, in order
   * @param routes adds the service's own routes
   * @param front routes answered ahead of Javalin; what they decline goes to {@code routes}
   * @return the started server
   */
  public static HttpService start(
      ServiceSettings settings,
      PrometheusMeterRegistry metrics,
      List<HealthCheck> checks,
      Consumer<RoutesConfig> routes,
      List<FrontRoute> front) {
    List<FrontRoute> fronts = List.copyOf(front);
    Javalin javalin =
        Javalin.create(
            config -> {
              config.jsonMapper(new JavalinJackson(Json.mapper(), false));
              config.http.maxRequestSize = settings.maxRequestBytes();
              config.http.generateEtags = false;
              config.startup.showJavalinBanner = false;
              config.jetty.port = settings.port();
              config.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(10_000);
                    if (!fronts.isEmpty()) {
                      // Outermost: Javalin puts its servlet context inside the innermost wrapper.
                      server.insertHandler(new FrontHandler(fronts));
                    }
                  });
              config.routes.before(ctx -> ctx.attribute(TIMER_START, System.nanoTime()));
              config.routes.before(ctx -> identify(ctx, settings.apiToken()));
              config.routes.beforeMatched(HttpService::authorize);
              config.routes.before(HttpService::requireJsonBody);
              config.routes.after(ctx -> recordTiming(ctx, metrics));
              config.routes.get("/health", ctx -> health(ctx, settings.service(), checks));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              config.routes.exception(ProblemException.class, (e, ctx) -> Problems.write(ctx, e));
              config.routes.exception(DomainException.class, (e, ctx) -> Problems.write(ctx, e));
              config.routes.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      Problems.write(
                          ctx, e.getStatus(), titleOf(e.getStatus()), e.getMessage(), List.of()));
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{}: {} {} failed", settings.service(), ctx.method(), ctx.path(), e);
                    Problems.write(
                        ctx,
                        500,
                        "Internal error",
                        "the request failed; see the service log",
                        List.of());
                  });
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    String type = ctx.res().getContentType();
                    if (type == null || !type.startsWith(Problems.MEDIA_TYPE)) {
                      Problems.write(
                          ctx,
                          404,
                          "Not found",
                          "no route for " + ctx.method() + " " + ctx.path(),
                          List.of());
                    }
                  });
              routes.accept(config.routes);
            });
    javalin.start(settings.port());
    warmUp(settings.service(), javalin.port());
    log.info(
        "{}: listening on port {} ({})", settings.service(), javalin.port(), settings.describe());
    return new HttpService(javalin, settings);
  }

  /**
   * Sends the server one request of its own before anyone else is told its port. Javalin makes its
   * servlet's context configuration on the first request, lazily and without a lock: two first
   * requests at once can meet it half made and one is answered 500 (a NullPointerException inside
   * Javalin; seen with a test's POST and the orchestrator's first poll). A path no route serves
   * reaches that code without touching any dependency.
   */
  private static void warmUp(String service, int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      socket
          .getOutputStream()
          .write(
              "HEAD /.warm-up HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      socket.getInputStream().readAllBytes();
    } catch (IOException e) {
      log.debug("{}: warm-up request not answered: {}", service, e.toString());
    }
  }

  /** Returns the port the server listens on (useful when it was started on port 0). */
  public int port() {
    return javalin.port();
  }

  /** Stops accepting requests, lets running ones finish (up to 10 s), then stops. */
  @Override
  public void close() {
    javalin.stop();
    log.info("{}: HTTP server stopped", settings.service());
  }

  private static void identify(Context ctx, Optional<String> token) {
    ctx.attribute(
        Caller.ATTRIBUTE,
        ScopedTokens.identify(token, Optional.ofNullable(ctx.header("Authorization"))));
  }

  /**
   * Reads are open; writes need the operator's token, or a scraper's credential on routes marked
   * {@link Access#SCRAPER} (whose handlers check its scope).
   */
  private static void authorize(Context ctx) {
    if (isRead(ctx.method())) {
      return;
    }
    Caller caller = Caller.of(ctx);
    if (caller instanceof Caller.Operator) {
      return;
    }
    if (caller instanceof Caller.Scraper scraper) {
      if (ctx.routeRoles().contains(Access.SCRAPER)) {
        return;
      }
      throw new ProblemException(
          403,
          "Forbidden",
          "the credential of scraper "
              + scraper.configId()
              + " may read its configuration and post its items, nothing else",
          List.of());
    }
    ctx.header("WWW-Authenticate", "Bearer");
    throw new ProblemException(
        401, "Unauthorized", "writes need Authorization: Bearer <SCRAPR_API_TOKEN>", List.of());
  }

  private static void requireJsonBody(Context ctx) {
    HandlerType method = ctx.method();
    if (method != HandlerType.POST && method != HandlerType.PUT && method != HandlerType.PATCH) {
      return;
    }
    String type =
        Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(java.util.Locale.ROOT);
    boolean json =
        type.startsWith(ContentType.JSON) || type.matches("application/[a-z0-9.+-]*\\+json.*");
    boolean empty = ctx.req().getContentLengthLong() == 0;
    if (!json && !empty) {
      throw new ProblemException(
          415,
          "Unsupported media type",
          "the body must be application/json, was '" + type + "'",
          List.of());
    }
  }

  private static boolean isRead(HandlerType method) {
    return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
  }

  private static void health(Context ctx, String service, List<HealthCheck> checks) {
    Map<String, String> results = new LinkedHashMap<>();
    boolean healthy = true;
    for (HealthCheck check : checks) {
      try {
        check.probe().check();
        results.put(check.name(), "UP");
      } catch (Exception e) {
        healthy = false;
        results.put(check.name(), "DOWN: " + e.getMessage());
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", healthy ? "UP" : "DOWN");
    body.put("service", service);
    body.put("checks", results);
    ctx.status(healthy ? 200 : 503).json(body);
  }

  private static void recordTiming(Context ctx, PrometheusMeterRegistry metrics) {
    Long start = ctx.attribute(TIMER_START);
    if (start == null) {
      return;
    }
    var endpoint = ctx.endpoints().lastHttpEndpoint();
    String route = endpoint == null ? "unmatched" : endpoint.path;
    Timer.builder("http_server_requests")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(metrics)
        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /**
   * Asks the front routes first, on the thread that read the request (they never block); what they
   * decline goes on to Javalin on a pool thread, as Jetty's own {@code DelayedHandler} hands a
   * request on, since Javalin's handlers may block.
   */
  private static final class FrontHandler extends Handler.Wrapper {
    private final List<FrontRoute> routes;

    FrontHandler(List<FrontRoute> routes) {
      this.routes = routes;
    }

    @Override
    public InvocationType getInvocationType() {
      // Lets Jetty run the front routes where it parsed the request, without a hand-off.
      return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      for (FrontRoute route : routes) {
        if (route.handle(request, response, callback)) {
          return true;
        }
      }
      Handler next = getHandler();
      if (next == null) {
        return false;
      }
      request
          .getContext()
          .execute(
              () -> {
                try {
                  if (!next.handle(request, response, callback)) {
                    Response.writeError(request, response, callback, 404);
                  }
                } catch (Throwable e) {
                  Response.writeError(request, response, callback, e);
                }
              });
      return true;
    }
  }

  private static String titleOf(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 413 -> "Request body too large";
      default -> "HTTP " + status;
    };
  }
}
