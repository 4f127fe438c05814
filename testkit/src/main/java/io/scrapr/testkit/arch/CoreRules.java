package io.scrapr.testkit.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The layer rule every service module checks: its {@code core} holds the logic and the ports, and
 * knows nothing of HTTP, MongoDB, Redis, Docker, Consul or Quartz, nor of the module's own
 * adapters. Adapters implement the core's ports; the core is tested without any of them.
 */
public final class CoreRules {
  /** Packages of the frameworks and clients the core must not see. */
  private static final List<String> INFRASTRUCTURE =
      List.of(
          "io.javalin..",
          "jakarta.servlet..",
          "org.eclipse.jetty..",
          "java.net.http..",
          "okhttp3..",
          "com.mongodb..",
          "org.bson..",
          "redis.clients..",
          "com.github.dockerjava..",
          "org.kiwiproject..",
          "org.quartz..",
          "io.scrapr.common.http..",
          "io.scrapr.common.client..",
          "io.scrapr.common.mongo..",
          "io.scrapr.common.configsource..",
          "io.scrapr.common.service..");

  private CoreRules() {}

  /**
   * Checks that {@code <basePackage>.core} depends on none of the infrastructure above and on none
   * of the module's adapter packages.
   *
   * @param basePackage the module's package, e.g. {@code io.scrapr.datasource}
   * @param adapters the module's adapter packages under it, e.g. {@code web}, {@code store}
   */
  public static void checkCoreIsFreeOfAdapters(String basePackage, String... adapters) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(basePackage);
    List<String> forbidden = new ArrayList<>(INFRASTRUCTURE);
    for (String adapter : adapters) {
      forbidden.add(basePackage + "." + adapter + "..");
    }
    noClasses()
        .that()
        .resideInAPackage(basePackage + ".core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden.toArray(String[]::new))
        .because("the core speaks the domain; adapters speak HTTP, storage and the runtime")
        .check(classes);
  }
}
