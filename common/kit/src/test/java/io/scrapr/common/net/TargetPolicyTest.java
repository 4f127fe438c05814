package io.scrapr.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scrapr.common.settings.Env;
import io.scrapr.common.settings.SettingException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {
  private final TargetPolicy strict = TargetPolicy.strict();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/",
        "http://127.8.9.10:8080/x",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "http://0.0.0.0/",
        "http://255.255.255.255/",
        "http://[::1]/",
        "http://[::]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[ff02::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[::10.0.0.1]/",
        "http://[::0.0.0.5]/",
        "http://[2002:7f00:1::]/",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
        "http://[64:ff9b:1::a9fe:a9fe]/",
        "http://[::ffff:0:7f00:1]/",
        "http://192.0.0.192/",
        "http://198.18.0.1/",
        "http://240.0.0.1/"
      })
  void internal_addresses_are_refused_by_default(String url) {
    assertThatThrownBy(() -> strict.check(URI.create(url)))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageContaining(url)
        .hasMessageContaining("SCRAPR_ALLOWED_TARGETS can allow it");
  }

  @Test
  void the_refusal_says_which_kind_of_address_it_is() {
    assertThatThrownBy(() -> strict.check(URI.create("http://169.254.169.254/")))
        .isInstanceOfSatisfying(
            ForbiddenTargetException.class,
            e -> {
              assertThat(e.uri()).isEqualTo(URI.create("http://169.254.169.254/"));
              assertThat(e.reason()).contains("link-local").contains("metadata");
            });
    assertThatThrownBy(() -> strict.check(URI.create("http://[::ffff:10.1.2.3]/")))
        .isInstanceOfSatisfying(
            ForbiddenTargetException.class, e -> assertThat(e.reason()).contains("private"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://93.184.216.34/pub",
        "gopher://93.184.216.34/",
        "jar:file:/x.jar!/a",
        "/relative/path",
        "http:///no-host",
        "https://127.1/"
      })
  void other_schemes_and_urls_without_a_host_are_refused(String url) {
    assertThatThrownBy(() -> strict.check(URI.create(url)))
        .isInstanceOf(ForbiddenTargetException.class)
        .hasMessageContaining("forbidden");
  }

  @Test
  void public_addresses_pass_and_are_returned_to_connect_to() throws Exception {
    assertThat(strict.check(URI.create("https://93.184.216.34/page")))
        .containsExactly(InetAddress.getByName("93.184.216.34"));
    assertThat(strict.check(URI.create("http://[2606:4700::1111]/")))
        .containsExactly(InetAddress.getByName("2606:4700::1111"));
  }

  @Test
  void allowing_127_0_0_1_slash_32_opens_exactly_that_loopback_address() throws Exception {
    TargetPolicy policy = TargetPolicy.parse("127.0.0.1/32");

    assertThat(policy.check(URI.create("http://127.0.0.1:8080/")))
        .containsExactly(InetAddress.getByName("127.0.0.1"));
    for (String other :
        List.of(
            "http://127.0.0.2/", "http://[::1]/", "http://10.0.0.1/", "http://169.254.169.254/")) {
      assertThatThrownBy(() -> policy.check(URI.create(other)))
          .as(other)
          .isInstanceOf(ForbiddenTargetException.class);
    }
    assertThatThrownBy(() -> policy.check(URI.create("file:///etc/passwd")))
        .isInstanceOf(ForbiddenTargetException.class);
  }

  @Test
  void allowing_an_ipv4_block_opens_its_mapped_form_but_no_other_form_that_carries_it() {
    TargetPolicy policy = TargetPolicy.parse("127.0.0.1/32");

    assertThat(policy.check(URI.create("http://[::ffff:127.0.0.1]/"))).hasSize(1);
    for (String other :
        List.of(
            "http://[::127.0.0.1]/",
            "http://[::ffff:0:7f00:1]/",
            "http://[64:ff9b::7f00:1]/",
            "http://[2002:7f00:1::]/",
            "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/")) {
      assertThatThrownBy(() -> policy.check(URI.create(other)))
          .as(other)
          .isInstanceOf(ForbiddenTargetException.class);
    }
  }

  @Test
  void a_transition_address_is_refused_naming_the_ipv4_address_it_carries() {
    assertThatThrownBy(() -> strict.check(URI.create("http://[2002:7f00:1::]/")))
        .isInstanceOfSatisfying(
            ForbiddenTargetException.class,
            e ->
                assertThat(e.reason())
                    .startsWith("it is a loopback address (127.0.0.0/8, RFC 1122), carried in the")
                    .contains("6to4 address 2002:7f00:1:0:0:0:0:0"));
  }

  @Test
  void a_host_name_entry_opens_that_name_but_not_its_address() {
    TargetPolicy policy = TargetPolicy.parse("localhost");

    assertThat(policy.check(URI.create("http://localhost:3000/"))).isNotEmpty();
    assertThat(policy.check(URI.create("http://LocalHost./"))).isNotEmpty();
    assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.1:3000/")))
        .isInstanceOf(ForbiddenTargetException.class);
  }

  @Test
  void a_name_is_refused_when_any_of_its_addresses_is_internal() {
    TargetPolicy policy =
        strict.withResolver(fixed(Map.of("mixed.example", List.of("93.184.216.34", "10.0.0.7"))));

    assertThatThrownBy(() -> policy.check(URI.create("http://mixed.example/")))
        .isInstanceOfSatisfying(
            ForbiddenTargetException.class,
            e -> assertThat(e.reason()).startsWith("it resolves to 10.0.0.7, a private address"));
  }

  @Test
  void a_cidr_entry_opens_the_addresses_inside_it_only() {
    TargetPolicy policy =
        TargetPolicy.parse(" 10.1.0.0/16 , fd00::/8 ")
            .withResolver(
                fixed(
                    Map.of(
                        "intranet.example", List.of("10.1.2.3"),
                        "other.example", List.of("10.2.0.1"))));

    assertThat(policy.check(URI.create("http://intranet.example/"))).hasSize(1);
    assertThat(policy.check(URI.create("http://[fd12::1]/"))).hasSize(1);
    assertThat(policy.check(URI.create("http://[::ffff:10.1.9.9]/"))).hasSize(1);
    assertThatThrownBy(() -> policy.check(URI.create("http://other.example/")))
        .isInstanceOf(ForbiddenTargetException.class);
    assertThatThrownBy(() -> policy.check(URI.create("http://[fe80::1]/")))
        .isInstanceOf(ForbiddenTargetException.class);
  }

  @Test
  void the_host_is_resolved_once_per_check() {
    AtomicInteger lookups = new AtomicInteger();
    TargetPolicy policy =
        strict.withResolver(
            host -> {
              lookups.incrementAndGet();
              return List.of(
                  InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}));
            });

    policy.check(URI.create("http://public.example/"));

    assertThat(lookups).hasValue(1);
  }

  @Test
  void a_name_that_does_not_resolve_is_reported_as_such_not_as_forbidden() {
    TargetPolicy policy =
        strict.withResolver(
            host -> {
              throw new UnknownHostException(host + ": Name or service not known");
            });

    assertThatThrownBy(() -> policy.check(URI.create("http://nowhere.example/")))
        .isInstanceOf(UnresolvableTargetException.class)
        .hasMessageContaining("nowhere.example");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "300.1.1.1",
        "10.0.0/8",
        "10.0.0.0/x",
        "fe80::zz/10",
        "::1/129",
        "foo bar",
        "-bad-.example",
        "a/b"
      })
  void a_malformed_entry_is_refused_by_name(String entry) {
    assertThatThrownBy(() -> TargetPolicy.parse("127.0.0.1/32," + entry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + entry + "\"");
  }

  @Test
  void a_malformed_setting_names_the_variable() {
    Env env = Env.of(Map.of("SCRAPR_ALLOWED_TARGETS", "127.0.0.1/40"));

    assertThatThrownBy(() -> TargetPolicy.from(env))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("SCRAPR_ALLOWED_TARGETS")
        .hasMessageContaining("127.0.0.1/40");
  }

  @Test
  void an_unset_or_empty_setting_allows_public_addresses_only() {
    assertThat(TargetPolicy.from(Env.of(Map.of())).describe()).isEqualTo("public addresses only");
    assertThat(TargetPolicy.parse(" , ").describe()).isEqualTo("public addresses only");
    assertThat(TargetPolicy.parse("127.0.0.1/32,scrape.example").describe())
        .isEqualTo("public addresses and 127.0.0.1/32, scrape.example");
  }

  private static HostResolver fixed(Map<String, List<String>> names) {
    return host -> {
      List<String> literals = names.get(host);
      if (literals == null) {
        throw new UnknownHostException(host);
      }
      List<InetAddress> addresses = new java.util.ArrayList<>();
      for (String literal : literals) {
        addresses.add(
            InetAddress.getByAddress(host, IpLiteral.parse(literal).orElseThrow().getAddress()));
      }
      return addresses;
    };
  }
}
