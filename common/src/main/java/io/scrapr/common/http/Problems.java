package io.scrapr.common.http;

import io.javalin.http.Context;
import io.scrapr.common.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes RFC 9457 {@code application/problem+json} responses. */
public final class Problems {
  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** Writes the problem an exception describes. */
  public static void write(Context ctx, ProblemException problem) {
    write(ctx, problem.status(), problem.title(), problem.getMessage(), problem.errors());
  }

  /** Writes a problem built from its parts. */
  public static void write(
      Context ctx, int status, String title, String detail, List<FieldError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("instance", ctx.path());
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    ctx.status(status).contentType(MEDIA_TYPE).result(Json.writeBytes(body));
  }
}
