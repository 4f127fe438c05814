package io.scrapr.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scrapr.common.http.AcceptEncoding;
import io.scrapr.common.http.FrontRoute;
import java.nio.ByteBuffer;
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
 * {@code GET /api/{collection}} on Jetty's core API, ahead of Javalin, on the thread that read the
 * request: a 200 or a 304 from a kept copy that is not due for revalidation, with the headers
 * {@link GatewayRoutes} sets. It never waits on anything: a key with no copy, a copy due for
 * revalidation, a collection the directory in use does not list (or a directory due to be looked up
 * again), an {@code Accept-Encoding} it cannot read go on to {@link GatewayRoutes}, which answers
 * as it always has. Its timings go to the same {@code http_server_requests} timer as Javalin's.
 */
final class GatewayFrontRoute implements FrontRoute {
  private static final String PREFIX = "/api/";
  private static final HttpField ALLOW_ORIGIN =
      new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
  private static final HttpField EXPOSE_HEADERS =
      new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, GatewayRoutes.EXPOSED);
  private static final HttpField VARY =
      new PreEncodedHttpField(HttpHeader.VARY, HttpHeader.ACCEPT_ENCODING.asString());
  private static final HttpField GZIP =
      new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

  private final EndpointDirectory directory;
  private final AnswerRelay relay;
  private final Timer ok;
  private final Timer notModified;

  GatewayFrontRoute(EndpointDirectory directory, AnswerRelay relay, MeterRegistry metrics) {
    this.directory = directory;
    this.relay = relay;
    this.ok = timer(metrics, 200);
    this.notModified = timer(metrics, 304);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    long start = System.nanoTime();
    String path = request.getHttpURI().getPath();
    if (!HttpMethod.GET.is(request.getMethod())
        || path == null
        || !path.startsWith(PREFIX)
        || request.getHttpURI().getParam() != null) {
      return false;
    }
    String collection = path.substring(PREFIX.length());
    HttpFields headers = request.getHeaders();
    AcceptEncoding encoding = AcceptEncoding.of(headers.get(HttpHeader.ACCEPT_ENCODING));
    if (encoding == AcceptEncoding.UNSURE
        || !GatewayRoutes.COLLECTION.matcher(collection).matches()
        || !directory.servesByCurrentLookup(collection)) {
      return false;
    }
    CacheKey key = CacheKey.of(collection, request.getHttpURI().getQuery());
    CachedAnswer kept = relay.current(key);
    if (kept == null) {
      return false;
    }
    EndpointAnswer answer = kept.served();
    HttpFields.Mutable out = response.getHeaders();
    for (EndpointAnswer.Header header : answer.headers()) {
      out.add(header.name(), header.value());
    }
    out.add(ALLOW_ORIGIN);
    out.add(EXPOSE_HEADERS);
    out.add(VARY);
    if (EntityTags.matches(headers.get(HttpHeader.IF_NONE_MATCH), answer.etag())) {
      response.setStatus(304);
      response.write(true, null, callback);
      notModified.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return true;
    }
    byte[] body = answer.body();
    if (encoding.gzips(body.length)) {
      body = kept.gzippedBody();
      out.add(GZIP);
    }
    response.setStatus(200);
    if (answer.contentType() != null) {
      out.add(HttpHeader.CONTENT_TYPE, answer.contentType());
    }
    out.add(new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, body.length));
    response.write(true, ByteBuffer.wrap(body), callback);
    ok.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return true;
  }

  private static Timer timer(MeterRegistry metrics, int status) {
    // The meter the service kit records Javalin's requests in, so /metrics shows one series.
    return Timer.builder("http_server_requests")
        .tag("method", "GET")
        .tag("route", "/api/{collection}")
        .tag("status", Integer.toString(status))
        .register(metrics);
  }
}
