package io.scrapr.datasource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayersTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.scrapr.datasource");

  @Test
  void the_core_knows_nothing_of_http_servers_mongodb_or_metrics() {
    noClasses()
        .that()
        .resideInAPackage("io.scrapr.datasource.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.javalin..",
            "com.mongodb..",
            "org.bson..",
            "io.micrometer..",
            "io.scrapr.datasource.web..",
            "io.scrapr.datasource.store..")
        .check(classes);
  }

  @Test
  void the_web_adapter_does_not_touch_mongodb() {
    noClasses()
        .that()
        .resideInAPackage("io.scrapr.datasource.web..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.mongodb..", "org.bson..", "io.scrapr.datasource.store..")
        .check(classes);
  }

  @Test
  void the_store_adapter_does_not_touch_http() {
    noClasses()
        .that()
        .resideInAPackage("io.scrapr.datasource.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..", "io.scrapr.datasource.web..")
        .check(classes);
  }
}
