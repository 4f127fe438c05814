package io.scrapr.scraper.extract;

/**
 * A text a regular expression reads through {@link #charAt}, which checks the deadline every few
 * thousand characters: Java's matcher cannot be interrupted otherwise.
 */
final class DeadlineText implements CharSequence {
  private static final int CHECK_EVERY = 4096;

  private final String text;
  private final Deadline deadline;
  private int reads;

  DeadlineText(String text, Deadline deadline) {
    this.text = text;
    this.deadline = deadline;
  }

  @Override
  public char charAt(int index) {
    if (++reads == CHECK_EVERY) {
      reads = 0;
      deadline.check();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new DeadlineText(text.substring(start, end), deadline);
  }

  @Override
  public String toString() {
    return text;
  }
}
