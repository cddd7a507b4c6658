package io.exatlas.diagnostics;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A misconfigured application fails to start with Boot's report naming the property, not a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationFailureAnalyzerTests {

	@Test
	void analysisNamesThePropertyAndTheAction() {
		InvalidConfigurationException cause = new InvalidConfigurationException("exatlas.some-property",
				"'x' is not valid", "Set it to 'y'.");
		FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer()
			.analyze(new BeanCreationException("someBean", "failed", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("exatlas.some-property").contains("'x' is not valid");
		assertThat(analysis.getAction()).isEqualTo("Set it to 'y'.");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void anUnknownDefaultProviderFailsStartUpWithBootsReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("exatlas.default-provider=runpdo"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid ExAtlas configuration: property 'exatlas.default-provider'")
			.contains("'runpdo' names no enabled provider; available providers: [mock]")
			.contains("Action:")
			.contains("Set exatlas.default-provider to one of [mock]");
	}

	@Test
	void aRedisRegistryWithoutRedisFailsStartUpWithBootsReport(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("exatlas.orchestrator.enabled=true",
				"exatlas.orchestrator.registry=redis"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("property 'exatlas.orchestrator.registry'")
			.contains("Add spring-boot-starter-data-redis");
	}

	private static void run(String... properties) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String[] args = new String[properties.length + 1];
		for (int i = 0; i < properties.length; i++) {
			args[i] = "--" + properties[i];
		}
		args[properties.length] = "--spring.main.banner-mode=off";
		application.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
			OrchestratorAutoConfiguration.class })
	static class App {

	}

}
