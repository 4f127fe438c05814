package io.scrapr.endpoint.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scrapr.common.http.AcceptEncoding;
import io.scrapr.common.http.FrontRoute;
import io.scrapr.endpoint.core.Answer;
import io.scrapr.endpoint.core.CollectionView;
import io.scrapr.endpoint.core.PageQuery;
import io.scrapr.endpoint.core.RenderedPage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /} on Jetty's core API, ahead of Javalin, on the thread that read the request: a 304,
 * or a 200 with a page already rendered from the current snapshot (in the encoding already made for
 * it), with the headers {@link CollectionRoutes} sets. It never renders or compresses: a page not
 * rendered yet, a bad parameter, no copy loaded yet, an unreadable query or {@code Accept-Encoding}
 * go on to {@link CollectionRoutes} on a pool thread, which answers as it always has and leaves the
 * page (and its gzip encoding) ready for the next request. Its timings go to the same {@code
 * http_server_requests} timer as Javalin's.
 */
public final class FrontCollectionRoute implements FrontRoute {
  private static final HttpField CACHE_CONTROL =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, CollectionRoutes.CACHE_CONTROL);
  private static final HttpField ALLOW_ORIGIN =
      new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
  private static final HttpField EXPOSE_HEADERS =
      new PreEncodedHttpField(
          HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, CollectionRoutes.EXPOSED_HEADERS);
  private static final HttpField VARY =
      new PreEncodedHttpField(HttpHeader.VARY, HttpHeader.ACCEPT_ENCODING.asString());
  private static final HttpField GZIP =
      new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");
  private static final HttpField STALE = new PreEncodedHttpField("X-Scrapr-Stale", "true");

  private final CollectionView view;
  private final Timer ok;
  private final Timer notModified;

  /**
   * Creates the route.
   *
   * @param view what answers
   * @param metrics where its request timings go
   */
  public FrontCollectionRoute(CollectionView view, MeterRegistry metrics) {
    this.view = view;
    this.ok = timer(metrics, 200);
    this.notModified = timer(metrics, 304);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    if (!HttpMethod.GET.is(request.getMethod())
        || !"/".equals(request.getHttpURI().getPath())
        || request.getHttpURI().getParam() != null) {
      return false;
    }
    HttpFields headers = request.getHeaders();
    AcceptEncoding encoding = AcceptEncoding.of(headers.get(HttpHeader.ACCEPT_ENCODING));
    Optional<Map<String, List<String>>> params = QueryString.parse(request.getHttpURI().getQuery());
    if (encoding == AcceptEncoding.UNSURE || params.isEmpty()) {
      return false;
    }
    Optional<Answer> answer = answer(params.get(), headers.get(HttpHeader.IF_NONE_MATCH), encoding);
    if (answer.isEmpty()) {
      return false;
    }
    Answer a = answer.get();
    HttpFields.Mutable out = response.getHeaders();
    out.add(HttpHeader.ETAG, a.etag());
    out.add(CACHE_CONTROL);
    if (a.total() >= 0) {
      out.add("X-Total-Count", Integer.toString(a.total()));
    }
    a.page().flatMap(RenderedPage::cursor).ifPresent(c -> out.add(CollectionRoutes.CURSOR, c));
    out.add(ALLOW_ORIGIN);
    out.add(EXPOSE_HEADERS);
    out.add(VARY);
    if (a.stale()) {
      out.add(STALE);
    }
    if (a.notModified()) {
      response.setStatus(304);
      response.write(true, null, callback);
      notModified.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return true;
    }
    RenderedPage page = a.page().orElseThrow();
    byte[] body = page.body();
    if (encoding.gzips(body.length)) {
      body = page.gzipped();
      out.add(GZIP);
    }
    response.setStatus(200);
    out.add(HttpHeader.CONTENT_TYPE, a.contentType());
    out.add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, body.length));
    response.write(true, ByteBuffer.wrap(body), callback);
    ok.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return true;
  }

  /** Returns the answer, or empty for every request the Javalin route must answer. */
  private Optional<Answer> answer(
      Map<String, List<String>> params, String ifNoneMatch, AcceptEncoding encoding) {
    try {
      PageQuery query = QueryParser.parse(params);
      // Compressing a large page takes a while: the pool thread does it, once, then it is ready.
      // One item not found is the Javalin route's 404.
      return view.prepared(
          query,
          ifNoneMatch,
          page ->
              (!encoding.gzips(page.body().length) || page.isGzipped())
                  && !(query.asksForOneItem() && page.items() == 0));
    } catch (RuntimeException e) {
      // A bad parameter or a page too large (or any failure): the Javalin route answers it again
      // and maps it to its problem+json, the one place failures are mapped.
      return Optional.empty();
    }
  }

  private static Timer timer(MeterRegistry metrics, int status) {
    // The meter the service kit records Javalin's requests in, so /metrics shows one series.
    return Timer.builder("http_server_requests")
        .tag("method", "GET")
        .tag("route", "/")
        .tag("status", Integer.toString(status))
        .register(metrics);
  }
}
