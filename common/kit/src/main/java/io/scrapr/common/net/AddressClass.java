package io.scrapr.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Tells whether an address is one scrapr must not reach by default, and why: every block of the
 * IANA IPv4 and IPv6 Special-Purpose Address Registries that is not globally reachable (where a
 * fetch could hit the scraper's own host, the cluster's internal services, a cloud provider's
 * metadata service or nothing real at all), plus multicast, the deprecated site-local block, and
 * IPv6 addresses that carry a refused IPv4 address.
 *
 * <p>The tables follow the registries as of 2025; a block the registry marks globally reachable
 * inside one that is not (e.g. {@code 192.0.0.9/32} in {@code 192.0.0.0/24}) is listed too, and the
 * most specific block holding an address decides.
 */
final class AddressClass {

  /** What a block's addresses are to a fetch. */
  enum Reach {
    /** Globally reachable: allowed. */
    GLOBAL,
    /** Not globally reachable: refused. */
    INTERNAL,
    /** A transition form: judged by the IPv4 address it carries. */
    CARRIED
  }

  /**
   * One row of a registry.
   *
   * @param block the block
   * @param description how an address in it is named in a refusal, e.g. {@code a loopback address}
   * @param source the RFC that assigns it
   * @param reach whether it may be fetched
   */
  record Entry(AddressBlock block, String description, String source, Reach reach) {
    /** Returns the refusal's wording, e.g. {@code a loopback address (127.0.0.0/8, RFC 1122)}. */
    String reason() {
      return description + " (" + block + ", " + source + ")";
    }
  }

  /** The IANA IPv4 Special-Purpose Address Registry, plus multicast. */
  static final List<Entry> IPV4 =
      List.of(
          v4("0.0.0.0/8", "an unspecified (this-network) address", "RFC 791", Reach.INTERNAL),
          v4("0.0.0.0/32", "the unspecified (this-host) address", "RFC 1122", Reach.INTERNAL),
          v4("10.0.0.0/8", "a private address", "RFC 1918", Reach.INTERNAL),
          v4("100.64.0.0/10", "a shared (carrier-grade NAT) address", "RFC 6598", Reach.INTERNAL),
          v4("127.0.0.0/8", "a loopback address", "RFC 1122", Reach.INTERNAL),
          v4(
              "169.254.0.0/16",
              "a link-local address where cloud metadata services live",
              "RFC 3927",
              Reach.INTERNAL),
          v4("172.16.0.0/12", "a private address", "RFC 1918", Reach.INTERNAL),
          v4("192.0.0.0/24", "an IETF protocol assignment", "RFC 6890", Reach.INTERNAL),
          v4("192.0.0.0/29", "an IPv4 service continuity address", "RFC 7335", Reach.INTERNAL),
          v4("192.0.0.8/32", "the IPv4 dummy address", "RFC 7600", Reach.INTERNAL),
          v4("192.0.0.9/32", "the PCP anycast address", "RFC 7723", Reach.GLOBAL),
          v4("192.0.0.10/32", "the TURN anycast address", "RFC 8155", Reach.GLOBAL),
          v4("192.0.0.170/32", "a NAT64/DNS64 discovery address", "RFC 8880", Reach.INTERNAL),
          v4("192.0.0.171/32", "a NAT64/DNS64 discovery address", "RFC 8880", Reach.INTERNAL),
          v4("192.0.2.0/24", "a documentation address (TEST-NET-1)", "RFC 5737", Reach.INTERNAL),
          v4("192.31.196.0/24", "an AS112 address", "RFC 7535", Reach.GLOBAL),
          v4("192.52.193.0/24", "an AMT address", "RFC 7450", Reach.GLOBAL),
          v4(
              "192.88.99.0/24",
              "a deprecated 6to4 relay anycast address",
              "RFC 7526",
              Reach.INTERNAL),
          v4("192.168.0.0/16", "a private address", "RFC 1918", Reach.INTERNAL),
          v4("192.175.48.0/24", "an AS112 direct delegation address", "RFC 7534", Reach.GLOBAL),
          v4("198.18.0.0/15", "a benchmarking address", "RFC 2544", Reach.INTERNAL),
          v4("198.51.100.0/24", "a documentation address (TEST-NET-2)", "RFC 5737", Reach.INTERNAL),
          v4("203.0.113.0/24", "a documentation address (TEST-NET-3)", "RFC 5737", Reach.INTERNAL),
          v4("224.0.0.0/4", "a multicast address", "RFC 5771", Reach.INTERNAL),
          v4("240.0.0.0/4", "a reserved address", "RFC 1112", Reach.INTERNAL),
          v4("255.255.255.255/32", "the broadcast address", "RFC 919", Reach.INTERNAL));

