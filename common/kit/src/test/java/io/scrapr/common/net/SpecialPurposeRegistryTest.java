package io.scrapr.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per block of the IANA IPv4 and IPv6 Special-Purpose Address Registries (and multicast):
 * an address inside it is refused (or allowed, for the globally reachable blocks), and an address
 * just outside it is allowed where its neighbour is public.
 */
class SpecialPurposeRegistryTest {
  private static final TargetPolicy STRICT = TargetPolicy.strict();

  /**
   * A registry row.
   *
   * @param block the block as the registry writes it
   * @param source its RFC
   * @param inside an address in it
   * @param refused whether an address inside is refused
   * @param mentions what the refusal names: the block and its RFC, or for a transition form the
   *     block of the IPv4 address it carries
   * @param outside an address just outside it that is public, or null where none is
   */
  record Row(
      String block,
      String source,
      String inside,
      boolean refused,
      String mentions,
      String outside) {
    @Override
    public String toString() {
      return block + " (" + source + ")";
    }
  }

  static Stream<Row> ipv4() {
    return Stream.of(
        refused("0.0.0.0/8", "RFC 791", "0.255.255.255", "1.0.0.0"),
        refused("0.0.0.0/32", "RFC 1122", "0.0.0.0", null),
        refused("10.0.0.0/8", "RFC 1918", "10.255.255.255", "11.0.0.0"),
        refused("100.64.0.0/10", "RFC 6598", "100.127.255.255", "100.128.0.0"),
        refused("127.0.0.0/8", "RFC 1122", "127.255.255.254", "128.0.0.0"),
        refused("169.254.0.0/16", "RFC 3927", "169.254.169.254", "169.255.0.0"),
        refused("172.16.0.0/12", "RFC 1918", "172.31.255.255", "172.32.0.0"),
        refused("192.0.0.0/24", "RFC 6890", "192.0.0.192", "192.0.1.0"),
        refused("192.0.0.0/29", "RFC 7335", "192.0.0.7", null),
        refused("192.0.0.8/32", "RFC 7600", "192.0.0.8", "192.0.0.9"),
        allowed("192.0.0.9/32", "RFC 7723", "192.0.0.9"),
        allowed("192.0.0.10/32", "RFC 8155", "192.0.0.10"),
        refused("192.0.0.170/32", "RFC 8880", "192.0.0.170", null),
        refused("192.0.0.171/32", "RFC 8880", "192.0.0.171", null),
        refused("192.0.2.0/24", "RFC 5737", "192.0.2.1", "192.0.3.0"),
        allowed("192.31.196.0/24", "RFC 7535", "192.31.196.1"),
        allowed("192.52.193.0/24", "RFC 7450", "192.52.193.1"),
        refused("192.88.99.0/24", "RFC 7526", "192.88.99.1", "192.88.100.0"),
        refused("192.168.0.0/16", "RFC 1918", "192.168.255.255", "192.169.0.0"),
        allowed("192.175.48.0/24", "RFC 7534", "192.175.48.1"),
        refused("198.18.0.0/15", "RFC 2544", "198.18.0.1", "198.20.0.0"),
        refused("198.51.100.0/24", "RFC 5737", "198.51.100.1", "198.51.101.0"),
        refused("203.0.113.0/24", "RFC 5737", "203.0.113.1", "203.0.114.0"),
        refused("224.0.0.0/4", "RFC 5771", "239.255.255.255", "223.255.255.255"),
        refused("240.0.0.0/4", "RFC 1112", "240.0.0.1", null),
        refused("255.255.255.255/32", "RFC 919", "255.255.255.255", null));
  }

