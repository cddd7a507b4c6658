package io.exatlas.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's layout rules, in the spirit of Spring Boot's {@code allPackagesShouldBeFreeOfTangles}: no package of
 * {@code io.exatlas} takes part in an import cycle, the base event package depends on no feature, features never
 * depend on auto-configuration, and every auto-configuration is listed, lives in an {@code autoconfigure} package and
 * backs off for the application's own beans.
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
					"org.springframework.core..", "org.springframework.beans..", "org.apache.commons.logging..",
					"org.jspecify..")
			.check(LIBRARY);
	}

	@Test
	void everyAutoConfiguredBeanBacksOffForTheApplicationsOwn() {
		methods().that()
			.areAnnotatedWith(Bean.class)
			.should()
			.beAnnotatedWith(ConditionalOnMissingBean.class)
			.because("the README promises that every bean is replaceable by declaring one of the same type")
			.check(LIBRARY);
	}

	@Test
	void everyAutoConfigurationIsListedAndEveryListedOneExists() throws IOException {
		Set<String> listed;
		try (InputStream in = getClass()
			.getResourceAsStream("/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(in).isNotNull();
			listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toCollection(TreeSet::new));
		}
		Set<String> declared = LIBRARY.stream()
			.filter((type) -> type.isAnnotatedWith(AutoConfiguration.class))
			.map(JavaClass::getName)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(listed).isEqualTo(declared);
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.resideInAPackage("..autoconfigure")
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