  /**
   * The IANA IPv6 Special-Purpose Address Registry, plus multicast, the deprecated site-local block
   * and the IPv4-compatible and IPv4-translated forms.
   */
  static final List<Entry> IPV6 =
      List.of(
          v6("::/128", "the unspecified address", "RFC 4291", Reach.INTERNAL),
          v6("::1/128", "a loopback address", "RFC 4291", Reach.INTERNAL),
          v6("::/96", "an IPv4-compatible address", "RFC 4291", Reach.CARRIED),
          v6("::ffff:0:0/96", "an IPv4-mapped address", "RFC 4291", Reach.CARRIED),
          v6("::ffff:0:0:0/96", "an IPv4-translated address", "RFC 2765", Reach.CARRIED),
          v6("64:ff9b::/96", "a NAT64 address", "RFC 6052", Reach.CARRIED),
          v6("64:ff9b:1::/48", "a local-use NAT64 address", "RFC 8215", Reach.INTERNAL),
          v6("100::/64", "a discard-only address", "RFC 6666", Reach.INTERNAL),
          v6("100:0:0:1::/64", "a dummy IPv6 address", "RFC 9780", Reach.INTERNAL),
          v6("2001::/23", "an IETF protocol assignment", "RFC 2928", Reach.INTERNAL),
          v6("2001::/32", "a Teredo address", "RFC 4380", Reach.INTERNAL),
          v6("2001:1::1/128", "the PCP anycast address", "RFC 7723", Reach.GLOBAL),
          v6("2001:1::2/128", "the TURN anycast address", "RFC 8155", Reach.GLOBAL),
          v6("2001:1::3/128", "the DNS-SD SRP anycast address", "RFC 9665", Reach.GLOBAL),
          v6("2001:2::/48", "a benchmarking address", "RFC 5180", Reach.INTERNAL),
          v6("2001:3::/32", "an AMT address", "RFC 7450", Reach.GLOBAL),
          v6("2001:4:112::/48", "an AS112 address", "RFC 7535", Reach.GLOBAL),
          v6("2001:10::/28", "a deprecated ORCHID address", "RFC 4843", Reach.INTERNAL),
          v6("2001:20::/28", "an ORCHIDv2 address", "RFC 7343", Reach.GLOBAL),
          v6("2001:30::/28", "a drone remote ID address", "RFC 9374", Reach.GLOBAL),
          v6("2001:db8::/32", "a documentation address", "RFC 3849", Reach.INTERNAL),
          v6("2002::/16", "a 6to4 address", "RFC 3056", Reach.CARRIED),
          v6("2620:4f:8000::/48", "an AS112 direct delegation address", "RFC 7534", Reach.GLOBAL),
          v6("3fff::/20", "a documentation address", "RFC 9637", Reach.INTERNAL),
          v6("5f00::/16", "a segment routing (SRv6) address", "RFC 9602", Reach.INTERNAL),
          v6("fc00::/7", "a private (unique-local) address", "RFC 4193", Reach.INTERNAL),
          v6("fe80::/10", "a link-local address", "RFC 4291", Reach.INTERNAL),
          v6("fec0::/10", "a site-local address (deprecated)", "RFC 3879", Reach.INTERNAL),
          v6("ff00::/8", "a multicast address", "RFC 4291", Reach.INTERNAL));

  private AddressClass() {}

  /**
   * Returns why an address is off limits, worded to follow the address (e.g. {@code a loopback
   * address (127.0.0.0/8, RFC 1122)}), or empty when it may be fetched. An IPv6 address that
   * carries an IPv4 address (see {@link IpLiteral#embeddedIpv4}) is refused when that IPv4 address
   * is, and the reason says so.
   */
  static Optional<String> forbidden(InetAddress address) {
    if (address instanceof Inet4Address) {
      return internal(IPV4, address);
    }
    Optional<String> own = internal(IPV6, address);
    if (own.isPresent()) {
      return own;
    }
    return IpLiteral.embeddedIpv4(address)
        .flatMap(
            carried ->
                internal(IPV4, carried.address())
                    .map(
                        reason ->
                            reason
                                + ", carried in the "
                                + carried.form()
                                + " address "
                                + address.getHostAddress()));
  }

  /** Returns the most specific entry of a table holding an address. */
  static Optional<Entry> entryOf(List<Entry> table, InetAddress address) {
    Entry best = null;
    for (Entry entry : table) {
      if (entry.block().contains(address)
          && (best == null || entry.block().prefix() > best.block().prefix())) {
        best = entry;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<String> internal(List<Entry> table, InetAddress address) {
    return entryOf(table, address).filter(e -> e.reach() == Reach.INTERNAL).map(Entry::reason);
  }

  private static Entry v4(String cidr, String description, String source, Reach reach) {
    return new Entry(AddressBlock.parse(cidr).orElseThrow(), description, source, reach);
  }

  private static Entry v6(String cidr, String description, String source, Reach reach) {
    return new Entry(AddressBlock.ipv6(cidr), description, source, reach);
  }
}
