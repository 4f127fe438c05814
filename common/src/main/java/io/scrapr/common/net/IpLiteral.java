package io.scrapr.common.net;

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
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
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
    if (!bare.contains(":") || !IPV6_CHARACTERS.matcher(bare).matches()) {
      return Optional.empty();
    }
    try {
      // In brackets InetAddress insists on an IPv6 literal and fails instead of looking it up.
      return Optional.of(InetAddress.getAllByName("[" + bare + "]")[0]);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the IPv4 address an IPv6 address carries (IPv4-mapped {@code ::ffff:a.b.c.d},
   * IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}), or the address itself.
   */
  static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] b = address.getAddress();
    boolean zeroPrefix = allZero(b, 0, 10);
    boolean mapped = zeroPrefix && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 15);
    boolean nat64 =
        b[0] == 0
            && b[1] == 0x64
            && b[2] == (byte) 0xff
            && b[3] == (byte) 0x9b
            && allZero(b, 4, 12);
    if (!mapped && !compatible && !nat64) {
      return address;
    }
    return byAddress(new byte[] {b[12], b[13], b[14], b[15]});
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
    }
  }
}
