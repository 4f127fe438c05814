package io.scrapr.orchestrator;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.scrapr.orchestrator.core.CompanionRedis;
import io.scrapr.orchestrator.core.RunningService;
import io.scrapr.orchestrator.core.Runtime;
import io.scrapr.orchestrator.core.ServiceOperationException;
import io.scrapr.orchestrator.core.ServiceSpec;
import io.scrapr.testkit.arch.CoreRules;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the layers honest: the core knows no adapter, the runtime only the core's port. */
class OrchestratorArchitectureTest {
  private final JavaClasses classes = mainClasses();

  /** The main classes' directory only: scanning every jar for the package takes seconds. */
  private static JavaClasses mainClasses() {
    try {
      Path main =
          Path.of(Orchestrator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPath(main);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void the_core_depends_on_no_adapter_nor_infrastructure() {
    CoreRules.checkCoreIsFreeOfAdapters("io.scrapr.orchestrator", "web", "runtime", "client");
  }

  @Test
  void the_core_knows_nothing_of_docker_http_or_the_swarm_runtime() {
    noClasses()
        .that()
        .resideInAPackage("io.scrapr.orchestrator.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "com.github.dockerjava..",
            "io.javalin..",
            "io.scrapr.common.client..",
            "io.scrapr.orchestrator.web..",
            "io.scrapr.orchestrator.client..")
        .orShould()
        .dependOnClassesThat()
        .haveSimpleNameStartingWith("Swarm")
        .check(classes);
  }

  /**
   * The runtime implements the core's port (the interface and the values it takes and returns) and
   * knows nothing else of the core: not the reconciler, its loop, nor config-discovery.
   */
  @Test
  void the_runtime_does_not_know_the_reconciler_or_config_discovery() {
    noClasses()
        .that()
        .resideInAPackage("io.scrapr.orchestrator.runtime..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.scrapr.orchestrator.core..")
                .and(
                    not(
                        belongToAnyOf(
                            Runtime.class,
                            ServiceSpec.class,
                            RunningService.class,
                            CompanionRedis.class,
                            ServiceOperationException.class))))
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.scrapr.orchestrator.client..", "io.scrapr.orchestrator.web..", "io.javalin..")
        .check(classes);
  }

  @Test
  void only_the_swarm_runtime_talks_to_docker() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.scrapr.orchestrator.runtime..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.dockerjava..")
        .check(classes);
  }
}
