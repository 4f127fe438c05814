package io.scrapr.scraper.schedule;

import io.scrapr.scraper.core.ScrapeRunner;
import io.scrapr.scraper.core.ScrapeTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scrapes on a Quartz scheduler of this scraper's own (in-memory job store, one worker
 * thread, named after the configuration), so several scrapers can share one JVM: the first run when
 * scheduling starts, then one every {@code ttl} seconds.
 */
public final class QuartzSchedule implements ScrapeTrigger, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QuartzSchedule.class);

  private final String configId;
  private final Scheduler scheduler;
  private final JobKey job;
  private final TriggerKey trigger;
  private Duration interval;

  private QuartzSchedule(String configId, Scheduler scheduler) {
    this.configId = configId;
    this.scheduler = scheduler;
    this.job = JobKey.jobKey("scrape", configId);
    this.trigger = TriggerKey.triggerKey("every-ttl", configId);
  }

  /**
   * Creates and starts the scheduler; nothing runs until {@link #every} is called.
   *
   * @param configId the configuration, in the scheduler's and its threads' names
   * @param runner runs one scrape
   * @return the schedule
   */
  public static QuartzSchedule start(String configId, ScrapeRunner runner) {
    Properties properties = new Properties();
    // A unique name: Quartz keeps schedulers in a JVM-wide registry by name.
    properties.setProperty(
        StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME,
        "scraper-" + configId + "-" + UUID.randomUUID().toString().substring(0, 8));
    properties.setProperty(
        StdSchedulerFactory.PROP_SCHED_THREAD_NAME, "scraper-" + configId + "-quartz");
    properties.setProperty(
        StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    properties.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
    properties.setProperty("org.quartz.threadPool.threadCount", "1");
    properties.setProperty(
        "org.quartz.threadPool.threadNamePrefix", "scraper-" + configId + "-run");
    properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    try {
      Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
      QuartzSchedule schedule = new QuartzSchedule(configId, scheduler);
      scheduler.setJobFactory((bundle, s) -> new ScrapeJob(configId, runner, schedule));
      scheduler.start();
      return schedule;
    } catch (SchedulerException e) {
      throw new IllegalStateException("scraper " + configId + ": cannot start Quartz", e);
    }
  }

  /**
   * Scrapes every {@code ttl}: the first call schedules a run now and then one every interval; a
   * later call with another interval reschedules from now on.
   *
   * @param ttl the interval between runs
   */
  public synchronized void every(Duration ttl) {
    if (ttl.equals(interval) || isShutdown()) {
      return;
    }
    try {
      if (interval == null) {
        scheduler.scheduleJob(
            JobBuilder.newJob(ScrapeJob.class).withIdentity(job).storeDurably().build(),
            trigger(ttl, new Date()));
        log.info("scraper {}: scraping now and then every {}s", configId, ttl.toSeconds());
      } else {
        scheduler.rescheduleJob(
            trigger, trigger(ttl, new Date(System.currentTimeMillis() + ttl.toMillis())));
        log.info(
            "scraper {}: ttl changed; scraping every {}s from now on", configId, ttl.toSeconds());
      }
      interval = ttl;
    } catch (SchedulerException e) {
      if (!isShutdown()) {
        throw new IllegalStateException("scraper " + configId + ": cannot schedule the scrapes", e);
      }
    }
  }

  @Override
  public synchronized boolean runNow() {
    if (interval == null) {
      return false;
    }
    try {
      scheduler.triggerJob(job);
      return true;
    } catch (SchedulerException e) {
      throw new IllegalStateException("scraper " + configId + ": cannot trigger a scrape", e);
    }
  }

  /** Returns when the next scheduled scrape starts; empty before scheduling and after a stop. */
  public synchronized Optional<Instant> nextRunAt() {
    if (interval == null || isShutdown()) {
      return Optional.empty();
    }
    try {
      Trigger current = scheduler.getTrigger(trigger);
      return current == null || current.getNextFireTime() == null
          ? Optional.empty()
          : Optional.of(current.getNextFireTime().toInstant());
    } catch (SchedulerException e) {
      return Optional.empty();
    }
  }

  /**
   * Throws unless scrapes will come: the scheduler runs and, once scheduling started, its trigger
   * is there. A {@code /health} check.
   *
   * @throws IllegalStateException naming what is wrong
   */
  public synchronized void ensureRunning() {
    if (isShutdown()) {
      throw new IllegalStateException("the Quartz scheduler has shut down; nothing is scraped");
    }
    try {
      if (interval != null && scheduler.getTrigger(trigger) == null) {
        throw new IllegalStateException("the scrapes are no longer scheduled");
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot read the schedule: " + e.getMessage(), e);
    }
  }

  /** Removes the job and its triggers: no further runs. */
  public synchronized void stop() {
    try {
      scheduler.deleteJob(job);
      interval = null;
    } catch (SchedulerException e) {
      log.warn("scraper {}: cannot unschedule the scrapes: {}", configId, e.getMessage());
    }
  }

  /**
   * Shuts the scheduler down without waiting for a running scrape: the scraper stops that one
   * first, with a bounded wait ({@link ScrapeRunner#awaitIdle}), and a run that still hangs must
   * not hold the shutdown (its worker thread is a daemon and ends with it).
   */
  @Override
  public void close() {
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      log.warn("scraper {}: Quartz did not shut down cleanly: {}", configId, e.getMessage());
    }
  }

  private boolean isShutdown() {
    try {
      return scheduler.isShutdown();
    } catch (SchedulerException e) {
      return true;
    }
  }

  private Trigger trigger(Duration ttl, Date start) {
    return TriggerBuilder.newTrigger()
        .withIdentity(trigger)
        .forJob(job)
        .startAt(start)
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(ttl.toMillis())
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
