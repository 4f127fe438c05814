package io.scrapr.common.mongo;

/**
 * An append that may or may not have been written, and whose entries the tailer may never read: it
 * stopped waiting for their numbers first. The caller must refuse the request so that its sender
 * sends it again; what was written, if read after all, is harmless because handlers are idempotent.
 */
public final class LogAppendException extends RuntimeException {
  LogAppendException(String log, long firstSeq, long lastSeq) {
    super(
        log
            + ": seq "
            + firstSeq
            + " to "
            + lastSeq
            + " were written after the tailer stopped waiting for them; send again");
  }
}
