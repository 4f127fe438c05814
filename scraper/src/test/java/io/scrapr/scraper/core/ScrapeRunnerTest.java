package io.scrapr.scraper.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scrapr.common.api.ConfigurationType;
import io.scrapr.common.api.StoredConfiguration;
import io.scrapr.common.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ScrapeRunnerTest {
  private static final String PAGE = "https://books.example/catalogue/page-1.html";

  private final Clock clock = Clock.systemUTC();
  private final DeliveryState delivery = new DeliveryState(clock);
  private final ScraperStatus status = new ScraperStatus();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Batch> spooled = new CopyOnWriteArrayList<>();
  private final List<RunReport> notified = new ArrayList<>();
  private final BatchQueue queue =
      new BatchQueue() {
        @Override
        public void append(Batch batch) {
          spooled.add(batch);
        }

        @Override
        public void ensureReachable() {}
      };

  private ScrapeRunner runner(PageSource pages, Runnable deliver) {
    ConfigurationKeeper keeper = new ConfigurationKeeper("c1", ScrapeRunnerTest::stored);
    keeper.load();
    return new ScrapeRunner(
        "c1",
        keeper,
        pages,
        queue,
        deliver,
        delivery,
        (url, report) -> notified.add(report),
        new ScraperMetrics(registry, "c1"),
        status,
        1,
        CrawlLimits.defaults(),
        clock);
  }

  private static StoredConfiguration stored() {
    ObjectNode config = Json.mapper().createObjectNode();
    config.put("collection", "books");
    config.put("ttl", 60);
    config.putArray("key").add("title");
    config.put("notify", "https://hooks.example/scrapr");
    ObjectNode scraper = config.putObject("scraper");
    scraper.put("source", PAGE);
    scraper.put("scope", "article.product");
    scraper.putObject("selector").put("title", "h3 a@title");
    Instant now = Instant.parse("2026-11-01T00:00:00Z");
    return new StoredConfiguration(
        "c1", ConfigurationType.SCRAPER, "books", null, 1, now, now, config);
  }

  private RunReport lastRun() {
    return status.snapshot().lastRun().orElseThrow();
  }

  @Test
  void an_unexpected_failure_ends_the_run_with_an_internal_error_and_scraping_goes_on() {
    ScrapeRunner runner =
        runner(
            (url, spec) -> {
              throw new IllegalStateException("a bug in the fetcher");
            },
            () -> {});

    Optional<Duration> next = runner.run();

    assertThat(next).contains(Duration.ofSeconds(60));
    RunReport report = lastRun();
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo("internal");
              assertThat(e.message()).contains("a bug in the fetcher");
            });
    assertThat(notified).containsExactly(report);
    assertThat(status.snapshot().runs()).isEqualTo(1);
    assertThat(registry.find("scrapr.scraper.failures").tag("reason", "internal").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void a_failing_notifier_does_not_end_the_schedule() {
    ScrapeRunner runner =
        new ScrapeRunner(
            "c1",
            keeperLoaded(),
            new FixtureSite().serve(PAGE, "catalogue-1.html"),
            queue,
            () -> settleAll(List.of()),
            delivery,
            (url, report) -> {
              throw new IllegalArgumentException("cannot write the report");
            },
            new ScraperMetrics(registry, "c1"),
            status,
            2,
            CrawlLimits.defaults(),
            clock);

    assertThat(runner.run()).contains(Duration.ofSeconds(60));
    assertThat(registry.find("scrapr.scraper.failures").tag("reason", "notify").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void the_report_waits_for_the_runs_batches_and_names_the_items_the_datasource_refused() {
    List<RefusedItem> refused = new ArrayList<>();
    ScrapeRunner runner =
        runner(
            new FixtureSite().serve(PAGE, "catalogue-1.html"),
            // The drainer delivers a little later, on its own thread.
            () ->
                new Thread(
                        () -> {
                          sleepQuietly();
                          for (Batch batch : spooled) {
                            List<RefusedItem> some =
                                batch == spooled.get(0)
                                    ? List.of(
                                        new RefusedItem(batch.batchId(), 1, "too deep", Map.of()))
                                    : List.of();
                            refused.addAll(some);
                            delivery.settled(
                                batch.batchId(),
                                BatchOutcome.delivered(batch.items().size(), some.size(), some));
                          }
                        })
                    .start());

    runner.run();

    RunReport report = lastRun();
    assertThat(report.items()).isEqualTo(2); // the fixture's two books, one batch each
    assertThat(report.delivery().batches()).isEqualTo(2);
    assertThat(report.delivery().delivered()).isEqualTo(2);
    assertThat(report.delivery().pending()).isZero();
    assertThat(report.delivery().refusedItems()).isEqualTo(1);
    assertThat(report.delivery().refused()).containsExactlyElementsOf(refused);
    assertThat(report.errors()).extracting(RunError::reason).containsExactly("refused");
    assertThat(notified).containsExactly(report);
  }

  @Test
  void the_report_does_not_wait_while_the_datasource_is_unreachable() {
    ScrapeRunner runner =
        runner(
            new FixtureSite().serve(PAGE, "catalogue-1.html"),
            () ->
                new Thread(
                        () -> {
                          delivery.roundStarted();
                          delivery.held(
                              DeliveryState.Mode.UNREACHABLE,
                              "connection refused",
                              clock.instant().plusSeconds(1));
                        })
                    .start());
    long started = System.nanoTime();

    runner.run();

    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isLessThan(ScrapeRunner.DELIVERY_WAIT.dividedBy(2));
    RunReport report = lastRun();
    assertThat(report.delivery().pending()).isEqualTo(2);
    assertThat(report.delivery().delivered()).isZero();
    assertThat(report.errors()).isEmpty(); // the batches wait in the spool: nothing is lost
  }

  private ConfigurationKeeper keeperLoaded() {
    ConfigurationKeeper keeper = new ConfigurationKeeper("c1", ScrapeRunnerTest::stored);
    keeper.load();
    return keeper;
  }

  private void settleAll(List<RefusedItem> refused) {
    for (Batch batch : spooled) {
      delivery.settled(batch.batchId(), BatchOutcome.delivered(batch.items().size(), 0, refused));
    }
  }

  private static void sleepQuietly() {
    // Stands in for the drainer's HTTP round trip: the run must wait for it, not race past it.
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
