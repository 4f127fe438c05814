package io.scrapr.endpoint.core;

import java.util.Locale;

/**
 * Turns field names into XML element names: characters a name may not hold become {@code _}, a name
 * that may not start as it does gets a leading {@code _}, and so does one starting with the
 * reserved {@code xml}. Colons are replaced too, so no name looks namespaced.
 */
final class XmlNames {
  private XmlNames() {}

  static String of(String field) {
    if (field.isEmpty()) {
      return "_";
    }
    StringBuilder name = new StringBuilder(field.length() + 1);
    field.codePoints().forEach(c -> name.appendCodePoint(isNameChar(c) ? c : '_'));
    int first = name.codePointAt(0);
    if (!isNameStartChar(first) || name.toString().toLowerCase(Locale.ROOT).startsWith("xml")) {
      name.insert(0, '_');
    }
    return name.toString();
  }

  /** XML 1.0 NameStartChar, without ':'. */
  static boolean isNameStartChar(int c) {
    return (c >= 'A' && c <= 'Z')
        || c == '_'
        || (c >= 'a' && c <= 'z')
        || (c >= 0xC0 && c <= 0xD6)
        || (c >= 0xD8 && c <= 0xF6)
        || (c >= 0xF8 && c <= 0x2FF)
        || (c >= 0x370 && c <= 0x37D)
        || (c >= 0x37F && c <= 0x1FFF)
        || (c >= 0x200C && c <= 0x200D)
        || (c >= 0x2070 && c <= 0x218F)
        || (c >= 0x2C00 && c <= 0x2FEF)
        || (c >= 0x3001 && c <= 0xD7FF)
        || (c >= 0xF900 && c <= 0xFDCF)
        || (c >= 0xFDF0 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0xEFFFF);
  }

  /** XML 1.0 NameChar, without ':'. */
  static boolean isNameChar(int c) {
    return isNameStartChar(c)
        || c == '-'
        || c == '.'
        || (c >= '0' && c <= '9')
        || c == 0xB7
        || (c >= 0x300 && c <= 0x36F)
        || (c >= 0x203F && c <= 0x2040);
  }
}
