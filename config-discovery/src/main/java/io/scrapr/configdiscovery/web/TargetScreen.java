package io.scrapr.configdiscovery.web;

import io.scrapr.common.config.ScrapeConfiguration;
import io.scrapr.common.errors.FieldError;
import io.scrapr.common.errors.ValidationException;
import io.scrapr.common.net.ForbiddenTargetException;
import io.scrapr.common.net.TargetPolicy;
import io.scrapr.common.net.UnresolvableTargetException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses, at POST time, configurations whose source or notify URL is a target the scraper would
 * refuse anyway: an internal address written as an IP literal, or {@code localhost}. Host names are
 * not looked up here (DNS may differ between this service and the scrapers, and a lookup would slow
 * every POST); the scraper checks every fetch again, resolving once.
 */
final class TargetScreen {
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final TargetPolicy policy;

  TargetScreen(TargetPolicy policy) {
    this.policy = policy.withResolver(TargetScreen::literalsOnly);
  }

  /** Throws a 400 naming each field whose URL is a forbidden target. */
  void check(ScrapeConfiguration configuration) {
    List<FieldError> errors = new ArrayList<>();
    check("scraper.source", configuration.scraper().source(), errors);
    configuration.notifyUrl().ifPresent(uri -> check("notify", uri, errors));
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private void check(String field, URI uri, List<FieldError> errors) {
    try {
      policy.check(uri);
    } catch (ForbiddenTargetException e) {
      errors.add(new FieldError(field, "is not an allowed target: " + e.reason()));
    } catch (UnresolvableTargetException e) {
      // A host name: left to the scraper, which resolves it once per fetch.
    }
  }

  private static List<InetAddress> literalsOnly(String host) throws UnknownHostException {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost")
        || name.endsWith(".localhost")
        || IP_LITERAL.matcher(name).matches()) {
      return List.of(InetAddress.getAllByName(name.endsWith(".localhost") ? "localhost" : name));
    }
    throw new UnknownHostException(host + " is not looked up at POST time");
  }
}
