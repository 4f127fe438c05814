package io.scrapr.common.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as scrapr uses it for names, keys and entity tags: every Java runtime must provide it
 * (the JCA says so), so its absence is an error, not a checked exception for each caller.
 */
public final class Sha256 {
  /** All 32 bytes of the hash. */
  public static final int ALL = 32;

  private Sha256() {}

  /** Returns a new digest, for data hashed in parts. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  /** Returns the first {@code bytes} bytes of the hash of {@code data}, in lower-case hex. */
  public static String hex(byte[] data, int bytes) {
    return HexFormat.of().formatHex(digest().digest(data), 0, bytes);
  }

  /**
   * Returns the first {@code bytes} bytes of the hash of {@code text}'s UTF-8, in lower-case hex.
   */
  public static String hex(String text, int bytes) {
    return hex(text.getBytes(StandardCharsets.UTF_8), bytes);
  }
}
