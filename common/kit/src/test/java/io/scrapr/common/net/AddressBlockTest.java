package io.scrapr.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressBlockTest {

  @Test
  void a_block_holds_the_addresses_its_prefix_covers_and_no_others() {
    AddressBlock block = AddressBlock.parse("172.16.0.0/12").orElseThrow();

    assertThat(block.contains(address("172.16.0.0"))).isTrue();
    assertThat(block.contains(address("172.31.255.255"))).isTrue();
    assertThat(block.contains(address("172.32.0.0"))).isFalse();
    assertThat(block.contains(address("172.15.255.255"))).isFalse();
  }

  @Test
  void a_single_address_is_a_block_of_one() {
    AddressBlock block = AddressBlock.parse("127.0.0.1").orElseThrow();

    assertThat(block.contains(address("127.0.0.1"))).isTrue();
    assertThat(block.contains(address("127.0.0.2"))).isFalse();
  }

  @Test
  void ipv6_blocks_hold_ipv6_addresses_only() {
    AddressBlock block = AddressBlock.parse("[fe80::]/10").orElseThrow();

    assertThat(block.contains(address("fe80::1"))).isTrue();
    assertThat(block.contains(address("febf::1"))).isTrue();
    assertThat(block.contains(address("fec0::1"))).isFalse();
    assertThat(block.contains(address("127.0.0.1"))).isFalse();
  }

  @Test
  void a_zero_prefix_holds_every_address_of_its_family() {
    assertThat(AddressBlock.parse("0.0.0.0/0").orElseThrow().contains(address("8.8.8.8"))).isTrue();
  }

  @Test
  void text_that_is_no_address_or_prefix_is_not_a_block() {
    assertThat(AddressBlock.parse("256.0.0.1")).isEmpty();
    assertThat(AddressBlock.parse("10.0.0.0/")).isEmpty();
    assertThat(AddressBlock.parse("10.0.0.0/-1")).isEmpty();
    assertThat(AddressBlock.parse("example.com/8")).isEmpty();
    assertThat(AddressBlock.parse("::1%eth0")).isEmpty();
  }

  private static InetAddress address(String literal) {
    return IpLiteral.parse(literal).orElseThrow();
  }
}
