package io.scrapr.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scrapr.common.settings.Env;
import io.scrapr.standalone.Standalone;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo mode and the scrapr CLI against a running standalone system. */
class CliIT {
  @TempDir static Path dataDir;
  private static Standalone system;
  private static Env cliEnv;

  @BeforeAll
  static void start() {
    system =
        Standalone.start(
            Env.of(
                Map.of(
                    "SCRAPR_DATA_DIR", dataDir.toString(),
                    "SCRAPR_CONFIG_DISCOVERY_PORT", "0",
                    "SCRAPR_DATASOURCE_PORT", "0",
                    "SCRAPR_ORCHESTRATOR_PORT", "0",
                    "SCRAPR_GATEWAY_PORT", "0",
                    "SCRAPR_DEMO_PORT", "0")),
            true);
    cliEnv =
        Env.of(
            Map.of(
                "SCRAPR_URL", "http://127.0.0.1:" + system.port("config-discovery"),
                "SCRAPR_GATEWAY_URL", "http://127.0.0.1:" + system.port("gateway"),
                "SCRAPR_ORCHESTRATOR_URL", "http://127.0.0.1:" + system.port("orchestrator")));
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  private record Run(int status, String out, String err) {}

  private static Run cli(Env env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new Cli(env, new PrintStream(out, true, StandardCharsets.UTF_8))
            .run(List.of(args), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void the_demo_shows_its_twelve_books_at_the_gateway() {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> cli(cliEnv, "get", "demo", "limit=0").out().contains("\"total\" : 12"));
    assertThat(cli(cliEnv, "get", "demo", "fields=title").out())
        .contains("\"title\" : \"A Light in the Attic\"", "\"title\" : \"Starving Hearts\"");
  }

  @Test
  void a_configuration_is_added_listed_shown_in_status_and_removed() throws Exception {
    Path file = dataDir.resolve("quotes.json");
    String demoSite = "http://127.0.0.1:" + system.port("demo-site") + "/catalogue/page-1.html";
    Files.writeString(
        file,
        "{\"collection\":\"titles\",\"ttl\":60,\"scraper\":{\"source\":\""
            + demoSite
            + "\",\"scope\":\"article.product\",\"selector\":{\"title\":\"h3 a@title\"},\"delayMs\":0}}");

    Run added = cli(cliEnv, "config", "add", file.toString());
    assertThat(added.status()).isZero();
    String id = added.out().trim();
    assertThat(id).matches("[0-9a-f]{24}");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cli(cliEnv, "config", "list").out().contains(id));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cli(cliEnv, "status").out().contains("scraper-titles-"));
    Run status =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> cli(cliEnv, "status", id),
                run ->
                    run.out().matches("(?s).*collection: [1-9][0-9]* items.*")
                        && run.out().contains("(scraper): 1/1 tasks running")
                        && run.out().contains("next run: 20"));
    assertThat(status.status()).isZero();
    assertThat(status.out())
        .contains("scraper " + id + " of collection titles")
        .containsPattern("service scraper-titles-\\S* \\(scraper\\): 1/1")
        .contains("last run: started ")
        .doesNotContain("unavailable:");
    Run removed = cli(cliEnv, "config", "rm", id);
    assertThat(removed.status()).isZero();
    assertThat(removed.out()).contains("deleted " + id);
    // The list after the delete must itself succeed: an empty output from a failed call
    // would also "not contain" the id.
    Run listed = cli(cliEnv, "config", "list");
    assertThat(listed.status()).isZero();
    assertThat(listed.err()).isEmpty();
    assertThat(listed.out()).doesNotContain(id).contains("scraper");
  }

  @Test
  void a_preview_shows_each_page_the_field_counts_and_warns_of_a_field_that_matched_nothing()
      throws Exception {
    Path file = dataDir.resolve("preview.json");
    String demoSite = "http://127.0.0.1:" + system.port("demo-site") + "/catalogue/page-1.html";
    Files.writeString(
        file,
        "{\"collection\":\"previewed\",\"ttl\":60,\"scraper\":{\"source\":\""
            + demoSite
            + "\",\"scope\":\"article.product\",\"selector\":{\"title\":\"h3 a@title\","
            + "\"isbn\":\"p.isbn\"},\"delayMs\":0}}");

    Run preview = cli(cliEnv, "preview", file.toString());

    assertThat(preview.status()).isZero();
    assertThat(preview.out())
        .contains("page fetched  " + demoSite)
        .contains("warning: field 'isbn' matched nothing")
        .contains("A Light in the Attic");
    assertThat(preview.out()).containsPattern("field title +matched [1-9]");
    assertThat(cli(cliEnv, "config", "list").out()).doesNotContain("previewed");
  }

  @Test
  void a_configuration_is_shown_and_replaced() throws Exception {
    Path file = dataDir.resolve("shown.json");
    String demoSite = "http://127.0.0.1:" + system.port("demo-site") + "/catalogue/page-1.html";
    String config =
        "{\"collection\":\"shown\",\"ttl\":60,\"scraper\":{\"source\":\""
            + demoSite
            + "\",\"scope\":\"article.product\",\"selector\":{\"title\":\"h3 a@title\"}}}";
    Files.writeString(file, config);
    String id = cli(cliEnv, "config", "add", file.toString()).out().trim();
    Path changed = dataDir.resolve("shown-ttl.json");
    Files.writeString(changed, config.replace("\"ttl\":60", "\"ttl\":120"));
    // A configuration is replaced once it is materialised, which the list shows.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cli(cliEnv, "config", "list").out().contains(id));

    Run replaced = cli(cliEnv, "config", "put", id, changed.toString());
    Run shown = cli(cliEnv, "config", "show", id);

    assertThat(replaced.status()).isZero();
    assertThat(replaced.out()).startsWith("replaced " + id);
    assertThat(shown.status()).isZero();
    assertThat(shown.out()).contains("\"ttl\" : 120", "\"collection\" : \"shown\"");
    assertThat(cli(cliEnv, "config", "show", "0".repeat(24)).status()).isEqualTo(2);
    assertThat(cli(cliEnv, "config", "rm", id).status()).isZero();
  }

  @Test
  void a_refused_configuration_names_every_problem_and_exits_2() throws Exception {
    Path file = dataDir.resolve("bad.json");
    Files.writeString(file, "{\"collection\":\"Bad\",\"ttl\":1}");

    Run refused = cli(cliEnv, "config", "add", file.toString());

    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).contains("400", "- collection:", "- ttl:", "- scraper:");
  }

  @Test
  void an_unreachable_service_is_named_with_how_to_point_elsewhere_and_exits_3() {
    Run unreachable = cli(Env.of(Map.of("SCRAPR_URL", "http://127.0.0.1:9")), "config", "list");

    assertThat(unreachable.status()).isEqualTo(3);
    assertThat(unreachable.err())
        .contains("cannot reach config-discovery at http://127.0.0.1:9", "SCRAPR_URL");
  }

  @Test
  void every_command_has_help_and_unknown_ones_say_so() {
    assertThat(cli(cliEnv, "--help").out()).contains("config add FILE", "SCRAPR_API_TOKEN");
    for (String[] command :
        new String[][] {
          {"config", "add", "--help"},
          {"config", "list", "--help"},
          {"config", "rm", "--help"},
          {"config", "show", "--help"},
          {"config", "put", "--help"},
          {"preview", "--help"},
          {"status", "--help"},
          {"status", "some-id", "--help"},
          {"get", "--help"}
        }) {
      Run help = cli(cliEnv, command);
      assertThat(help.status()).isZero();
      assertThat(help.out()).startsWith("usage: scrapr");
    }
    Run unknown = cli(cliEnv, "frobnicate");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).contains("unknown command 'frobnicate'");
  }
}
