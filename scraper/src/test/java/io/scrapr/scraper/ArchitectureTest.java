package io.scrapr.scraper;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the layers honest: the logic knows nothing of HTTP servers, Redis, OkHttp or Quartz. */
@AnalyzeClasses(
    packages = "io.scrapr.scraper",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule core_and_extraction_use_no_adapter_technology =
      noClasses()
          .that()
          .resideInAnyPackage("io.scrapr.scraper.core..", "io.scrapr.scraper.extract..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "okhttp3..", "redis.clients..", "io.javalin..", "org.quartz..", "crawlercommons..");

  @ArchTest
  static final ArchRule extraction_depends_on_nothing_of_the_scraper =
      noClasses()
          .that()
          .resideInAPackage("io.scrapr.scraper.extract..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.scrapr.scraper.core..",
              "io.scrapr.scraper.fetch..",
              "io.scrapr.scraper.spool..",
              "io.scrapr.scraper.web..");

  @ArchTest
  static final ArchRule adapters_do_not_reach_into_each_other =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.scrapr.scraper.fetch..",
              "io.scrapr.scraper.spool..",
              "io.scrapr.scraper.web..",
              "io.scrapr.scraper.schedule..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.scrapr.scraper.notify..");
}
