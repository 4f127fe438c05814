package io.scrapr.scraper.schedule;

import io.scrapr.scraper.core.ScrapeRunner;
import java.time.Duration;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job: one scrape, then keep the schedule in step with the configuration (a new ttl, or
 * no more runs once the configuration is deleted). Never two at once for one configuration; a
 * failure that escapes the run is logged here and the schedule goes on.
 */
@DisallowConcurrentExecution
final class ScrapeJob implements Job {
  private static final Logger log = LoggerFactory.getLogger(ScrapeJob.class);

  private final String configId;
  private final ScrapeRunner runner;
  private final QuartzSchedule schedule;

  ScrapeJob(String configId, ScrapeRunner runner, QuartzSchedule schedule) {
    this.configId = configId;
    this.runner = runner;
    this.schedule = schedule;
  }

  @Override
  public void execute(JobExecutionContext context) {
    Optional<Duration> next;
    try {
      next = runner.run();
    } catch (RuntimeException e) {
      // The runner reports its failures in the run's report; this is a bug outside of it.
      log.error(
          "scraper {}: a scrape failed outside its report; the schedule goes on", configId, e);
      return;
    }
    try {
      if (next.isPresent()) {
        schedule.every(next.get());
      } else {
        schedule.stop();
      }
    } catch (RuntimeException e) {
      log.error("scraper {}: cannot keep the schedule in step: {}", configId, e.getMessage(), e);
    }
  }
}
