package io.scrapr.scraper.core;

/**
 * The spool as it is now, for {@code /status}.
 *
 * @param depth batches waiting for the datasource
 * @param bytes their size as spooled
 * @param maxBytes the cap ({@code SCRAPR_SPOOL_MAX_BYTES}); batches past it are refused
 * @param deadLetters batches kept in the dead-letter list
 * @param deadLetterKey the Redis key of that list
 */
public record SpoolSnapshot(
    long depth, long bytes, long maxBytes, long deadLetters, String deadLetterKey) {}
