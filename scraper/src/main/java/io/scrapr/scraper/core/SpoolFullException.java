package io.scrapr.scraper.core;

/** The spool refused a batch: taking it would pass the spool's cap. */
public final class SpoolFullException extends SpoolException {
  private final long usedBytes;
  private final long maxBytes;

  /**
   * Creates the refusal.
   *
   * @param batchId the batch refused
   * @param usedBytes what the spool holds
   * @param maxBytes its cap ({@code SCRAPR_SPOOL_MAX_BYTES})
   */
  public SpoolFullException(String batchId, long usedBytes, long maxBytes) {
    super(
        "spool full: it holds "
            + usedBytes
            + " bytes of at most "
            + maxBytes
            + " (SCRAPR_SPOOL_MAX_BYTES), so batch "
            + batchId
            + " was not spooled",
        null);
    this.usedBytes = usedBytes;
    this.maxBytes = maxBytes;
  }

  /** Returns how many bytes the spool held. */
  public long usedBytes() {
    return usedBytes;
  }

  /** Returns the spool's cap in bytes. */
  public long maxBytes() {
    return maxBytes;
  }
}
