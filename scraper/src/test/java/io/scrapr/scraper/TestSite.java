package io.scrapr.scraper;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small web site for tests on 127.0.0.1 and a free port: pages, robots.txt, redirects and
 * misbehaving responses, recording every request it receives in order.
 */
public final class TestSite implements AutoCloseable {
  /**
   * One request the site received.
   *
   * @param method the method
   * @param path the path and query
   * @param headers the headers, names in lower case
   * @param body the body
   */
  public record Request(String method, String path, Map<String, String> headers, String body) {
    /** Returns a header's value, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private TestSite() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** Starts a site with no pages. */
  public static TestSite start() {
    return new TestSite();
  }

  /** Returns the site's port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Returns the URL of a path on the site, e.g. {@code http://127.0.0.1:4242/page.html}. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** Serves HTML at a path. */
  public TestSite page(String path, String html) {
    return respond(path, 200, "text/html; charset=utf-8", html);
  }

  /** Serves a fixture page from {@code src/test/resources/pages} at a path. */
  public TestSite fixture(String path, String fixture) {
    return page(path, Fixtures.html(fixture));
  }

  /** Serves a fixed response at a path. */
  public TestSite respond(String path, int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return handle(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", contentType);
          send(exchange, status, bytes);
        });
  }

  /** Answers a path with a redirect. */
  public TestSite redirect(String path, int status, String location) {
    return handle(
        path,
        exchange -> {
          exchange.getResponseHeaders().set("Location", location);
          send(exchange, status, new byte[0]);
        });
  }

  /** Answers a path with a handler of the test's own. */
  public TestSite handle(String path, HttpHandler handler) {
    routes.put(path, handler);
    return this;
  }

  /** Answers a path only after the site is closed (or after a minute): a server that hangs. */
  public TestSite hang(String path) {
    return handle(
        path,
        exchange -> {
          try {
            closing.await(1, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
  }

  /** Returns every request received, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Returns the requests received for one path. */
  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Returns the paths requested, in order. */
  public List<String> paths() {
    return requests.stream().map(Request::path).toList();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  /** Sends a complete response and closes the exchange. */
  public static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new java.util.HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    String full = query == null ? path : path + "?" + query;
    requests.add(new Request(exchange.getRequestMethod(), full, Map.copyOf(headers), body));
    HttpHandler handler = routes.getOrDefault(full, routes.get(path));
    if (handler == null) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    try {
      handler.handle(exchange);
    } catch (IOException e) {
      exchange.close(); // the client went away, e.g. after reading as much as it wanted
    }
  }
}
