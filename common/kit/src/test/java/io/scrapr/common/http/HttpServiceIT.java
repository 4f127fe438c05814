package io.scrapr.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.health.HealthCheck;
import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.ServiceSettings;
import io.scrapr.testkit.http.TestHttp;
import io.scrapr.testkit.http.TestHttp.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpServiceIT {
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);
  private HttpService service;

  private TestHttp start(Map<String, String> env) {
    ServiceSettings settings =
        ServiceSettings.from(Env.of(env).with(Map.of("SCRAPR_PORT", "0")), "test-service", 0);
    service =
        HttpService.start(
            settings,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            List.of(
                new HealthCheck(
                    "database",
                    () -> {
                      if (!databaseUp.get()) {
                        throw new IllegalStateException("connection refused");
                      }
                    })),
            routes -> {
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
            });
    return TestHttp.onPort(service.port());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void health_is_200_when_dependencies_answer_and_503_naming_the_one_that_does_not() {
    TestHttp http = start(Map.of());
    assertThat(http.get("/health").status()).isEqualTo(200);

    databaseUp.set(false);
    Response down = http.get("/health");

    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().path("checks").path("database").asText())
        .isEqualTo("DOWN: connection refused");
  }

  @Test
  void errors_are_problem_json_with_the_detail_and_internals_are_not_leaked() {
    TestHttp http = start(Map.of());

    Response notFound = http.get("/missing");
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problems.MEDIA_TYPE));
    assertThat(notFound.json().path("detail").asText()).isEqualTo("no thing 42");

    Response noRoute = http.get("/no/such/route");
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.json().path("title").asText()).isEqualTo("Not found");

    Response boom = http.get("/boom");
    assertThat(boom.status()).isEqualTo(500);
    assertThat(boom.text()).doesNotContain("secret internals");
  }

  @Test
  void malformed_json_and_wrong_content_types_are_refused_with_problems() {
    TestHttp http = start(Map.of());

    assertThat(http.post("/echo", "{\"a\": ").status()).isEqualTo(400);
    assertThat(http.send("POST", "/echo", "a=1", "text/plain").status()).isEqualTo(415);
    assertThat(http.post("/echo", "{\"a\": 1}").json().path("a").asInt()).isEqualTo(1);
  }

  @Test
  void a_body_over_the_size_limit_is_refused() {
    TestHttp http = start(Map.of("SCRAPR_MAX_REQUEST_BYTES", "2048"));

    Response response = http.post("/echo", "{\"a\": \"" + "x".repeat(10_000) + "\"}");

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith(Problems.MEDIA_TYPE));
  }

  @Test
  void with_a_token_writes_need_it_and_reads_do_not() {
    TestHttp http = start(Map.of("SCRAPR_API_TOKEN", "t0ken"));

    Response refused = http.post("/echo", "{}");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("WWW-Authenticate")).contains("Bearer");
    assertThat(http.withToken("t0ken").post("/echo", "{}").status()).isEqualTo(200);
    assertThat(http.get("/health").status()).isEqualTo(200);
  }

  @Test
  void metrics_count_requests_by_route_and_status() {
    TestHttp http = start(Map.of());
    http.get("/missing");

    String metrics = http.get("/metrics").text();

    assertThat(metrics)
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",route=\"/missing\",status=\"404\"}");
  }
}
