package io.scrapr.common.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells whether an address belongs to a range scrapr must not reach by default, and which: the
 * ranges where a fetch could hit the scraper's own host, the cluster's internal services or a cloud
 * provider's metadata service.
 */
final class AddressClass {
  private static final AddressBlock THIS_NETWORK = block("0.0.0.0/8");
  private static final AddressBlock SHARED = block("100.64.0.0/10");
  private static final AddressBlock BROADCAST = block("255.255.255.255/32");
  private static final AddressBlock UNIQUE_LOCAL = block("fc00::/7");

  private AddressClass() {}

  /**
   * Returns why an address is off limits, worded to follow the address (e.g. {@code a private
   * address}), or empty when it is a public address. IPv6 addresses that carry an IPv4 address are
   * judged by the IPv4 address they carry.
   */
  static Optional<String> forbidden(InetAddress address) {
    InetAddress a = IpLiteral.embeddedIpv4(address);
    String carried = a == address ? "" : " (carried in " + address.getHostAddress() + ")";
    return reason(a).map(reason -> reason + carried);
  }

  private static Optional<String> reason(InetAddress a) {
    if (a.isAnyLocalAddress() || (a instanceof Inet4Address && THIS_NETWORK.contains(a))) {
      return Optional.of("an unspecified (this-host) address");
    }
    if (a.isLoopbackAddress()) {
      return Optional.of("a loopback address");
    }
    if (a.isLinkLocalAddress()) {
      return Optional.of("a link-local address (where cloud metadata services live)");
    }
    if (a.isSiteLocalAddress() || (a instanceof Inet6Address && UNIQUE_LOCAL.contains(a))) {
      return Optional.of("a private address");
    }
    if (a instanceof Inet4Address && SHARED.contains(a)) {
      return Optional.of("a shared (carrier-grade NAT) address");
    }
    if (a.isMulticastAddress()) {
      return Optional.of("a multicast address");
    }
    if (a instanceof Inet4Address && BROADCAST.contains(a)) {
      return Optional.of("the broadcast address");
    }
    return Optional.empty();
  }

  private static AddressBlock block(String cidr) {
    return AddressBlock.parse(cidr).orElseThrow();
  }
}
