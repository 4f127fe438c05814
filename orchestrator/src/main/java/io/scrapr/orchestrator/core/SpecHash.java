package io.scrapr.orchestrator.core;

import io.scrapr.common.hash.Sha256;
import io.scrapr.common.json.Json;

/** Hashes a canonical JSON form of a spec, so equal specs give equal hashes in every JVM. */
final class SpecHash {
  private static final int HEX_CHARS = 16;

  private SpecHash() {}

  /** Hashes a value whose JSON form is deterministic (sorted maps, lists, scalars). */
  static String of(Object canonical) {
    return Sha256.hex(Json.write(canonical), HEX_CHARS / 2);
  }
}
