package io.scrapr.scraper.extract;

import io.scrapr.common.config.SelectorRegex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.CombiningEvaluator;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.Selector;

/**
 * The CSS queries of one page's extraction, each parsed once and watched: every element a query
 * visits first checks the deadline, and a query's regular expressions have run through {@link
 * RegexPreflight} before jsoup runs them. A query jsoup cannot parse matches nothing.
 */
final class Queries {
  private static final Evaluator NOTHING =
      new Evaluator() {
        @Override
        public boolean matches(Element root, Element element) {
          return false;
        }
      };

  private final Deadline deadline;
  private final RegexPreflight preflight;
  private final Map<String, Evaluator> parsed = new HashMap<>();

  Queries(Document page, Deadline deadline) {
    this.deadline = deadline;
    this.preflight = new RegexPreflight(page, deadline);
  }

  /** Returns every element under {@code root} (itself included) that a query matches. */
  Elements select(Element root, String css) {
    return root.select(evaluator(css));
  }

  /** Returns the first element under {@code root} that a query matches, or null. */
  Element first(Element root, String css) {
    return root.selectFirst(evaluator(css));
  }

  private Evaluator evaluator(String css) {
    Evaluator evaluator = parsed.get(css);
    if (evaluator == null) {
      preflight.run(SelectorRegex.in(css));
      evaluator = watched(css);
      parsed.put(css, evaluator);
    }
    return evaluator;
  }

  private Evaluator watched(String css) {
    Evaluator query;
    try {
      query = Selector.evaluatorOf(css);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return NOTHING; // validated when the configuration was accepted; a newer jsoup may differ
    }
    // The cheapest evaluator of an And runs first, so the check comes before any other work.
    return new CombiningEvaluator.And(List.of(new Watch(deadline), query));
  }

  /** Checks the deadline on every element a query visits, and matches all of them. */
  private static final class Watch extends Evaluator {
    private final Deadline deadline;

    Watch(Deadline deadline) {
      this.deadline = deadline;
    }

    @Override
    public boolean matches(Element root, Element element) {
      deadline.check();
      return true;
    }

    @Override
    protected int cost() {
      return 0;
    }

    @Override
    public String toString() {
      return "";
    }
  }
}
