package io.scrapr.scraper.fetch;

import io.scrapr.common.net.ForbiddenTargetException;
import io.scrapr.common.net.TargetPolicy;
import io.scrapr.common.net.UnresolvableTargetException;
import io.scrapr.scraper.core.FailureReason;
import io.scrapr.scraper.core.FetchException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Set;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * HTTP to user-supplied URLs behind the SSRF guard: every URL, every redirect hop, is checked by
 * the {@link TargetPolicy}, and OkHttp connects only to the addresses the check approved. Redirects
 * are followed here, at most {@value #MAX_REDIRECTS}, never by OkHttp; no proxy, no cookies. Each
 * hop carries the headers chosen for its own URL.
 */
public final class GuardedHttp implements AutoCloseable {
  static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final MediaType JSON = MediaType.get("application/json");

  private final TargetPolicy policy;
  private final OkHttpClient base;

  /**
   * Creates the client.
   *
   * @param policy the SSRF guard
   * @param settings timeouts
   */
  public GuardedHttp(TargetPolicy policy, FetchSettings settings) {
    this(policy, settings, call -> EventListener.NONE);
  }

  GuardedHttp(TargetPolicy policy, FetchSettings settings, EventListener.Factory events) {
    this.policy = policy;
    this.base =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .callTimeout(settings.callTimeout())
            .followRedirects(false)
            .followSslRedirects(false)
            .proxy(Proxy.NO_PROXY)
            .eventListenerFactory(events)
            .build();
  }

  /**
   * Cancels every call in flight, so a scraper that is stopping does not wait for a server that
   * hangs; they fail as cancelled. Calls made later work as before.
   */
  public void cancelAll() {
    base.dispatcher().cancelAll();
  }

  /** Closes idle pooled connections; calls made later open new ones. */
  @Override
  public void close() {
    base.connectionPool().evictAll();
  }

  /** Reads a final (non-redirect) response; the response is closed afterwards. */
  @FunctionalInterface
  interface Reader<T> {
    T read(URI url, Response response) throws IOException, FetchException;
  }

  /**
   * Sends a GET, following redirects, each checked again.
   *
   * @param url the URL
   * @param headers the request headers, chosen again for every hop's URL
   * @param reader reads the final response
   * @return what the reader made of it
   * @throws FetchException when a hop is forbidden, does not resolve, fails, or there are too many
   */
  <T> T get(URI url, RequestHeaders headers, Reader<T> reader) throws FetchException {
    HttpUrl current = parse(url);
    for (int hop = 0; ; hop++) {
      Request.Builder request = new Request.Builder().url(current).get();
      URI currentUri = current.uri();
      headers.forUrl(currentUri).forEach(request::header);
      try (Response response = call(current, request.build())) {
        String location = response.header("Location");
        if (!REDIRECTS.contains(response.code()) || location == null) {
          return reader.read(currentUri, response);
        }
        if (hop >= MAX_REDIRECTS) {
          throw new FetchException(
              url,
              FailureReason.TOO_MANY_REDIRECTS,
              "more than " + MAX_REDIRECTS + " redirects, the last to " + location);
        }
        HttpUrl next = current.resolve(location);
        if (next == null) {
          throw new FetchException(
              currentUri,
              FailureReason.FORBIDDEN,
              "redirect to \"" + location + "\" is forbidden: it is not an http(s) URL");
        }
        current = next;
      } catch (IOException e) {
        throw failure(currentUri, e);
      }
    }
  }

  /**
   * POSTs a JSON body without following redirects.
   *
   * @param url the URL
   * @param json the body
   * @return the response status
   * @throws FetchException when the URL is forbidden, does not resolve or the call fails
   */
  public int postJson(URI url, byte[] json) throws FetchException {
    HttpUrl target = parse(url);
    Request request =
        new Request.Builder()
            .url(target)
            .header("User-Agent", UserAgent.VALUE)
            .post(RequestBody.create(json, JSON))
            .build();
    try (Response response = call(target, request)) {
      return response.code();
    } catch (IOException e) {
      throw failure(url, e);
    }
  }

  private Response call(HttpUrl url, Request request) throws FetchException, IOException {
    List<InetAddress> addresses = check(url);
    OkHttpClient client = base.newBuilder().dns(new ApprovedDns(url.host(), addresses)).build();
    return client.newCall(request).execute();
  }

  private List<InetAddress> check(HttpUrl url) throws FetchException {
    URI uri = url.uri();
    try {
      return policy.check(uri);
    } catch (ForbiddenTargetException e) {
      throw new FetchException(uri, FailureReason.FORBIDDEN, e.getMessage(), e);
    } catch (UnresolvableTargetException e) {
      throw new FetchException(uri, FailureReason.UNRESOLVABLE, e.getMessage(), e);
    }
  }

  private HttpUrl parse(URI url) throws FetchException {
    HttpUrl parsed = HttpUrl.parse(url.toString());
    if (parsed != null) {
      return parsed;
    }
    try {
      policy.check(url); // names the reason: another scheme, no host
    } catch (ForbiddenTargetException e) {
      throw new FetchException(url, FailureReason.FORBIDDEN, e.getMessage(), e);
    } catch (UnresolvableTargetException e) {
      throw new FetchException(url, FailureReason.UNRESOLVABLE, e.getMessage(), e);
    }
    throw new FetchException(url, FailureReason.FORBIDDEN, url + " is not a valid http(s) URL");
  }

  private static FetchException failure(URI url, IOException e) {
    if (Thread.currentThread().isInterrupted()) {
      return new FetchException(url, FailureReason.CANCELLED, "stopped while fetching " + url, e);
    }
    if (e instanceof InterruptedIOException) {
      return new FetchException(
          url, FailureReason.TIMEOUT, "timed out fetching " + url + ": " + e.getMessage(), e);
    }
    return new FetchException(url, FailureReason.NETWORK, "fetching " + url + " failed: " + e, e);
  }
}
