package io.scrapr.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {
  private static final List<String> REFUSED_IPV4 =
      List.of("127.0.0.1", "10.1.2.3", "169.254.169.254", "192.0.0.192", "0.0.0.5", "240.0.0.1");

  /** Each transition form, built from the four bytes of an IPv4 address. */
  private static final List<Function<byte[], String>> FORMS =
      List.of(
          v4 -> "::ffff:" + hex(v4, 0), // IPv4-mapped
          v4 -> "::" + hex(v4, 0), // IPv4-compatible
          v4 -> "::ffff:0:" + hex(v4, 0), // IPv4-translated
          v4 -> "64:ff9b::" + hex(v4, 0), // NAT64, well-known prefix
          v4 -> "2002:" + hex(v4, 0) + "::1", // 6to4
          v4 -> "2001:0:4136:e378:8000:63bf:" + hex(v4, 0xff)); // Teredo, client bits inverted

  @Test
  void an_ipv4_compatible_address_carries_its_last_four_bytes_all_of_them() {
    assertThat(carried("::0.0.0.5")).isEqualTo("IPv4-compatible 0.0.0.5");
    assertThat(carried("::0.0.1.0")).isEqualTo("IPv4-compatible 0.0.1.0");
    assertThat(carried("::1")).isEqualTo("none");
    assertThat(carried("::")).isEqualTo("none");
  }

  @Test
  void each_transition_form_carries_the_address_it_embeds() {
    assertThat(carried("::ffff:0:7f00:1")).isEqualTo("IPv4-translated 127.0.0.1");
    assertThat(carried("64:ff9b::a9fe:a9fe")).isEqualTo("NAT64 169.254.169.254");
    assertThat(carried("2002:7f00:1::")).isEqualTo("6to4 127.0.0.1");
    assertThat(carried("2001:0:4136:e378:8000:63bf:3fff:fdd2")).isEqualTo("Teredo 192.0.2.45");
    assertThat(carried("2606:4700::1111")).isEqualTo("none");
  }

  @Test
  void every_transition_form_of_a_refused_ipv4_address_is_refused() {
    TargetPolicy strict = TargetPolicy.strict();
    for (String v4 : REFUSED_IPV4) {
      byte[] bytes = IpLiteral.parse(v4).orElseThrow().getAddress();
      for (Function<byte[], String> form : FORMS) {
        String literal = form.apply(bytes);
        assertThatThrownBy(() -> strict.check(URI.create("http://[" + literal + "]/")))
            .as(literal + " carrying " + v4)
            .isInstanceOf(ForbiddenTargetException.class);
      }
    }
  }

  @Test
  void the_transition_forms_of_a_public_address_pass_except_teredo_which_is_refused_whole() {
    TargetPolicy strict = TargetPolicy.strict();
    byte[] bytes = IpLiteral.parse("93.184.216.34").orElseThrow().getAddress();
    for (Function<byte[], String> form : FORMS.subList(0, 5)) {
      assertThat(strict.check(URI.create("http://[" + form.apply(bytes) + "]/"))).hasSize(1);
    }
    assertThatThrownBy(
            () -> strict.check(URI.create("http://[" + FORMS.get(5).apply(bytes) + "]/")))
        .isInstanceOfSatisfying(
            ForbiddenTargetException.class,
            e -> assertThat(e.reason()).contains("Teredo address (2001::/32, RFC 4380)"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[",
        "[]",
        "]",
        "1.2.3",
        "1.2.3.256",
        "1.2.3.4.5",
        ":",
        ":::",
        "1::2::3",
        "fe80::1%eth0",
        "12345::",
        "::ffff:1.2.3.256",
        "0000000000000000000000000000000000000000000000000000::1"
      })
  void text_that_is_no_literal_is_not_parsed(String text) {
    assertThat(IpLiteral.parse(text)).isEmpty();
  }

  @Test
  void literals_parse_with_and_without_brackets() throws Exception {
    assertThat(IpLiteral.parse("[::1]")).contains(InetAddress.getByName("::1"));
    assertThat(IpLiteral.parse("::1")).contains(InetAddress.getByName("::1"));
    assertThat(IpLiteral.parse("010.0.0.255")).contains(InetAddress.getByName("10.0.0.255"));
  }

  private static String carried(String literal) {
    return IpLiteral.embeddedIpv4(IpLiteral.parse(literal).orElseThrow())
        .map(c -> c.form() + " " + c.address().getHostAddress())
        .orElse("none");
  }

  private static String hex(byte[] v4, int xor) {
    return String.format(
        "%x:%x",
        ((v4[0] ^ xor) & 0xff) << 8 | ((v4[1] ^ xor) & 0xff),
        ((v4[2] ^ xor) & 0xff) << 8 | ((v4[3] ^ xor) & 0xff));
  }
}
