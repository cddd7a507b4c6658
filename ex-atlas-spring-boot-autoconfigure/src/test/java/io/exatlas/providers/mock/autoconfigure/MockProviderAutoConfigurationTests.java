package io.exatlas.providers.mock.autoconfigure;

import java.util.stream.Stream;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.providers.BuiltinProvider;
import io.exatlas.providers.mock.MockComputeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock provider is registered in development (no cloud configured) and when asked for, never silently beside a
 * real cloud in production.
 */
class MockProviderAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class));

	@Test
	void withNoCloudConfiguredTheMockIsRegistered() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(MockComputeProvider.class));
		this.runner.withPropertyValues("exatlas.providers.runpod.api-key=  ")
			.run((context) -> assertThat(context).as("a blank key is no key").hasSingleBean(MockComputeProvider.class));
	}

	static Stream<BuiltinProvider> clouds() {
		return BuiltinProvider.clouds().stream();
	}

	@ParameterizedTest
	@MethodSource("clouds")
	void aCloudWithAKeyInItsPropertyOrEnvironmentVariableKeepsTheMockOut(BuiltinProvider cloud) {
		for (String credential : new String[] { cloud.credentialProperty().orElseThrow(),
				cloud.credentialVariable().orElseThrow() }) {
			this.runner.withPropertyValues(credential + "=key-123").run((context) -> {
				assertThat(context).doesNotHaveBean(MockComputeProvider.class);
				assertThat(outcome(context)).contains("cloud providers are configured: " + cloud)
					.contains("exatlas.providers.mock.enabled=true")
					.doesNotContain("key-123");
			});
			this.runner.withPropertyValues(credential + "=key-123", cloud.enabledProperty() + "=false")
				.run((context) -> assertThat(context).as("a disabled cloud is not configured")
					.hasSingleBean(MockComputeProvider.class));
		}
	}

	private static String outcome(AssertableApplicationContext context) {
		StringBuilder messages = new StringBuilder();
		ConditionEvaluationReport.get(context.getBeanFactory())
			.getConditionAndOutcomesBySource()
			.get(MockProviderAutoConfiguration.class.getName())
			.forEach((conditionAndOutcome) -> messages.append(conditionAndOutcome.getOutcome().getMessage()));
		return messages.toString();
	}

	@Test
	void aFlyAppForTheTokenChainConfiguresFly() {
		this.runner.withPropertyValues("exatlas.providers.fly.app=my-app")
			.run((context) -> assertThat(context).doesNotHaveBean(MockComputeProvider.class));
	}

	@Test
	void theMockIsRegisteredBesideACloudWhenItIsTheDefaultOrEnabledExplicitly() {
		ApplicationContextRunner production = this.runner.withPropertyValues("RUNPOD_API_KEY=key-123");
		production.withPropertyValues("exatlas.default-provider=mock")
			.run((context) -> assertThat(context).hasSingleBean(MockComputeProvider.class));
		production.withPropertyValues("exatlas.providers.mock.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(MockComputeProvider.class));
	}

	@Test
	void disabledExplicitlyTheMockIsNeverRegistered() {
		this.runner.withPropertyValues("exatlas.providers.mock.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MockComputeProvider.class));
	}

	@Test
	void theConfiguredOffersAreListedAndABadOneFailsStartUpNamingIt() {
		this.runner
			.withPropertyValues("exatlas.providers.mock.offers[0].gpu=h100",
					"exatlas.providers.mock.offers[0].region=mock-east",
					"exatlas.providers.mock.offers[0].price-per-gpu-hour=2.49",
					"exatlas.providers.mock.offers[0].cloud-type=secure", "exatlas.providers.mock.offers[1].gpu=h100",
					"exatlas.providers.mock.offers[1].spot=true", "exatlas.providers.mock.offers[1].gpu-count=8")
			.run((context) -> {
				MockComputeProvider mock = context.getBean(MockComputeProvider.class);
				mock.reset();
				assertThat(mock.listOffers(io.exatlas.compute.ProviderContext.defaults()).collectList().block())
					.satisfiesExactly((first) -> {
						assertThat(first.region()).isEqualTo("mock-east");
						assertThat(first.pricePerGpuHour()).isEqualByComparingTo("2.49");
						assertThat(first.cloudType()).isEqualTo(io.exatlas.compute.CloudType.SECURE);
					}, (second) -> {
						assertThat(second.spot()).isTrue();
						assertThat(second.gpuCount()).isEqualTo(8);
						assertThat(second.pricePerGpuHour()).isNull();
					});
			});
		this.runner.withPropertyValues("exatlas.providers.mock.offers[0].region=mock-east")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("offers[0].gpu"));
	}

}
