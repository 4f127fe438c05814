package io.scrapr.common.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;

/** Opens MongoDB clients the way every service wants them: short time-outs, so /health answers. */
public final class MongoConnections {
  private MongoConnections() {}

  /**
   * Opens a client; it connects lazily, so a MongoDB that is down shows in {@code /health} and in
   * failed requests rather than stopping the service from starting.
   *
   * @param uri the connection string ({@code SCRAPR_MONGO_URI})
   */
  public static MongoClient connect(String uri) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToClusterSettings(c -> c.serverSelectionTimeout(5, TimeUnit.SECONDS))
            .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS))
            .build());
  }
}
