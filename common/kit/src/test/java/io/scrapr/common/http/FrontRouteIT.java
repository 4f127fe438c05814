package io.scrapr.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrontRouteIT {
  private HttpService service;

  private TestHttp start(Map<String, String> env) {
    ServiceSettings settings =
        ServiceSettings.from(Env.of(env).with(Map.of("SCRAPR_PORT", "0")), "test-service", 0);
    FrontRoute fast =
        (request, response, callback) -> {
          if (!"/fast".equals(request.getHttpURI().getPath())) {
            return false;
          }
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
          response.write(true, ByteBuffer.wrap("front".getBytes(StandardCharsets.UTF_8)), callback);
          return true;
        };
    service =
        HttpService.start(
            settings,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            List.of(),
            routes -> {
              routes.get("/fast", ctx -> ctx.result("javalin"));
              routes.post("/echo", ctx -> ctx.json(JsonBody.tree(ctx)));
              routes.get(
                  "/missing",
                  ctx -> {
                    throw new NotFoundException("no thing 42");
                  });
              routes.get(
                  "/boom",
                  ctx -> {
                    throw new IllegalStateException("secret internals");
                  });
            },
            List.of(fast));
    return TestHttp.onPort(service.port());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void a_front_route_answers_ahead_of_the_javalin_route_for_the_same_path() {
    TestHttp http = start(Map.of());

    Response fast = http.get("/fast");

    assertThat(fast.status()).isEqualTo(200);
    assertThat(fast.text()).isEqualTo("front");
  }

  @Test
  void what_the_front_routes_decline_is_answered_by_javalin_with_its_problems_and_checks() {
    TestHttp http = start(Map.of("SCRAPR_API_TOKEN", "s3cret"));

    Response echo = http.withToken("s3cret").post("/echo", Map.of("a", 1));
    Response unauthorised = http.post("/echo", Map.of("a", 1));
    Response missing = http.get("/missing");
    Response boom = http.get("/boom");
    Response nowhere = http.get("/nowhere");
    Response health = http.get("/health");

    assertThat(echo.status()).isEqualTo(200);
    assertThat(echo.json().path("a").asInt()).isEqualTo(1);
    assertThat(unauthorised.status()).isEqualTo(401);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("detail").asText()).isEqualTo("no thing 42");
    assertThat(boom.status()).isEqualTo(500);
    assertThat(boom.text()).doesNotContain("secret internals");
    assertThat(nowhere.status()).isEqualTo(404);
    assertThat(nowhere.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problems.MEDIA_TYPE));
    assertThat(health.status()).isEqualTo(200);
  }

  @Test
  void a_large_body_posted_past_the_front_routes_is_read_whole() {
    TestHttp http = start(Map.of());
    String big = "x".repeat(3_000_000);

    Response echo = http.post("/echo", Map.of("big", big));

    assertThat(echo.status()).isEqualTo(200);
    assertThat(echo.json().path("big").asText()).hasSize(big.length());
  }
}
