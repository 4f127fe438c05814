package io.scrapr.common.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.ConsulException;
import org.kiwiproject.consul.NotRegisteredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consul's HTTP API at one or more addresses tried in order, typically the node's own agent first
 * and then the servers. A call goes to the first address that answers; one that cannot be reached
 * is passed over for a while (tried last), so calls do not wait on it each time, and is preferred
 * again once that while is over.
 */
final class ConsulEndpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsulEndpoints.class);

  /** One call to Consul; NotRegisteredException is how the client reports a failed TTL pass. */
  interface Call<T> {
    T on(Consul consul) throws NotRegisteredException;
  }

  private static final class Endpoint {
    final URI url;
    final Consul consul;
    // System.nanoTime() before which this address is tried last; written by any calling thread.
    volatile long passedOverUntil;

    Endpoint(URI url, Consul consul) {
      this.url = url;
      this.consul = consul;
    }
  }

  private final List<Endpoint> endpoints;
  private final long passOverNanos;
  private final LongSupplier nanoTime;
  private final AtomicReference<Endpoint> lastAnswered = new AtomicReference<>();

  ConsulEndpoints(List<URI> urls, List<Consul> clients, Duration passOver, LongSupplier nanoTime) {
    if (urls.isEmpty() || urls.size() != clients.size()) {
      throw new IllegalArgumentException("one Consul client per URL, and at least one URL");
    }
    List<Endpoint> list = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      list.add(new Endpoint(urls.get(i), clients.get(i)));
    }
    this.endpoints = List.copyOf(list);
    this.passOverNanos = passOver.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Returns the addresses in the order they are tried, for messages, e.g. {@code http://a:8500}.
   */
  String describe() {
    return endpoints.stream().map(e -> e.url.toString()).collect(Collectors.joining(", "));
  }

  /**
   * Runs a call on the first address that answers. An answer with an HTTP status, even an error, is
   * Consul's answer and is returned or thrown as it is; only a transport failure (refused, timed
   * out, unknown host) moves on to the next address.
   *
   * @throws ConsulException the last transport failure when no address could be reached
   * @throws NotRegisteredException as the call throws it when Consul answered
   */
  <T> T call(Call<T> call) throws NotRegisteredException {
    RuntimeException consulFailure = null;
    NotRegisteredException passFailure = null;
    for (Endpoint endpoint : inOrder()) {
      try {
        T result = call.on(endpoint.consul);
        answered(endpoint);
        return result;
      } catch (ConsulException e) {
        if (e.hasCode()) {
          answered(endpoint);
          throw e;
        }
        unreachable(endpoint);
        consulFailure = e;
        passFailure = null;
      } catch (NotRegisteredException e) {
        if (!(e.getCause() instanceof ConsulException cause) || cause.hasCode()) {
          answered(endpoint);
          throw e;
        }
        unreachable(endpoint);
        passFailure = e;
        consulFailure = null;
      }
    }
    if (passFailure != null) {
      throw passFailure;
    }
    throw consulFailure;
  }

  /** Runs a call that does not throw NotRegisteredException. */
  <T> T query(Call<T> call) {
    try {
      return call(call);
    } catch (NotRegisteredException e) {
      throw new ConsulException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    endpoints.forEach(e -> e.consul.destroy());
  }

  private List<Endpoint> inOrder() {
    if (endpoints.size() == 1) {
      return endpoints;
    }
    long now = nanoTime.getAsLong();
    List<Endpoint> first = new ArrayList<>();
    List<Endpoint> last = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      (endpoint.passedOverUntil - now > 0 ? last : first).add(endpoint);
    }
    first.addAll(last);
    return first;
  }

  private void unreachable(Endpoint endpoint) {
    endpoint.passedOverUntil = nanoTime.getAsLong() + passOverNanos;
  }

  private void answered(Endpoint endpoint) {
    endpoint.passedOverUntil = 0;
    Endpoint before = lastAnswered.getAndSet(endpoint);
    if (before == endpoint || endpoints.size() == 1) {
      return;
    }
    // Logged once per change of address, not per call.
    if (before == null) {
      if (endpoints.indexOf(endpoint) > 0) {
        log.warn(
            "discovery: Consul at {} answers; the addresses before it ({}) do not",
            endpoint.url,
            before(endpoint));
      }
    } else if (endpoints.indexOf(endpoint) > endpoints.indexOf(before)) {
      log.warn(
          "discovery: Consul at {} does not answer; using {} until it does",
          before.url,
          endpoint.url);
    } else {
      log.info(
          "discovery: Consul at {} answers again; using it instead of {}",
          endpoint.url,
          before.url);
    }
  }

  private String before(Endpoint endpoint) {
    return endpoints.subList(0, endpoints.indexOf(endpoint)).stream()
        .map(e -> e.url.toString())
        .collect(Collectors.joining(", "));
  }
}
