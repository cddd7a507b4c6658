package io.exatlas.spend.autoconfigure;

import java.math.BigDecimal;
import java.time.ZoneId;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.admission.autoconfigure.AdmissionAutoConfiguration;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.metrics.SpendMeters;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.spend.BillingPeriod;
import io.exatlas.spend.Budget;
import io.exatlas.spend.BudgetPolicy;
import io.exatlas.spend.BurnRateCapPolicy;
import io.exatlas.spend.InMemorySpendLedger;
import io.exatlas.spend.SpendAccounting;
import io.exatlas.spend.SpendLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spend accounting is on by default and wired into the orchestrator, the endpoint and the meters; the budgets and
 * burn-rate caps come from {@code exatlas.admission.*}; settings that cannot work fail start-up naming the property.
 */
class SpendAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				SpendAutoConfiguration.class, AdmissionAutoConfiguration.class, OrchestratorAutoConfiguration.class))
		.withPropertyValues("exatlas.default-provider=mock", "exatlas.orchestrator.enabled=true",
				"exatlas.providers.mock.offers[0].gpu=h100", "exatlas.providers.mock.offers[0].price-per-gpu-hour=2.10");

	@Test
	void sessionsAreAccountedByDefaultAndTheMetersHaveASeriesPerProvider() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(SpendAccounting.class);
			assertThat(context.getBean(SpendLedger.class)).isInstanceOf(InMemorySpendLedger.class);
			assertThat(context.getBean(SpendAccounting.class).zone()).isEqualTo(ZoneId.of("UTC"));
			ComputeOrchestrator orchestrator = context.getBean(ComputeOrchestrator.class);
			String id = orchestrator
				.spawn(ComputeRequest.builder().gpu("h100").gpuCount(2).image("busybox").build(),
						SessionOptions.forUser("alice"))
				.id();
			assertThat(orchestrator.get(id).orElseThrow().spend().pricePerHour()).isEqualByComparingTo("4.20");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBean(SpendMeters.class).bindTo(meters);
			assertThat(meters.get(SpendMeters.BURN_RATE).tag("provider", "mock").gauge().value()).isEqualTo(4.2);
		});
	}

	@Test
	void budgetsAndCapsBecomePoliciesInOrder() {
		this.runner
			.withPropertyValues("exatlas.admission.max-burn-rate=40", "exatlas.admission.max-burn-rate-per-user=8",
					"exatlas.admission.budgets[0].period=day", "exatlas.admission.budgets[0].limit=50",
					"exatlas.admission.budgets[0].per-user=true", "exatlas.admission.budgets[1].limit=3000",
					"exatlas.spend.zone=Europe/Paris")
			.run((context) -> {
				assertThat(context.getBean(AdmissionControl.class).policies()).satisfiesExactly(
						(first) -> assertThat(first.name()).isEqualTo("max-burn-rate"),
						(second) -> assertThat(second.name()).isEqualTo("max-burn-rate-per-user"),
						(third) -> assertThat(((BudgetPolicy) third).budgets()).containsExactly(
								new Budget(true, BillingPeriod.DAY, new BigDecimal("50")),
								new Budget(false, BillingPeriod.MONTH, new BigDecimal("3000"))));
				assertThat(context.getBean(SpendAccounting.class).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
				assertThat(context.getBeansOfType(BurnRateCapPolicy.class)).hasSize(2);
			});
	}

	@Test
	void accountingOffLeavesSessionsWithoutSpendFigures() {
		this.runner.withPropertyValues("exatlas.spend.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SpendAccounting.class);
			ComputeOrchestrator orchestrator = context.getBean(ComputeOrchestrator.class);
			String id = orchestrator
				.spawn(ComputeRequest.builder().gpu("h100").image("busybox").build(), SessionOptions.forUser("bob"))
				.id();
			assertThat(orchestrator.get(id).orElseThrow().spend()).isNull();
		});
	}

	@Test
	void aBudgetWithAccountingOffFailsStartUpNamingTheProperty() {
		this.runner.withPropertyValues("exatlas.spend.enabled=false", "exatlas.admission.max-burn-rate=5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationException.class)
				.hasMessageContaining("exatlas.admission.max-burn-rate"));
	}

	@Test
	void settingsThatCannotWorkFailStartUpNamingThem() {
		this.runner.withPropertyValues("exatlas.spend.retention=10d")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("'retention'"));
		this.runner.withPropertyValues("exatlas.admission.budgets[0].period=day")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("budgets[0].limit"));
	}

}
