package io.scrapr.endpoint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RenderedPageTest {
  @Test
  void the_gzip_encoding_decompresses_to_the_body_and_is_made_once() throws IOException {
    byte[] body = "{\"items\":[1,2,3]}".repeat(200).getBytes(StandardCharsets.UTF_8);
    RenderedPage page = new RenderedPage(body, "\"v-q\"", "application/json", 3, 3, null);

    byte[] gzipped = page.gzipped();

    assertThat(gzipped.length).isLessThan(body.length / 10);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    assertThat(page.gzipped()).isSameAs(gzipped);
  }
}
