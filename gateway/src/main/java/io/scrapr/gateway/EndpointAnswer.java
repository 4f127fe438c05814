package io.scrapr.gateway;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One answer of an endpoint as the gateway relays it: the status, the body and the headers that
 * describe the collection (the rest of the endpoint's headers are the endpoint's own business).
 *
 * @param status the endpoint's status
 * @param contentType the body's media type; null when the endpoint sent none (a 304)
 * @param headers the relayed headers, in the order the endpoint's answer names them
 * @param body the body; empty for a 304
 */
record EndpointAnswer(int status, String contentType, List<Header> headers, byte[] body) {
  /** The stale flag, as the endpoint sends it. */
  static final String STALE = "X-Scrapr-Stale";

  /**
   * The headers relayed besides {@code Content-Type}: the ones that describe the copy served (the
   * endpoint's {@code CollectionRoutes} sets them) and {@code Retry-After} of a 503.
   */
  static final List<String> RELAYED =
      List.of("ETag", "Cache-Control", "X-Total-Count", STALE, "Retry-After");

  /** One relayed header. */
  record Header(String name, String value) {
    Header {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  EndpointAnswer {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = List.copyOf(headers);
  }

  /** Takes the relayed part of an endpoint's HTTP answer. */
  static EndpointAnswer of(int status, HttpHeaders headers, byte[] body) {
    return new EndpointAnswer(
        status, headers.firstValue("Content-Type").orElse(null), relayed(headers), body);
  }

  /** Returns the relayed headers of an HTTP answer, e.g. of a 304 that renews a kept copy. */
  static List<Header> relayed(HttpHeaders headers) {
    List<Header> relayed = new ArrayList<>(RELAYED.size());
    for (String name : RELAYED) {
      headers.firstValue(name).ifPresent(value -> relayed.add(new Header(name, value)));
    }
    return relayed;
  }

  /** Returns the value of a relayed header, or null. */
  String header(String name) {
    for (Header header : headers) {
      if (header.name().equalsIgnoreCase(name)) {
        return header.value();
      }
    }
    return null;
  }

  /** Returns the entity tag, or null when the endpoint sent none. */
  String etag() {
    return header("ETag");
  }

  /**
   * Returns this answer with other relayed headers and the same body: what a 304 says about the
   * copy (its total, whether it is stale) replaces what the 200 said.
   */
  EndpointAnswer withHeaders(List<Header> renewed) {
    return new EndpointAnswer(status, contentType, renewed, body);
  }

  /** Returns this answer flagged stale, e.g. because the gateway could not ask the endpoint. */
  EndpointAnswer flaggedStale() {
    if ("true".equals(header(STALE))) {
      return this;
    }
    List<Header> flagged = new ArrayList<>(headers);
    flagged.add(new Header(STALE, "true"));
    return new EndpointAnswer(status, contentType, flagged, body);
  }

  /** Returns roughly how many bytes of heap the answer holds, for the cache's bound. */
  long weight() {
    long weight = body.length + 64L;
    for (Header header : headers) {
      weight += 48L + 2L * (header.name().length() + header.value().length());
    }
    return weight + (contentType == null ? 0 : 2L * contentType.length());
  }
}
