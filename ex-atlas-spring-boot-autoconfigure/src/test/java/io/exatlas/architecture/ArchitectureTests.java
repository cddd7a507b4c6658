package io.exatlas.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's layout rules, in the spirit of Spring Boot's {@code allPackagesShouldBeFreeOfTangles}: no package of
 * {@code io.exatlas} takes part in an import cycle, the base event package depends on no feature, and features never
 * depend on auto-configuration.
 */
class ArchitectureTests {

	private static final JavaClasses LIBRARY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.exatlas");

	/** Every package is a slice of its own, so a cycle between a package and its sub-package counts too. */
	private static final ArchRule NO_PACKAGE_CYCLES = slices().matching("(**)").should().beFreeOfCycles();

	@Test
	void libraryPackagesAreFreeOfCycles() {
		assertThat(LIBRARY).as("imported library classes").hasSizeGreaterThan(100);
		NO_PACKAGE_CYCLES.check(LIBRARY);
	}

	@Test
	void theRuleFindsACycleWhenThereIsOne() {
		JavaClasses tangled = new ClassFileImporter().importPackages("io.exatlas.architecture.fixture");
		EvaluationResult result = NO_PACKAGE_CYCLES.evaluate(tangled);
		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().toString()).contains("fixture.a").contains("fixture.b");
	}

	@Test
	void theEventBasePackageDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("io.exatlas.event")
			.should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("io.exatlas.event", "java..", "org.springframework.context..",
					"org.apache.commons.logging..", "org.jspecify..")
			.check(LIBRARY);
	}

	@Test
	void featuresNeverDependOnAutoConfiguration() {
		noClasses().that()
			.resideOutsideOfPackage("..autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..autoconfigure..")
			.check(LIBRARY);
	}

}
