package io.scrapr.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses IPv4 and IPv6 literals without ever asking DNS, which {@code InetAddress} may do. */
final class IpLiteral {
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** The form of {@code ::ffff:a.b.c.d}, which is the IPv4 address itself to a socket. */
  static final String MAPPED = "IPv4-mapped";

  /** The longest IPv6 literal: eight groups of four digits (or six and a dotted quad). */
  private static final int MAX_IPV6_LENGTH = 45;

  /**
   * An IPv4 address an IPv6 address carries, and the form that carries it.
   *
   * @param form the transition mechanism, e.g. {@code 6to4}
   * @param address the IPv4 address carried
   */
  record Carried(String form, Inet4Address address) {}

  private IpLiteral() {}

  /** Returns whether a text is written like an IP address (digits and dots, or with a colon). */
  static boolean looksLikeAddress(String text) {
    return text.contains(":") || text.matches("[0-9.]+");
  }

  /**
   * Parses a literal: a dotted quad, or an IPv6 address with or without brackets.
   *
   * @return the address, or empty when the text is not a valid literal
   */
  static Optional<InetAddress> parse(String text) {
    String bare =
        text.length() >= 2 && text.startsWith("[") && text.endsWith("]")
            ? text.substring(1, text.length() - 1)
            : text;
    Matcher quad = DOTTED_QUAD.matcher(bare);
    if (quad.matches()) {
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int part = Integer.parseInt(quad.group(i + 1));
        if (part > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) part;
      }
      return Optional.of(byAddress(bytes));
    }
    if (bare.length() > MAX_IPV6_LENGTH
        || !bare.contains(":")
        || !IPV6_CHARACTERS.matcher(bare).matches()) {
      return Optional.empty();
    }
    try {
      // In brackets InetAddress insists on an IPv6 literal and fails instead of looking it up.
      return Optional.of(InetAddress.getAllByName("[" + bare + "]")[0]);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the IPv4 address an IPv6 address carries, in any of the forms a packet to it may reach
   * that IPv4 address: IPv4-mapped {@code ::ffff:a.b.c.d} (RFC 4291), IPv4-compatible {@code
   * ::a.b.c.d} (RFC 4291, deprecated; not {@code ::} or {@code ::1}), IPv4-translated {@code
   * ::ffff:0:a.b.c.d} (RFC 2765), NAT64 {@code 64:ff9b::a.b.c.d} (RFC 6052), 6to4 {@code
   * 2002:AABB:CCDD::} (RFC 3056), and Teredo {@code 2001:0:...} whose client address is the last 32
   * bits inverted (RFC 4380).
   *
   * @return the carried address and its form; empty for an IPv4 address or a plain IPv6 address
   */
  static Optional<Carried> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    if (allZero(b, 0, 10)) {
      if (b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
        return carried(MAPPED, b, 12, 0);
      }
      boolean unspecifiedOrLoopback = allZero(b, 10, 15) && (b[15] == 0 || b[15] == 1);
      if (b[10] == 0 && b[11] == 0 && !unspecifiedOrLoopback) {
        return carried("IPv4-compatible", b, 12, 0);
      }
    }
    if (allZero(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && allZero(b, 10, 12)) {
      return carried("IPv4-translated", b, 12, 0);
    }
    if (startsWith(b, 0x00, 0x64, 0xff, 0x9b) && allZero(b, 4, 12)) {
      return carried("NAT64", b, 12, 0);
    }
    if (startsWith(b, 0x20, 0x02)) {
      return carried("6to4", b, 2, 0);
    }
    if (startsWith(b, 0x20, 0x01, 0x00, 0x00)) {
      return carried("Teredo", b, 12, 0xff);
    }
    return Optional.empty();
  }

  private static Optional<Carried> carried(String form, byte[] b, int from, int xor) {
    byte[] v4 = new byte[4];
    for (int i = 0; i < 4; i++) {
      v4[i] = (byte) (b[from + i] ^ xor);
    }
    return Optional.of(new Carried(form, (Inet4Address) byAddress(v4)));
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != (byte) prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the address of 4 or 16 bytes. */
  static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
    }
  }
}
