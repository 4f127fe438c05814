package io.scrapr.common.http;

import io.javalin.http.Context;
import java.util.Objects;

/**
 * Who sent a request, as its bearer credential says: the operator (the deployment's {@code
 * SCRAPR_API_TOKEN}, or anyone when no token is set), one scraper (a credential derived for its
 * configuration, see {@link ScopedTokens}), or someone without a valid credential.
 */
public sealed interface Caller {
  /** The ctx attribute {@link HttpService} keeps the caller in. */
  String ATTRIBUTE = "scrapr.caller";

  /** The deployment's own token: may do everything. */
  record Operator() implements Caller {}

  /**
   * One scraper's credential: may read its own configuration and post items for it, nothing else.
   *
   * @param configId its configuration's id
   * @param collection its configuration's collection
   */
  record Scraper(String configId, String collection) implements Caller {
    public Scraper {
      Objects.requireNonNull(configId, "configId");
      Objects.requireNonNull(collection, "collection");
    }
  }

  /** No credential, or one that is not valid: may read public data only. */
  record Anonymous() implements Caller {}

  /** Returns the caller of a request that passed through {@link HttpService}. */
  static Caller of(Context ctx) {
    Caller caller = ctx.attribute(ATTRIBUTE);
    return caller == null ? new Anonymous() : caller;
  }

  /** Returns whether this caller may see the secrets (header values) of a configuration. */
  default boolean maySeeSecretsOf(String configId) {
    return this instanceof Operator || (this instanceof Scraper s && s.configId().equals(configId));
  }
}
