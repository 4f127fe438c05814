package io.scrapr.orchestrator.core;

import io.scrapr.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes a canonical JSON form of a spec, so equal specs give equal hashes in every JVM. */
final class SpecHash {
  private static final int HEX_CHARS = 16;

  private SpecHash() {}

  /** Hashes a value whose JSON form is deterministic (sorted maps, lists, scalars). */
  static String of(Object canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
