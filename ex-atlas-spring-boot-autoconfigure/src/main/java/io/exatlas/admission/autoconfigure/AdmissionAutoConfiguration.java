package io.exatlas.admission.autoconfigure;

import java.time.Clock;
import java.util.Objects;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.admission.MaxPricePerGpuHourPolicy;
import io.exatlas.admission.MaxSessionsPerUserPolicy;
import io.exatlas.admission.SpawnPolicy;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.spend.BudgetPolicy;
import io.exatlas.spend.BurnRateCapPolicy;
import io.exatlas.spend.SpendAccounting;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Admission control: the {@link SpawnPolicy} beans in order (the built-in ones from {@code exatlas.admission.*}
 * first), asked before every session spawn and every placement attempt.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class,
		beforeName = { "io.exatlas.placement.autoconfigure.PlacementAutoConfiguration",
				"io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration" })
@EnableConfigurationProperties(AdmissionProperties.class)
public final class AdmissionAutoConfiguration {

	@Bean
	@Order(0)
	@ConditionalOnMissingBean
	@ConditionalOnProperty("exatlas.admission.max-price-per-gpu-hour")
	MaxPricePerGpuHourPolicy exAtlasMaxPricePerGpuHourPolicy(AdmissionProperties properties) {
		return new MaxPricePerGpuHourPolicy(Objects.requireNonNull(properties.getMaxPricePerGpuHour()));
	}

	@Bean
	@Order(1)
	@ConditionalOnMissingBean
	@ConditionalOnProperty("exatlas.admission.max-sessions-per-user")
	MaxSessionsPerUserPolicy exAtlasMaxSessionsPerUserPolicy(AdmissionProperties properties,
			ObjectProvider<SessionRegistry> registry) {
		return new MaxSessionsPerUserPolicy(Objects.requireNonNull(properties.getMaxSessionsPerUser()), (user) -> {
			SessionRegistry sessions = registry.getIfAvailable();
			return (sessions != null)
					? sessions.all().stream().filter((record) -> user.equals(record.userId())).count() : 0L;
		});
	}

	@Bean
	@Order(2)
	@ConditionalOnMissingBean(name = "exAtlasMaxBurnRatePolicy")
	@ConditionalOnProperty("exatlas.admission.max-burn-rate")
	BurnRateCapPolicy exAtlasMaxBurnRatePolicy(AdmissionProperties properties,
			ObjectProvider<SpendAccounting> accounting) {
		return new BurnRateCapPolicy(false, Objects.requireNonNull(properties.getMaxBurnRate()),
				spendAccounting(accounting, "exatlas.admission.max-burn-rate"));
	}

	@Bean
	@Order(3)
	@ConditionalOnMissingBean(name = "exAtlasMaxBurnRatePerUserPolicy")
	@ConditionalOnProperty("exatlas.admission.max-burn-rate-per-user")
	BurnRateCapPolicy exAtlasMaxBurnRatePerUserPolicy(AdmissionProperties properties,
			ObjectProvider<SpendAccounting> accounting) {
		return new BurnRateCapPolicy(true, Objects.requireNonNull(properties.getMaxBurnRatePerUser()),
				spendAccounting(accounting, "exatlas.admission.max-burn-rate-per-user"));
	}

	@Bean
	@Order(4)
	@ConditionalOnMissingBean
	@ConditionalOnProperty("exatlas.admission.budgets[0].limit")
	BudgetPolicy exAtlasBudgetPolicy(AdmissionProperties properties, ObjectProvider<SpendAccounting> accounting) {
		return new BudgetPolicy(properties.toBudgets(), spendAccounting(accounting, "exatlas.admission.budgets"));
	}

	private static SpendAccounting spendAccounting(ObjectProvider<SpendAccounting> accounting, String property) {
		SpendAccounting available = accounting.getIfAvailable();
		if (available == null) {
			throw new InvalidConfigurationException(property,
					"it is checked against accrued spend, and spend accounting is off",
					"Remove exatlas.spend.enabled=false, or remove " + property + ".");
		}
		return available;
	}

	@Bean
	@ConditionalOnMissingBean
	AdmissionControl exAtlasAdmissionControl(ObjectProvider<SpawnPolicy> policies, ExAtlasEventPublisher events,
			ObjectProvider<Clock> clock) {
		return new AdmissionControl(policies.orderedStream().toList(), events, clock.getIfAvailable(Clock::systemUTC));
	}

}