  static Stream<Row> ipv6() {
    return Stream.of(
        refused("::/128", "RFC 4291", "::", null),
        refused("::1/128", "RFC 4291", "::1", null),
        // Transition forms: refused here because the IPv4 address they carry is.
        carrying("::/96", "RFC 4291", "::127.0.0.1", "127.0.0.0/8", "::93.184.216.34"),
        carrying(
            "::ffff:0:0/96",
            "RFC 4291",
            "::ffff:169.254.169.254",
            "169.254.0.0/16",
            "::ffff:93.184.216.34"),
        carrying(
            "::ffff:0:0:0/96", "RFC 2765", "::ffff:0:7f00:1", "127.0.0.0/8", "::ffff:0:5db8:d822"),
        carrying(
            "64:ff9b::/96",
            "RFC 6052",
            "64:ff9b::a9fe:a9fe",
            "169.254.0.0/16",
            "64:ff9b::5db8:d822"),
        refused("64:ff9b:1::/48", "RFC 8215", "64:ff9b:1::a9fe:a9fe", "64:ff9b:2::"),
        refused("100::/64", "RFC 6666", "100::ffff:ffff:ffff:ffff", "100:0:0:2::"),
        refused("100:0:0:1::/64", "RFC 9780", "100:0:0:1::1", null),
        refused("2001::/23", "RFC 2928", "2001:1ff:ffff::1", "2001:200::"),
        refused("2001::/32", "RFC 4380", "2001:0:4136:e378:8000:63bf:3fff:fdd2", null),
        allowed("2001:1::1/128", "RFC 7723", "2001:1::1"),
        allowed("2001:1::2/128", "RFC 8155", "2001:1::2"),
        allowed("2001:1::3/128", "RFC 9665", "2001:1::3"),
        refused("2001:2::/48", "RFC 5180", "2001:2::1", null),
        allowed("2001:3::/32", "RFC 7450", "2001:3::1"),
        allowed("2001:4:112::/48", "RFC 7535", "2001:4:112::1"),
        refused("2001:10::/28", "RFC 4843", "2001:1f::1", "2001:20::1"),
        allowed("2001:20::/28", "RFC 7343", "2001:2f::1"),
        allowed("2001:30::/28", "RFC 9374", "2001:30::1"),
        refused("2001:db8::/32", "RFC 3849", "2001:db8:ffff::1", "2001:db9::"),
        carrying("2002::/16", "RFC 3056", "2002:7f00:1::", "127.0.0.0/8", "2002:5db8:d822::"),
        allowed("2620:4f:8000::/48", "RFC 7534", "2620:4f:8000::1"),
        refused("3fff::/20", "RFC 9637", "3fff:fff::1", "3fff:1000::"),
        refused("5f00::/16", "RFC 9602", "5f00::1", "5f01::1"),
        refused("fc00::/7", "RFC 4193", "fdff:ffff::1", "fbff:ffff::1"),
        refused("fe80::/10", "RFC 4291", "febf:ffff::1", "fe7f:ffff::1"),
        refused("fec0::/10", "RFC 3879", "fec0::1", null),
        refused("ff00::/8", "RFC 4291", "ff02::1", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"ipv4", "ipv6"})
  void an_address_inside_a_block_is_judged_as_the_registry_says_and_one_outside_is_public(Row row) {
    URI inside = url(row.inside());
    if (row.refused()) {
      assertThatThrownBy(() -> STRICT.check(inside))
          .isInstanceOfSatisfying(
              ForbiddenTargetException.class,
              e -> assertThat(e.reason()).contains(row.mentions()).endsWith("can allow it"));
    } else {
      assertThat(STRICT.check(inside)).hasSize(1);
    }
    if (row.outside() != null) {
      assertThat(STRICT.check(url(row.outside()))).as(row.outside()).hasSize(1);
    }
  }

  @Test
  void every_block_of_the_tables_in_the_code_has_a_row_here() {
    List<String> rows = Stream.concat(ipv4(), ipv6()).map(Row::block).toList();
    List<String> tables =
        Stream.concat(AddressClass.IPV4.stream(), AddressClass.IPV6.stream())
            .map(entry -> entry.block().toString())
            .toList();

    assertThat(rows).containsExactlyInAnyOrderElementsOf(tables);
  }

  @Test
  void a_refusal_names_the_block_and_its_rfc() {
    assertThatThrownBy(() -> STRICT.check(URI.create("http://198.18.0.1/")))
        .isInstanceOfSatisfying(
            ForbiddenTargetException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(
                        "it is a benchmarking address (198.18.0.0/15, RFC 2544);"
                            + " SCRAPR_ALLOWED_TARGETS can allow it"));
  }

  private static Row refused(String block, String source, String inside, String outside) {
    return new Row(block, source, inside, true, block + ", " + source, outside);
  }

  private static Row carrying(
      String block, String source, String inside, String carriedBlock, String outside) {
    return new Row(block, source, inside, true, carriedBlock, outside);
  }

  private static Row allowed(String block, String source, String inside) {
    return new Row(block, source, inside, false, null, null);
  }

  private static URI url(String literal) {
    return URI.create("http://" + (literal.contains(":") ? "[" + literal + "]" : literal) + "/");
  }
}
