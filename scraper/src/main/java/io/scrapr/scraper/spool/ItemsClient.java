package io.scrapr.scraper.spool;

import io.scrapr.common.client.PeerUnavailableException;
import io.scrapr.common.client.ServiceClient;
import io.scrapr.common.client.ServiceRequest;
import io.scrapr.common.client.ServiceResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Posts one spooled batch to the datasource's {@code POST /items}, once, and hands back the whole
 * answer with its {@code Retry-After}: the drainer decides what each status means and when to try
 * again, so this client never retries.
 */
public final class ItemsClient {
  private static final String SERVICE = "datasource";

  /**
   * The datasource's answer.
   *
   * @param status the HTTP status
   * @param body the body as text
   * @param retryAfter the {@code Retry-After} header, if any
   */
  record Answer(int status, String body, Optional<String> retryAfter) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The datasource could not be reached: not found in discovery, refused, timed out. */
  static final class UnreachableException extends Exception {
    UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final ServiceClient client;

  /**
   * Creates the client.
   *
   * @param client calls the datasource (discovery, or {@code SCRAPR_DATASOURCE_URL}) with the
   *     scraper's credential; one attempt per post is made whatever its policy says
   */
  public ItemsClient(ServiceClient client) {
    this.client = client;
  }

  /**
   * Posts a batch as spooled.
   *
   * @param json the batch's JSON
   * @throws UnreachableException when no answer came
   */
  Answer post(String json) throws UnreachableException {
    try {
      ServiceResponse response =
          client.exchange(
              SERVICE,
              ServiceRequest.rawJson("POST", "/items", json.getBytes(StandardCharsets.UTF_8)));
      return new Answer(response.status(), response.text(), response.header("Retry-After"));
    } catch (PeerUnavailableException e) {
      throw new UnreachableException(e.getMessage(), e);
    }
  }
}
