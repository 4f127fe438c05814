package io.scrapr.scraper.extract;

import io.scrapr.common.config.SelectorRegex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Runs each regular expression of a page's selectors against everything jsoup could match it
 * against in that page (every element's text of the kind it reads), under the deadline, before
 * jsoup runs it. jsoup's matcher cannot be stopped; this one can, and once it has finished on the
 * same texts with the same engine, jsoup's runs of that expression take no longer than it did.
 */
final class RegexPreflight {
  private final Document page;
  private final Deadline deadline;
  private final Set<SelectorRegex> done = new HashSet<>();

  RegexPreflight(Document page, Deadline deadline) {
    this.page = page;
    this.deadline = deadline;
  }

  /** Runs the expressions not run on this page yet. */
  void run(List<SelectorRegex> regexes) {
    for (SelectorRegex regex : regexes) {
      if (!done.add(regex)) {
        continue;
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex.pattern());
      } catch (PatternSyntaxException e) {
        continue; // jsoup refuses the query as well; it matches nothing
      }
      for (Element element : page.getAllElements()) {
        deadline.check();
        String input = input(element, regex);
        if (input != null) {
          pattern.matcher(new DeadlineText(input, deadline)).find();
        }
      }
    }
  }

  private static String input(Element element, SelectorRegex regex) {
    return switch (regex.input()) {
      case TEXT -> element.text();
      case OWN_TEXT -> element.ownText();
      case WHOLE_TEXT -> element.wholeText();
      case WHOLE_OWN_TEXT -> element.wholeOwnText();
      case ATTRIBUTE -> element.hasAttr(regex.attribute()) ? element.attr(regex.attribute()) : null;
    };
  }
}
