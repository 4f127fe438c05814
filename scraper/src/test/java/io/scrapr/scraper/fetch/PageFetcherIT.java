package io.scrapr.scraper.fetch;

import static io.scrapr.scraper.Fixtures.selectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.config.ScraperSpec;
import io.scrapr.common.net.TargetPolicy;
import io.scrapr.scraper.TestSite;
import io.scrapr.scraper.core.FailureReason;
import io.scrapr.scraper.core.FetchException;
import io.scrapr.scraper.core.Page;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;
import okhttp3.EventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageFetcherIT {
  private static final TargetPolicy LOCAL_SITE = TargetPolicy.parse("127.0.0.1/32");

  private final TestSite site = TestSite.start();
  private final List<InetSocketAddress> connections =
      Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong fakeNanos = new AtomicLong();

  @AfterEach
  void stopSite() {
    site.close();
  }

  /** A fetcher whose per-host pauses are recorded on a fake clock instead of slept. */
  private PageFetcher fetcher(TargetPolicy policy, FetchSettings settings) {
    GuardedHttp http = new GuardedHttp(policy, settings, call -> new ConnectionRecorder());
    HostPacer pacer =
        new HostPacer(
            fakeNanos::get,
            pause -> {
              pauses.add(pause);
              fakeNanos.addAndGet(pause.toNanos());
            });
    return new PageFetcher(
        http, settings, "c1", new RobotsGate(http, Clock.systemUTC(), "c1"), pacer);
  }

  private PageFetcher fetcher() {
    return fetcher(LOCAL_SITE, FetchSettings.defaults());
  }

  private static ScraperSpec spec(
      URI source, long delayMs, boolean robots, Map<String, String> headers) {
    return spec(source, delayMs, robots, headers, List.of());
  }

  private static ScraperSpec spec(
      URI source,
      long delayMs,
      boolean robots,
      Map<String, String> headers,
      List<String> headerHosts) {
    return new ScraperSpec(
        source,
        Optional.empty(),
        selectors("title", "title"),
        Optional.empty(),
        1,
        headers,
        headerHosts,
        delayMs,
        robots);
  }

  private static ScraperSpec spec(URI source) {
    return spec(source, 0, true, Map.of());
  }

  private final class ConnectionRecorder extends EventListener {
    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
      connections.add(address);
    }
  }

  @Test
  void a_page_is_fetched_parsed_and_its_links_resolve_against_where_it_was_found()
      throws Exception {
    site.redirect("/old", 301, "/catalogue/page-1.html")
        .fixture("/catalogue/page-1.html", "catalogue-1.html");

    Page page = fetcher().fetch(site.url("/old"), spec(site.url("/old")));

    assertThat(page.url()).isEqualTo(site.url("/catalogue/page-1.html"));
    assertThat(page.truncated()).isFalse();
    assertThat(page.document().title()).isEqualTo("All products | Books");
    assertThat(page.document().selectFirst("li.next a").absUrl("href"))
        .isEqualTo(site.url("/catalogue/page-2.html") + "#top");
  }

  @Test
  void a_20_mb_page_is_cut_at_the_cap_and_what_was_read_is_parsed() throws Exception {
    byte[] row = "<li class=row>a row of the huge page</li>\n".getBytes(StandardCharsets.UTF_8);
    long total = 20L << 20;
    site.handle(
        "/huge.html",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, total);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("<html><body><ul>".getBytes(StandardCharsets.UTF_8));
            for (long sent = 16; sent + row.length <= total; sent += row.length) {
              out.write(row);
            }
          }
        });

    Page page = fetcher().fetch(site.url("/huge.html"), spec(site.url("/huge.html")));

    assertThat(page.truncated()).isTrue();
    assertThat(page.bytes()).isEqualTo(FetchSettings.DEFAULT_MAX_PAGE_BYTES);
    assertThat(page.document().select("li.row")).hasSizeGreaterThan(100_000);
    assertThat(page.document().selectFirst("li.row").text()).isEqualTo("a row of the huge page");
  }

  @Test
  void a_server_that_does_not_answer_in_time_fails_with_a_timeout() {
    site.hang("/slow.html");
    FetchSettings shortTimeouts =
        new FetchSettings(
            Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5), 1 << 20);

    assertThatThrownBy(
            () ->
                fetcher(LOCAL_SITE, shortTimeouts)
                    .fetch(site.url("/slow.html"), spec(site.url("/slow.html"))))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT);
              assertThat(e.getMessage()).contains("/slow.html");
            });
  }

  @Test
  void a_server_that_trickles_its_body_is_cut_off_by_the_call_timeout() {
    site.handle(
        "/trickle.html",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
              out.write("<p>drip</p>".getBytes(StandardCharsets.UTF_8));
              out.flush();
              sleep(100); // the misbehaving server: slower than the call timeout, faster than reads
            }
          }
        });
    FetchSettings settings =
        new FetchSettings(
            Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(800), 1 << 20);

    assertThatThrownBy(
            () ->
                fetcher(LOCAL_SITE, settings)
                    .fetch(site.url("/trickle.html"), spec(site.url("/trickle.html"))))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.TIMEOUT));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"application/json", "image/png", "text/csv; charset=utf-8", "application/pdf"})
  void a_response_that_is_not_html_is_skipped_with_its_type_named(String type) {
    site.respond("/data", 200, type, "{\"not\": \"html\"}");

    assertThatThrownBy(() -> fetcher().fetch(site.url("/data"), spec(site.url("/data"))))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(FailureReason.NOT_HTML);
              assertThat(e.getMessage()).contains(type.split(";")[0]).contains("skipped");
            });
  }

  @Test
  void xhtml_and_a_response_without_a_content_type_are_parsed() throws Exception {
    site.respond(
        "/x.xhtml", 200, "application/xhtml+xml", "<html><head><title>x</title></head></html>");
    site.handle(
        "/untyped",
        exchange ->
            TestSite.send(
                exchange, 200, "<title>untyped</title>".getBytes(StandardCharsets.UTF_8)));

    assertThat(fetcher().fetch(site.url("/x.xhtml"), spec(site.url("/x.xhtml"))).document().title())
        .isEqualTo("x");
    assertThat(fetcher().fetch(site.url("/untyped"), spec(site.url("/untyped"))).document().title())
        .isEqualTo("untyped");
  }

  @Test
  void the_charset_of_the_content_type_decodes_the_page() throws Exception {
    site.handle(
        "/latin1.html",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=ISO-8859-1");
          TestSite.send(
              exchange,
              200,
              "<title>Caf\u00e9 \u00e0 la cr\u00e8me</title>"
                  .getBytes(StandardCharsets.ISO_8859_1));
        });

    assertThat(
            fetcher()
                .fetch(site.url("/latin1.html"), spec(site.url("/latin1.html")))
                .document()
                .title())
        .isEqualTo("Caf\u00e9 \u00e0 la cr\u00e8me");
  }

  @Test
  void an_error_status_fails_the_page_naming_the_status() {
    site.respond("/gone", 410, "text/html", "<h1>gone</h1>");

    assertThatThrownBy(() -> fetcher().fetch(site.url("/gone"), spec(site.url("/gone"))))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(FailureReason.HTTP_STATUS);
              assertThat(e.getMessage()).contains("410");
            });
  }

  @Test
  void robots_txt_disallow_is_honoured_and_the_page_is_never_requested() {
    site.respond("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
    site.page("/private/page.html", "<title>secret</title>");
    URI url = site.url("/private/page.html");

    assertThatThrownBy(() -> fetcher().fetch(url, spec(url)))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(FailureReason.ROBOTS);
              assertThat(e.getMessage()).contains("robots.txt").contains("/private/page.html");
            });
    assertThat(site.paths()).containsExactly("/robots.txt");
  }

  @Test
  void robots_false_ignores_robots_txt() throws Exception {
    site.respond("/robots.txt", 200, "text/plain", "User-agent: *\nDisallow: /\n");
    site.page("/page.html", "<title>open</title>");
    URI url = site.url("/page.html");

    Page page = fetcher().fetch(url, spec(url, 0, false, Map.of()));

    assertThat(page.document().title()).isEqualTo("open");
    assertThat(site.paths()).containsExactly("/page.html");
  }

  @Test
  void robots_txt_rules_for_scrapr_apply_and_robots_txt_is_fetched_once_per_host()
      throws Exception {
    site.respond(
        "/robots.txt",
        200,
        "text/plain",
        "User-agent: otherbot\nDisallow: /\n\nUser-agent: scrapr\nDisallow: /admin\n");
    site.page("/a.html", "<title>a</title>").page("/b.html", "<title>b</title>");
    PageFetcher fetcher = fetcher();

    fetcher.fetch(site.url("/a.html"), spec(site.url("/a.html")));
    fetcher.fetch(site.url("/b.html"), spec(site.url("/b.html")));
    assertThatThrownBy(() -> fetcher.fetch(site.url("/admin/x"), spec(site.url("/admin/x"))))
        .isInstanceOf(FetchException.class);

    assertThat(site.paths()).containsExactly("/robots.txt", "/a.html", "/b.html");
  }

  @Test
  void a_robots_txt_that_answers_with_a_server_error_disallows_the_host_for_now() {
    site.respond("/robots.txt", 503, "text/plain", "busy");
    site.page("/page.html", "<title>p</title>");

    assertThatThrownBy(() -> fetcher().fetch(site.url("/page.html"), spec(site.url("/page.html"))))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.ROBOTS));
    assertThat(site.paths()).containsExactly("/robots.txt");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.1/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://127.0.0.2/",
        "file:///etc/passwd"
      })
  void a_redirect_to_a_forbidden_address_is_refused_without_connecting_to_it(String target) {
    site.redirect("/jump", 302, target);
    URI url = site.url("/jump");

    assertThatThrownBy(() -> fetcher().fetch(url, spec(url, 0, false, Map.of())))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(FailureReason.FORBIDDEN);
              assertThat(e.getMessage()).contains("forbidden");
            });
    assertThat(connections)
        .extracting(a -> a.getAddress().getHostAddress())
        .containsOnly("127.0.0.1");
  }

  @Test
  void the_source_itself_is_refused_when_the_policy_does_not_allow_it() {
    URI url = site.url("/page.html");

    assertThatThrownBy(
            () -> fetcher(TargetPolicy.strict(), FetchSettings.defaults()).fetch(url, spec(url)))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.reason()).isEqualTo(FailureReason.FORBIDDEN));
    assertThat(connections).isEmpty();
    assertThat(site.requests()).isEmpty();
  }

  @Test
  void more_than_five_redirects_are_refused() {
    for (int i = 0; i < 7; i++) {
      site.redirect("/r" + i, 302, "/r" + (i + 1));
    }
    site.page("/r7", "<title>end</title>");

    assertThatThrownBy(
            () -> fetcher().fetch(site.url("/r0"), spec(site.url("/r0"), 0, false, Map.of())))
        .isInstanceOfSatisfying(
            FetchException.class,
            e -> assertThat(e.reason()).isEqualTo(FailureReason.TOO_MANY_REDIRECTS));
    assertThat(site.paths()).containsExactly("/r0", "/r1", "/r2", "/r3", "/r4", "/r5");
  }

  @Test
  void five_redirects_are_followed() throws Exception {
    for (int i = 0; i < 5; i++) {
      site.redirect("/r" + i, 307, "/r" + (i + 1));
    }
    site.page("/r5", "<title>end</title>");

    assertThat(fetcher().fetch(site.url("/r0"), spec(site.url("/r0"), 0, false, Map.of())).url())
        .isEqualTo(site.url("/r5"));
  }

  @Test
  void the_connection_goes_to_the_address_that_was_checked_whatever_dns_says_later()
      throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    TargetPolicy rebinding =
        TargetPolicy.parse("127.0.0.1/32")
            .withResolver(
                host -> {
                  // First answer allowed, every later one internal: a rebinding attack.
                  byte[] address =
                      lookups.incrementAndGet() == 1
                          ? new byte[] {127, 0, 0, 1}
                          : new byte[] {10, 0, 0, 1};
                  return List.of(InetAddress.getByAddress(host, address));
                });
    site.page("/page.html", "<title>checked</title>");
    URI url = URI.create("http://rebind.test:" + site.port() + "/page.html");

    Page page =
        fetcher(rebinding, FetchSettings.defaults()).fetch(url, spec(url, 0, false, Map.of()));

    assertThat(page.document().title()).isEqualTo("checked");
    assertThat(lookups).hasValue(1);
    assertThat(connections)
        .extracting(a -> a.getAddress().getHostAddress())
        .containsOnly("127.0.0.1");
  }

  @Test
  void the_configured_headers_are_sent_with_scraprs_user_agent_unless_they_set_one()
      throws Exception {
    site.page("/page.html", "<title>p</title>");
    URI url = site.url("/page.html");

    fetcher()
        .fetch(
            url, spec(url, 0, false, Map.of("Accept-Language", "de-CH", "Cookie", "session=abc")));
    fetcher().fetch(url, spec(url, 0, false, Map.of("user-agent", "MyBot/2.0")));

    List<TestSite.Request> requests = site.requests("/page.html");
    assertThat(requests.get(0).header("Accept-Language")).isEqualTo("de-CH");
    assertThat(requests.get(0).header("Cookie")).isEqualTo("session=abc");
    assertThat(requests.get(0).header("User-Agent"))
        .matches("scrapr/\\S+ \\(\\+self-hosted scraper\\)");
    assertThat(requests.get(1).header("User-Agent")).isEqualTo("MyBot/2.0");
  }

  @Test
  void the_robots_txt_request_carries_the_user_agent_too() throws Exception {
    site.page("/page.html", "<title>p</title>");

    fetcher().fetch(site.url("/page.html"), spec(site.url("/page.html")));

    assertThat(site.requests("/robots.txt").get(0).header("User-Agent")).startsWith("scrapr/");
  }

  private static final Map<String, String> SECRETS =
      Map.of(
          "Cookie", "session=abc",
          "Authorization", "Bearer s3cret",
          "X-Api-Key", "k3y",
          "User-Agent", "MyBot/2.0");

  private static void assertNoConfiguredHeader(TestSite.Request request) {
    assertThat(request.header("Cookie")).isNull();
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.header("X-Api-Key")).isNull();
    assertThat(request.header("User-Agent")).startsWith("scrapr/");
  }

  private static void assertEveryConfiguredHeader(TestSite.Request request) {
    assertThat(request.header("Cookie")).isEqualTo("session=abc");
    assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(request.header("X-Api-Key")).isEqualTo("k3y");
    assertThat(request.header("User-Agent")).isEqualTo("MyBot/2.0");
  }

  @Test
  void a_redirect_to_another_host_carries_none_of_the_configured_headers() throws Exception {
    TargetPolicy both = TargetPolicy.parse("127.0.0.1/32, localhost");
    site.redirect("/away", 302, "http://localhost:" + site.port() + "/landing");
    site.page("/landing", "<title>landed</title>");
    URI url = site.url("/away");

    fetcher(both, FetchSettings.defaults()).fetch(url, spec(url, 0, true, SECRETS));

    assertEveryConfiguredHeader(site.requests("/away").get(0));
    assertThat(site.requests("/robots.txt")).hasSize(1); // one origin's robots.txt: the source's
    assertEveryConfiguredHeader(site.requests("/robots.txt").get(0));
    assertNoConfiguredHeader(site.requests("/landing").get(0));
  }

  @Test
  void a_redirect_to_a_host_named_in_header_hosts_carries_the_configured_headers()
      throws Exception {
    TargetPolicy both = TargetPolicy.parse("127.0.0.1/32, localhost");
    site.redirect("/away", 302, "http://localhost:" + site.port() + "/landing");
    site.page("/landing", "<title>landed</title>");
    URI url = site.url("/away");

    fetcher(both, FetchSettings.defaults())
        .fetch(url, spec(url, 0, false, SECRETS, List.of("localhost:" + site.port())));

    assertEveryConfiguredHeader(site.requests("/landing").get(0));
  }

  @Test
  void a_page_on_another_port_of_the_same_host_and_its_robots_txt_get_no_configured_header()
      throws Exception {
    try (TestSite other = TestSite.start()) {
      other.page("/page.html", "<title>other</title>");
      URI source = site.url("/page.html");

      fetcher().fetch(other.url("/page.html"), spec(source, 0, true, SECRETS));

      assertNoConfiguredHeader(other.requests("/robots.txt").get(0));
      assertNoConfiguredHeader(other.requests("/page.html").get(0));
    }
  }

  @Test
  void the_delay_separates_requests_to_one_host_but_not_to_different_hosts() throws Exception {
    TargetPolicy both = TargetPolicy.parse("127.0.0.1/32, localhost");
    site.page("/1", "<title>1</title>")
        .page("/2", "<title>2</title>")
        .page("/3", "<title>3</title>");
    PageFetcher fetcher = fetcher(both, FetchSettings.defaults());
    URI other = URI.create("http://localhost:" + site.port() + "/3");

    fetcher.fetch(site.url("/1"), spec(site.url("/1"), 1500, false, Map.of()));
    fetcher.fetch(site.url("/2"), spec(site.url("/2"), 1500, false, Map.of()));
    fetcher.fetch(other, spec(other, 1500, false, Map.of()));
    fetcher.fetch(site.url("/1"), spec(site.url("/1"), 1500, false, Map.of()));

    // 127.0.0.1 waits before its 2nd and 3rd page; localhost's first page does not wait. On the
    // fake clock no time passes during requests, so each pause is the whole delay.
    assertThat(pauses).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(1500));
    assertThat(site.paths()).containsExactly("/1", "/2", "/3", "/1");
  }

  @Test
  void a_longer_crawl_delay_in_robots_txt_wins_over_the_configured_delay() throws Exception {
    site.respond("/robots.txt", 200, "text/plain", "User-agent: *\nCrawl-delay: 4\n");
    site.page("/1", "<title>1</title>").page("/2", "<title>2</title>");
    PageFetcher fetcher = fetcher();

    fetcher.fetch(site.url("/1"), spec(site.url("/1"), 1000, true, Map.of()));
    fetcher.fetch(site.url("/2"), spec(site.url("/2"), 1000, true, Map.of()));

    assertThat(pauses).containsExactly(Duration.ofSeconds(4));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
