package io.scrapr.testkit.site;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A web site to scrape in tests and the end-to-end run: a deterministic, paginated book catalogue
 * at {@code /catalogue/page-N.html} (books in {@code article.product}, the next page behind {@code
 * li.next a}), a detail page per book, a permissive {@code robots.txt} and {@code /health}. For
 * tests only; never deployed in production.
 */
public final class TestSite implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TestSite.class);
  private static final String HTML = "text/html; charset=utf-8";

  private final Javalin javalin;
  private final Catalogue catalogue;
  private final String host;

  private TestSite(Javalin javalin, Catalogue catalogue, String host) {
    this.javalin = javalin;
    this.catalogue = catalogue;
    this.host = host;
  }

  /**
   * Starts a site on loopback.
   *
   * @param port the port, 0 for a free one
   * @param pages how many catalogue pages
   * @param itemsPerPage how many books per page
   * @return the running site
   */
  public static TestSite start(int port, int pages, int itemsPerPage) {
    return start("127.0.0.1", port, new Catalogue(pages, itemsPerPage, 0));
  }

  static TestSite start(String bindHost, int port, Catalogue catalogue) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    Javalin javalin =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = bindHost;
              config.jetty.port = port;
              config.routes.get("/", ctx -> ctx.redirect("/catalogue/page-1.html"));
              config.routes.get("/health", ctx -> ctx.result("ok"));
              config.routes.get(
                  "/robots.txt",
                  ctx -> ctx.contentType("text/plain").result("User-agent: *\nAllow: /\n"));
              config.routes.get("/catalogue/{page}", ctx -> catalogue(ctx, catalogue));
            });
    javalin.start();
    TestSite site =
        new TestSite(javalin, catalogue, "0.0.0.0".equals(bindHost) ? "127.0.0.1" : bindHost);
    log.info(
        "test site listening on {}: {} pages of {} books, a tick item every {} s",
        site.firstPage(),
        catalogue.pages(),
        catalogue.itemsPerPage(),
        catalogue.tickSeconds());
    return site;
  }

  private static void catalogue(Context ctx, Catalogue catalogue) {
    String name = ctx.pathParam("page");
    int page = number(name, "page-");
    if (catalogue.hasPage(page)) {
      ctx.contentType(HTML).result(catalogue.page(page, Instant.now().getEpochSecond()));
      return;
    }
    int book = number(name, "book-");
    if (catalogue.hasBook(book)) {
      ctx.contentType(HTML).result(catalogue.book(book));
      return;
    }
    ctx.status(404).contentType(HTML).result("<!doctype html><p>No such page: " + name + "</p>");
  }

  /** Parses {@code <prefix>N.html}; -1 when the name has another shape. */
  private static int number(String name, String prefix) {
    if (!name.startsWith(prefix) || !name.endsWith(".html")) {
      return -1;
    }
    try {
      return Integer.parseInt(name.substring(prefix.length(), name.length() - ".html".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Returns the URL of the first catalogue page, where a scrape starts. */
  public URI firstPage() {
    return URI.create("http://" + host + ":" + port() + "/catalogue/page-1.html");
  }

  /** Returns the port it listens on. */
  public int port() {
    return javalin.port();
  }

  /** Returns the number of books over all pages (tick items not counted). */
  public int itemCount() {
    return catalogue.itemCount();
  }

  /** Stops the server. */
  @Override
  public void close() {
    javalin.stop();
  }

  /**
   * Runs the site as a process on all addresses: {@code --port N} (default 8000), {@code --pages N}
   * (default 3), {@code --items-per-page N} (default 20), {@code --tick-seconds N} (default 0: no
   * tick item).
   */
  public static void main(String[] args) {
    TestSite site =
        start(
            "0.0.0.0",
            Integer.parseInt(argument(args, "--port", "8000")),
            new Catalogue(
                Integer.parseInt(argument(args, "--pages", "3")),
                Integer.parseInt(argument(args, "--items-per-page", "20")),
                Integer.parseInt(argument(args, "--tick-seconds", "0"))));
    Runtime.getRuntime().addShutdownHook(new Thread(site::close, "test-site-stop"));
  }

  private static String argument(String[] args, String name, String defaultValue) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return defaultValue;
  }
}
