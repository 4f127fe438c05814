package io.scrapr.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.json.Json;
import java.io.IOException;
import java.util.stream.Collectors;

/** Reads request bodies as JSON, turning every parse failure into a 400 naming the field. */
public final class JsonBody {
  private JsonBody() {}

  /** Reads the body as a JSON tree; a missing or malformed body is a 400. */
  public static JsonNode tree(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ValidationException.of("", "request body is empty; a JSON document is required");
    }
    try {
      return Json.mapper().readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ValidationException.of("", "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ValidationException.of("", "unreadable body: " + e.getMessage());
    }
  }

  /** Reads the body into a type; wrong types and unknown fields are 400s naming the field. */
  public static <T> T as(Context ctx, Class<T> type) {
    JsonNode tree = tree(ctx);
    try {
      return Json.mapper().treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      throw ValidationException.of(path(e), "unknown field");
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      String message =
          cause instanceof IllegalArgumentException || cause instanceof NullPointerException
              ? cause.getMessage()
              : e.getOriginalMessage();
      throw ValidationException.of(path(e), message);
    } catch (JsonProcessingException e) {
      throw ValidationException.of("", "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(
            ref ->
                ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }
}
