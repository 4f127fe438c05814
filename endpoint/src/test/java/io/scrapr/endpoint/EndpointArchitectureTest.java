package io.scrapr.endpoint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayersTest {
  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.scrapr.endpoint");

  @Test
  void the_core_knows_nothing_of_http_servers_clients_or_redis() {
    noClasses()
        .that()
        .resideInAPackage("io.scrapr.endpoint.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.javalin..",
            "redis.clients..",
            "java.net.http..",
            "io.scrapr.common.http..",
            "io.scrapr.common.client..",
            "io.scrapr.endpoint.web..",
            "io.scrapr.endpoint.store..",
            "io.scrapr.endpoint.client..")
        .check(classes);
  }
}
