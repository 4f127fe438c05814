package io.scrapr.common.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the IP literal parser and the SSRF guard: no text makes them throw anything but their
 * documented refusals, a parsed address reads back from its own text, and every transition form of
 * a refused IPv4 address is refused.
 */
class IpLiteralFuzzTest {
  private static final AtomicLong INPUTS = new AtomicLong();
  private static final long STARTED = System.nanoTime();
  private static final TargetPolicy STRICT =
      TargetPolicy.strict()
          .withResolver(
              host -> {
                throw new UnknownHostException(host + " is not looked up while fuzzing");
              });

  /**
   * The first four bytes are an IPv4 address to carry in each transition form; the rest, as text,
   * is a literal, a CIDR block and a URL.
   */
  @FuzzTest(maxDuration = "10s")
  void literals_blocks_and_urls_are_judged_without_surprises(byte[] input) {
    INPUTS.incrementAndGet();
    byte[] v4 = Arrays.copyOf(input, 4);
    String text =
        new String(
            input,
            Math.min(4, input.length),
            Math.max(0, input.length - 4),
            StandardCharsets.UTF_8);

    Optional<InetAddress> parsed = IpLiteral.parse(text);
    parsed.ifPresent(
        address -> {
          assertThat(IpLiteral.parse(address.getHostAddress())).contains(address);
          AddressClass.forbidden(address);
        });
    AddressBlock.parse(text);
    try {
      TargetPolicy.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith("allowed target \"");
    }
    check("http://" + text + "/");
    check(text);

    InetAddress carried = IpLiteral.byAddress(v4);
    boolean refused = AddressClass.forbidden(carried).isPresent();
    for (String form : forms(v4)) {
      if (refused) {
        assertThatThrownBy(() -> STRICT.check(URI.create("http://[" + form + "]/")))
            .as("%s carrying %s", form, carried)
            .isInstanceOf(ForbiddenTargetException.class);
      }
    }
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "IpLiteralFuzzTest: %d inputs in %.1f s%n",
        INPUTS.get(), (System.nanoTime() - STARTED) / 1e9);
  }

  private static void check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return;
    }
    try {
      assertThat(STRICT.check(uri)).isNotEmpty();
    } catch (ForbiddenTargetException | UnresolvableTargetException e) {
      // The two answers the policy documents.
    }
  }

  private static List<String> forms(byte[] v4) {
    String hex = hex(v4, 0);
    return List.of(
        "::ffff:" + hex,
        "::" + hex,
        "::ffff:0:" + hex,
        "64:ff9b::" + hex,
        "2002:" + hex + "::",
        "2001:0:4136:e378:8000:63bf:" + hex(v4, 0xff));
  }

  private static String hex(byte[] v4, int xor) {
    return String.format(
        "%x:%x",
        ((v4[0] ^ xor) & 0xff) << 8 | ((v4[1] ^ xor) & 0xff),
        ((v4[2] ^ xor) & 0xff) << 8 | ((v4[3] ^ xor) & 0xff));
  }
}
