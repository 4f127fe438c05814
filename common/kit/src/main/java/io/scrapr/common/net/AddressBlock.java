package io.scrapr.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/** A block of addresses written in CIDR notation ({@code 10.0.0.0/8}, {@code fe80::/10}). */
final class AddressBlock {
  private final String text;
  private final byte[] network;
  private final int prefix;

  private AddressBlock(String text, byte[] network, int prefix) {
    this.text = text;
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
    return parse(text, false);
  }

  /**
   * Parses a block the way {@link #parse} does, but keeps an IPv4-mapped block ({@code
   * ::ffff:0:0/96}) an IPv6 block instead of turning it into the IPv4 block it maps.
   *
   * @param cidr a block in CIDR notation, valid by construction (a table in the code)
   * @return the block
   * @throws IllegalArgumentException when the text is not a block
   */
  static AddressBlock ipv6(String cidr) {
    return parse(cidr, true)
        .orElseThrow(() -> new IllegalArgumentException("not a CIDR block: " + cidr));
  }

  private static Optional<AddressBlock> parse(String text, boolean keepMapped) {
    int slash = text.indexOf('/');
    String literal = slash < 0 ? text : text.substring(0, slash);
    Optional<InetAddress> address = IpLiteral.parse(literal);
    if (address.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = address.get().getAddress();
    // ::ffff:a.b.c.d arrives as an IPv4 address; its prefix counts the 96 mapping bits too.
    boolean mapped = address.get() instanceof Inet4Address && literal.contains(":");
    if (mapped && keepMapped) {
      byte[] wide = new byte[16];
      wide[10] = (byte) 0xff;
      wide[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, wide, 12, 4);
      bytes = wide;
    }
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String digits = text.substring(slash + 1);
      if (!digits.matches("\\d{1,3}")) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(digits);
      if (mapped && !keepMapped) {
        prefix -= 96;
      }
      if (prefix < 0 || prefix > bits) {
        return Optional.empty();
      }
    }
    return Optional.of(new AddressBlock(text, bytes, prefix));
  }

  /** Returns the prefix length: how many leading bits every address in the block shares. */
  int prefix() {
    return prefix;
  }

  /** Returns the block as it was written, e.g. {@code 10.0.0.0/8} or {@code fe80::/10}. */
  @Override
  public String toString() {
    return text;
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
