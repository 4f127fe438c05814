package io.scrapr.configdiscovery.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import io.scrapr.common.mongo.CappedLog;
import io.scrapr.common.mongo.Checkpoints;
import io.scrapr.configdiscovery.core.PostedConfiguration;
import io.scrapr.configdiscovery.core.RequestLog;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The posted configurations, in the capped {@code capped_configurations} collection. */
public final class MongoRequestLog implements RequestLog {
  private final CappedLog log;
  private final Checkpoints checkpoints;
  private final String tailer;

  /**
   * Uses an opened capped log.
   *
   * @param log the capped log of posted configurations
   * @param checkpoints where the materialising tailer keeps its position
   * @param tailer the materialising tailer's name
   */
  public MongoRequestLog(CappedLog log, Checkpoints checkpoints, String tailer) {
    this.log = log;
    this.checkpoints = checkpoints;
    this.tailer = tailer;
  }

  @Override
  public PostedConfiguration append(ObjectNode configuration, Instant now) {
    Document doc =
        new Document("configuration", ConfigurationJson.write(configuration))
            .append("createdAt", Date.from(now));
    ObjectId id = log.append(List.of(doc)).get(0);
    return new PostedConfiguration(id.toHexString(), now, configuration);
  }

  @Override
  public Optional<PostedConfiguration> findPending(String id) {
    if (!ObjectId.isValid(id)) {
      return Optional.empty();
    }
    Document doc = log.collection().find(Filters.eq("_id", new ObjectId(id))).first();
    if (doc == null) {
      return Optional.empty();
    }
    // Covered by the tailer's checkpoint, it was materialised (and may since have been deleted).
    long seq = doc.get("seq", Number.class).longValue();
    boolean materialised = checkpoints.load(tailer).map(p -> p.covers(seq)).orElse(false);
    return materialised ? Optional.empty() : Optional.of(toPosted(doc));
  }

  /** Reads a document of the capped collection (as the tailer hands it over). */
  public static PostedConfiguration toPosted(Document doc) {
    return new PostedConfiguration(
        doc.getObjectId("_id").toHexString(),
        doc.getDate("createdAt").toInstant(),
        ConfigurationJson.read(doc.getString("configuration")));
  }
}
