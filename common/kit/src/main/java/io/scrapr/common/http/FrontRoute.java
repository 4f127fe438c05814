package io.scrapr.common.http;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A hot read route answered on Jetty's core API ahead of the Javalin routes, so its requests skip
 * the servlet stack, the before and after handlers and the per-request timer lookup: for a route
 * whose answer is bytes prepared in advance, that stack costs more than the answer. A front route
 * answers only what it can answer whole (say a 200 or a 304) and hands every other request, errors
 * included, to the Javalin routes by returning {@code false}, so failures are still mapped in one
 * place. It records its own request timings.
 */
@FunctionalInterface
public interface FrontRoute {
  /**
   * Answers a request, or declines it.
   *
   * @param request the request
   * @param response where the answer goes
   * @param callback completed by the response's write, as Jetty's {@code Handler} contract asks
   * @return {@code true} when this route answered (and will complete the callback), {@code false}
   *     to let the Javalin routes answer; nothing may have been written then
   * @throws Exception when answering failed; Jetty then answers 500
   */
  boolean handle(Request request, Response response, Callback callback) throws Exception;
}
