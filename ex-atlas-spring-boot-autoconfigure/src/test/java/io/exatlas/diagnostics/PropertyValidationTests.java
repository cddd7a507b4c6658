package io.exatlas.diagnostics;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.fly.autoconfigure.FlyMachinesAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.providers.runpod.autoconfigure.RunPodAutoConfiguration;
import io.exatlas.providers.vast.autoconfigure.VastAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every {@code exatlas.*} value that cannot work fails start-up at binding, naming the property and the reason:
 * before, a negative idle TTL ended every session within a second, a negative read timeout switched the timeout
 * off, and a negative CLI timeout made every Fly token UNAUTHORIZED.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropertyValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				RunPodAutoConfiguration.class, VastAutoConfiguration.class, FlyMachinesAutoConfiguration.class,
				FlyTokensAutoConfiguration.class, OrchestratorAutoConfiguration.class))
		.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.fly.tokens.store=memory",
				"exatlas.fly.tokens.config-file-enabled=false");

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = { "exatlas.orchestrator.idle-ttl|-1s|must be positive",
			"exatlas.compute.idempotency-window|0s|must be positive",
			"exatlas.compute.idempotency-window|36500000d|must be at most 3650 days",
			"exatlas.orchestrator.idle-ttl|0s|must be positive",
			"exatlas.orchestrator.idle-ttl|36500000d|must be at most 3650 days",
			"exatlas.orchestrator.heartbeat-interval|-1s|must not be negative",
			"exatlas.orchestrator.instance-ttl|1s|must be longer than instance-heartbeat-interval",
			"exatlas.orchestrator.reaper.interval|0s|must be positive",
			"exatlas.http.read-timeout|-5s|must be positive", "exatlas.http.connect-timeout|0s|must be positive",
			"exatlas.http.max-in-memory-size|0B|must be between 1B and 2GB",
			"exatlas.http.retry.max-retries|-1|must be at least 0", "exatlas.http.retry.jitter|2|between 0 and 1",
			"exatlas.http.retry.statuses|700|HTTP statuses", "exatlas.fly.tokens.cli-timeout|-1s|must be positive",
			"exatlas.fly.tokens.ttl|0s|must be positive", "exatlas.fly.logs.buffer-size|0|must be at least 1",
			"exatlas.providers.runpod.read-timeout|-1s|must be positive",
			"exatlas.providers.runpod.job-max-poll-interval|100ms|at least job-poll-interval",
			"exatlas.providers.vast.offers-tried|0|must be at least 1",
			"exatlas.providers.fly.memory-mb|300|multiple of 256", "exatlas.providers.mock.job-steps|0|at least 1",
			"exatlas.providers.mock.job-step-delay|-1ms|must not be negative" })
	void aValueThatCannotWorkFailsStartUpNamingThePropertyAndTheReason(String property, String value, String reason) {
		this.runner.withPropertyValues(property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("'" + javaPath(property) + "'")
				.hasMessageContaining(reason);
		});
	}

	/** Spring reports a field by its Java path: exatlas.http.read-timeout is http.readTimeout of 'exatlas'. */
	private static String javaPath(String property) {
		String path = property.replaceFirst("^exatlas\\.(orchestrator|fly|providers\\.[a-z-]+)\\.", "")
			.replaceFirst("^exatlas\\.", "");
		StringBuilder camel = new StringBuilder();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '-' && i + 1 < path.length()) {
				camel.append(Character.toUpperCase(path.charAt(++i)));
			}
			else {
				camel.append(c);
			}
		}
		return camel.toString();
	}

	@Test
	void theDefaultsAreValid() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void bootReportsItWithTheActionToTake(CapturedOutput output) {
		SpringApplication application = new SpringApplication(App.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application
			.run("--exatlas.orchestrator.enabled=true", "--exatlas.orchestrator.idle-ttl=-30m",
					"--spring.main.banner-mode=off")
			.close());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: exatlas.orchestrator.idleTtl")
			.contains("Origin: \"exatlas.orchestrator.idle-ttl\"")
			.contains("Reason: must be positive (was PT-30M)")
			.contains("Action:");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
			OrchestratorAutoConfiguration.class })
	static class App {

	}

}
