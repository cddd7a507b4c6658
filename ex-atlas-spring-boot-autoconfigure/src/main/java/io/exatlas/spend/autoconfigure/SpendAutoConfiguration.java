package io.exatlas.spend.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.exatlas.compute.ProviderDescriptor;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.metrics.SpendMeters;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.spend.InMemorySpendLedger;
import io.exatlas.spend.LiveSpend;
import io.exatlas.spend.SpendAccounting;
import io.exatlas.spend.SpendLedger;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spend accounting: the ledger (in memory unless a shared one is configured, e.g. by
 * {@code exatlas.orchestrator.registry=redis}), the accounting over the session registry, and its meters.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class,
		afterName = "io.exatlas.cluster.autoconfigure.RedisSessionRegistryAutoConfiguration",
		beforeName = { "io.exatlas.admission.autoconfigure.AdmissionAutoConfiguration",
				"io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "exatlas.spend.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SpendProperties.class)
public final class SpendAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpendLedger exAtlasSpendLedger(SpendProperties properties) {
		return new InMemorySpendLedger(properties.retentionDays());
	}

	@Bean
	@ConditionalOnMissingBean
	SpendAccounting exAtlasSpendAccounting(SpendLedger ledger, ObjectProvider<SessionRegistry> registry,
			ObjectProvider<Clock> clock, SpendProperties properties) {
		LiveSpend live = () -> {
			SessionRegistry sessions = registry.getIfAvailable();
			return (sessions != null) ? sessions.spending() : List.of();
		};
		return new SpendAccounting(ledger, live, properties.getZone(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = "exatlas.metrics.enabled", matchIfMissing = true)
	static class SpendMetersConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SpendMeters exAtlasSpendMeters(SpendAccounting accounting, ReactiveExAtlas exatlas) {
			return new SpendMeters(accounting.owned(),
					exatlas.providers().stream().map(ProviderDescriptor::id).toList());
		}

	}

}
