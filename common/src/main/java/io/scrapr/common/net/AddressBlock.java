package io.scrapr.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/** A block of addresses written in CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}). */
final class AddressBlock {
  private final byte[] network;
  private final int prefix;

  private AddressBlock(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /**
   * Parses a CIDR block, or a single address (a /32 or /128), without asking DNS.
   *
   * @param text e.g. {@code 127.0.0.1/32}, {@code 10.0.0.0/8}, {@code ::1}, {@code [fd00::]/8}
   * @return the block, or empty when the text is not a valid address or prefix
   */
  static Optional<AddressBlock> parse(String text) {
    int slash = text.indexOf('/');
    String literal = slash < 0 ? text : text.substring(0, slash);
    Optional<InetAddress> address = IpLiteral.parse(literal);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = address.get().getAddress();
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (!digits.matches("\\d{1,3}")) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(digits);
      if (address.get() instanceof Inet4Address && literal.contains(":")) {
        // ::ffff:a.b.c.d/n arrives as an IPv4 address: its prefix counts the 96 mapping bits.
        prefix -= 96;
      }
      if (prefix < 0 || prefix > bits) {
        return Optional.empty();
      }
    }
    return Optional.of(new AddressBlock(bytes, prefix));
  }

  /** Returns whether an address lies in this block; IPv4 and IPv6 blocks hold only their own. */
  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int whole = prefix / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[whole] & mask) == (network[whole] & mask);
  }
}
