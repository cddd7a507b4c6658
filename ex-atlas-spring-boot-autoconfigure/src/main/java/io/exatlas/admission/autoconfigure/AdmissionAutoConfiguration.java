package io.exatlas.admission.autoconfigure;

import java.time.Clock;
import java.util.Objects;

import io.exatlas.admission.AdmissionControl;
import io.exatlas.admission.MaxPricePerGpuHourPolicy;
import io.exatlas.admission.MaxSessionsPerUserPolicy;
import io.exatlas.admission.SpawnPolicy;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.orchestrator.SessionRegistry;

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
	@ConditionalOnMissingBean
	AdmissionControl exAtlasAdmissionControl(ObjectProvider<SpawnPolicy> policies, ExAtlasEventPublisher events,
			ObjectProvider<Clock> clock) {
		return new AdmissionControl(policies.orderedStream().toList(), events, clock.getIfAvailable(Clock::systemUTC));
	}

}
