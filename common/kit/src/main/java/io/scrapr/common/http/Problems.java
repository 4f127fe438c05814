package io.scrapr.common.http;

import io.javalin.http.Context;
import io.scrapr.common.errors.ConflictException;
import io.scrapr.common.errors.DomainException;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.NotFoundException;
import io.scrapr.common.errors.UnavailableException;
import io.scrapr.common.errors.ValidationException;
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

  /**
   * Writes the problem a domain failure describes: the one place where the core's typed errors
   * become statuses.
   */
  public static void write(Context ctx, DomainException failure) {
    if (failure instanceof ValidationException e) {
      write(ctx, 400, "Invalid request", e.getMessage(), e.errors());
    } else if (failure instanceof NotFoundException) {
      write(ctx, 404, "Not found", failure.getMessage(), List.of());
    } else if (failure instanceof ConflictException) {
      write(ctx, 409, "Conflict", failure.getMessage(), List.of());
    } else if (failure instanceof UnavailableException) {
      write(ctx, 503, "Service unavailable", failure.getMessage(), List.of());
    } else {
      // A service's own failure types are mapped by its web layer; reaching here is a bug.
      write(ctx, 500, "Internal error", "the request failed; see the service log", List.of());
    }
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
