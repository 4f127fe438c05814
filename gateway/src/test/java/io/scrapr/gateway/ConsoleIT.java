package io.scrapr.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.scrapr.common.discovery.LocalDiscovery;
import io.scrapr.common.discovery.Registration;
import io.scrapr.common.discovery.ServiceInstance;
import io.scrapr.common.settings.Env;
import io.scrapr.testkit.http.StubServer;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleIT {
  private static final String TOKEN = "console-secret";
  private static final String CONFIGURATION =
      "{\"collection\":\"books\",\"ttl\":60,\"scraper\":{\"source\":\"http://127.0.0.1/\"}}";

  /** What the stand-in config-discovery was sent. */
  private record Seen(String method, String path, Map<String, String> headers, String body) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private LocalDiscovery discovery;
  private StubServer configDiscovery;
  private Registration registration;
  private Gateway gateway;
  private TestHttp http;

  @BeforeEach
  void start() {
    discovery = new LocalDiscovery();
    configDiscovery = StubServer.start(this::configDiscoveryRoutes);
    registration =
        discovery.register(
            new ServiceInstance(
                "config-discovery-stub",
                "config-discovery",
                "127.0.0.1",
                configDiscovery.port(),
                List.of()));
    gateway = startGateway(Map.of());
    http = TestHttp.onPort(gateway.port());
  }

  @AfterEach
  void stop() {
    gateway.close();
    registration.close();
    configDiscovery.close();
  }

  @Test
  void the_console_page_and_its_files_are_served_with_their_types_and_a_cache_control() {
    Response page = http.get("/");
    Response script = http.get("/console/app.js");
    Response style = http.get("/console/app.css");
    String etag = script.header("ETag").orElseThrow();
    Response again = http.withHeader("If-None-Match", etag).get("/console/app.js");

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html").contains("utf-8"));
    assertThat(page.header("Cache-Control")).contains("no-cache");
    assertThat(page.header("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
    assertThat(page.text()).contains("<script type=\"module\" src=\"/console/app.js\">");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.header("Content-Type"))
        .hasValueSatisfying(
            type -> assertThat(type).startsWith("text/javascript").contains("utf-8"));
    assertThat(script.header("Cache-Control")).contains("no-cache");
    assertThat(script.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(style.header("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/css").contains("utf-8"));
    assertThat(again.status()).isEqualTo(304);
  }

  @Test
  void a_name_that_is_no_console_file_is_a_404_problem() {
    Response missing = http.get("/console/missing.js");
    Response traversal = http.get("/console/..%2F..%2Fapplication.properties");
    Response otherType = http.get("/console/index.class");

    for (Response response : List.of(missing, traversal, otherType)) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.header("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
  }

  @Test
  void a_post_with_the_token_is_relayed_and_its_201_comes_back_with_its_location() {
    Response created = http.withToken(TOKEN).post("/configurations", CONFIGURATION);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).contains("/configurations/c1");
    assertThat(created.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(created.json().path("id").asText()).isEqualTo("c1");
    Seen post = seen.get(seen.size() - 1);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.path()).isEqualTo("/configurations");
    assertThat(post.headers())
        .containsEntry("authorization", "Bearer " + TOKEN)
        .containsEntry("content-type", "application/json");
    assertThat(post.body()).isEqualTo(CONFIGURATION);
  }

  @Test
  void a_400_and_a_401_of_config_discovery_come_back_as_it_gave_them() {
    Response invalid = http.withToken(TOKEN).post("/configurations", "{\"ttl\":2}");
    Response anonymous = http.post("/configurations/preview", CONFIGURATION);

    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.header("Content-Type")).contains("application/problem+json");
    assertThat(invalid.json().path("errors").get(0).path("field").asText()).isEqualTo("ttl");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer");
    assertThat(anonymous.json().path("status").asInt()).isEqualTo(401);
  }

  @Test
  void reads_puts_and_deletes_are_relayed_with_their_query_and_entity_tags() {
    Response list = http.get("/configurations?collection=books&limit=5");
    String etag = list.header("ETag").orElseThrow();
    Response unchanged = http.withHeader("If-None-Match", etag).get("/configurations");
    Response status = http.get("/configurations/c1/status");
    Response replaced = http.withToken(TOKEN).put("/configurations/c1", CONFIGURATION);
    Response deleted = http.withToken(TOKEN).delete("/configurations/c1");
    Response badId = http.get("/configurations/bad%20id");

    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get(0).path("id").asText()).isEqualTo("c1");
    assertThat(seen.get(0).path()).isEqualTo("/configurations?collection=books&limit=5");
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.header("ETag")).contains(etag);
    assertThat(status.json().path("id").asText()).isEqualTo("c1");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(seen.get(3).body()).isEqualTo(CONFIGURATION);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(badId.status()).isEqualTo(404);
    assertThat(seen).hasSize(5);
  }

  @Test
  void a_gateway_with_the_token_refuses_an_anonymous_write_itself_and_relays_one_with_the_token() {
    try (Gateway guarded = startGateway(Map.of("SCRAPR_API_TOKEN", TOKEN))) {
      TestHttp guardedHttp = TestHttp.onPort(guarded.port());

      Response anonymous = guardedHttp.post("/configurations", CONFIGURATION);
      Response read = guardedHttp.get("/configurations");
      Response created = guardedHttp.withToken(TOKEN).post("/configurations", CONFIGURATION);

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(read.status()).isEqualTo(200);
      assertThat(created.status()).isEqualTo(201);
      // The read went out without the gateway's token; the write with the caller's.
      assertThat(seen).hasSize(2);
      assertThat(seen.get(0).headers()).doesNotContainKey("authorization");
      assertThat(seen.get(1).headers()).containsEntry("authorization", "Bearer " + TOKEN);
    }
  }

  @Test
  void with_no_config_discovery_the_relay_answers_503_with_retry_after() {
    registration.close();

    Response unavailable = http.get("/configurations");

    assertThat(unavailable.status()).isEqualTo(503);
    assertThat(unavailable.header("Retry-After")).contains("5");
    assertThat(unavailable.header("Content-Type")).contains("application/problem+json");
    assertThat(unavailable.json().path("detail").asText()).contains("config-discovery");
  }

  @Test
  void a_body_over_a_mebibyte_is_refused_with_413_and_never_relayed() {
    String huge = "{\"collection\":\"" + "a".repeat(ConsoleRoutes.MAX_BODY_BYTES) + "\"}";

    Response refused = http.withToken(TOKEN).post("/configurations", huge);

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.header("Content-Type")).contains("application/problem+json");
    assertThat(refused.json().path("detail").asText()).contains("1048576");
    assertThat(seen).isEmpty();
  }

  @Test
  void with_the_console_off_neither_the_page_nor_the_relay_is_there() {
    try (Gateway off = startGateway(Map.of("SCRAPR_GATEWAY_CONSOLE", "false"))) {
      TestHttp offHttp = TestHttp.onPort(off.port());

      assertThat(offHttp.get("/").status()).isEqualTo(404);
      assertThat(offHttp.get("/console/app.js").status()).isEqualTo(404);
      assertThat(offHttp.get("/configurations").status()).isEqualTo(404);
      assertThat(offHttp.get("/api").status()).isEqualTo(200);
      assertThat(seen).isEmpty();
    }
  }

  private Gateway startGateway(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("SCRAPR_PORT", "0");
    env.put("SCRAPR_ADVERTISE_HOST", "127.0.0.1");
    return Gateway.start(Env.of(env), discovery);
  }

  /**
   * config-discovery as the console sees it: writes need the token, a configuration without a
   * collection is a 400, the list has an entity tag.
   */
  private void configDiscoveryRoutes(io.javalin.config.RoutesConfig routes) {
    routes.get("/configurations", ctx -> answer(ctx, 200, "[{\"id\":\"c1\"}]"));
    routes.post("/configurations", ctx -> answer(ctx, 201, "{\"id\":\"c1\"}"));
    routes.post("/configurations/preview", ctx -> answer(ctx, 200, "{\"items\":[]}"));
    routes.get("/configurations/{id}", ctx -> answer(ctx, 200, "{\"id\":\"c1\"}"));
    routes.put("/configurations/{id}", ctx -> answer(ctx, 200, "{\"id\":\"c1\"}"));
    routes.delete("/configurations/{id}", ctx -> answer(ctx, 204, ""));
    routes.get("/configurations/{id}/status", ctx -> answer(ctx, 200, "{\"id\":\"c1\"}"));
  }

  private void answer(io.javalin.http.Context ctx, int status, String body) {
    Map<String, String> headers = new HashMap<>();
    ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(), value));
    String path = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    seen.add(new Seen(ctx.method().name(), path, headers, ctx.body()));
    boolean write = !ctx.method().name().equals("GET");
    if (write && !("Bearer " + TOKEN).equals(ctx.header("Authorization"))) {
      ctx.status(401)
          .header("WWW-Authenticate", "Bearer")
          .contentType("application/problem+json")
          .result("{\"status\":401,\"title\":\"Unauthorized\"}");
      return;
    }
    if (write && ctx.body().contains("\"ttl\":2")) {
      ctx.status(400)
          .contentType("application/problem+json")
          .result("{\"status\":400,\"errors\":[{\"field\":\"ttl\",\"message\":\"at least 10\"}]}");
      return;
    }
    if (ctx.path().equals("/configurations")
        && ctx.method().name().equals("GET")
        && "\"v1\"".equals(ctx.header("If-None-Match"))) {
      ctx.status(304).header("ETag", "\"v1\"");
      return;
    }
    if (ctx.path().equals("/configurations") && ctx.method().name().equals("GET")) {
      ctx.header("ETag", "\"v1\"");
    }
    if (status == 201) {
      ctx.header("Location", "/configurations/c1");
    }
    ctx.status(status);
    if (!body.isEmpty()) {
      ctx.contentType("application/json").result(body);
    }
  }
}
