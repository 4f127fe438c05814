package io.scrapr.common.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials derived from the deployment's {@code SCRAPR_API_TOKEN} for one scraper: {@code
 * scrapr-scraper.v1.<configId>.<collection>.<mac>}, where the mac is an HMAC-SHA256 of the
 * configuration id and collection under the token. The orchestrator derives them; config-discovery
 * and the datasource, which hold the token too, check them without a look-up. A scraper's
 * credential can read its own configuration and post items for it, and nothing else; rotating the
 * token revokes every derived credential at once.
 */
public final class ScopedTokens {
  private static final String PREFIX = "scrapr-scraper.v1.";
  private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ScopedTokens() {}

  /**
   * Derives the credential of a scraper.
   *
   * @param apiToken the deployment's token
   * @param configId the scraper's configuration id
   * @param collection its collection
   */
  public static String scraper(String apiToken, String configId, String collection) {
    if (!SCOPE.matcher(configId).matches() || !SCOPE.matcher(collection).matches()) {
      throw new IllegalArgumentException(
          "configId and collection must match " + SCOPE + ", were " + configId + ", " + collection);
    }
    return PREFIX + configId + "." + collection + "." + mac(apiToken, configId, collection);
  }

  /**
   * Tells who presents an {@code Authorization} header.
   *
   * @param apiToken the deployment's token; none means every caller is the operator
   * @param authorization the header, if any
   */
  public static Caller identify(Optional<String> apiToken, Optional<String> authorization) {
    if (apiToken.isEmpty()) {
      return new Caller.Operator();
    }
    String presented =
        authorization.filter(a -> a.startsWith("Bearer ")).map(a -> a.substring(7)).orElse("");
    // Constant-time comparisons: a credential must not leak through response timing.
    if (equal(presented, apiToken.get())) {
      return new Caller.Operator();
    }
    if (presented.startsWith(PREFIX)) {
      String[] parts = presented.substring(PREFIX.length()).split("\\.", -1);
      if (parts.length == 3
          && SCOPE.matcher(parts[0]).matches()
          && SCOPE.matcher(parts[1]).matches()
          && equal(parts[2], mac(apiToken.get(), parts[0], parts[1]))) {
        return new Caller.Scraper(parts[0], parts[1]);
      }
    }
    return new Caller.Anonymous();
  }

  private static String mac(String key, String configId, String collection) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] mac =
          hmac.doFinal(
              ("scraper\n" + configId + "\n" + collection).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
