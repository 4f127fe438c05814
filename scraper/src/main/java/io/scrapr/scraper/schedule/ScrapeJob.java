package io.scrapr.scraper.schedule;

import io.scrapr.scraper.core.ScrapeRunner;
import java.time.Duration;
import java.util.Optional;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job: one scrape, then keep the schedule in step with the configuration (a new ttl, or
 * no more runs once the configuration is deleted). Never two at once for one configuration.
 */
@DisallowConcurrentExecution
final class ScrapeJob implements Job {
  private final ScrapeRunner runner;
  private final QuartzSchedule schedule;

  ScrapeJob(ScrapeRunner runner, QuartzSchedule schedule) {
    this.runner = runner;
    this.schedule = schedule;
  }

  @Override
  public void execute(JobExecutionContext context) {
    Optional<Duration> next = runner.run();
    if (next.isPresent()) {
      schedule.every(next.get());
    } else {
      schedule.stop();
    }
  }
}
