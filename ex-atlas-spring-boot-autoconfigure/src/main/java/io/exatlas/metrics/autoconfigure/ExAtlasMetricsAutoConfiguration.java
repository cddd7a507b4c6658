package io.exatlas.metrics.autoconfigure;

import java.util.Map;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.observation.DefaultComputeOperationObservationConvention;
import io.exatlas.fly.FlyObservationDocumentation;
import io.exatlas.placement.PlacementObservationDocumentation;
import io.exatlas.orchestrator.SessionObservationDocumentation;
import io.exatlas.readiness.ReadinessObservationDocumentation;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.metrics.ExAtlasMeters;
import io.exatlas.metrics.FlyTokenMeters;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters from the library's events (Spring Boot binds every {@link MeterBinder} bean to its registry),
 * plus the gauge of tracked orchestrator sessions. Only when Micrometer is on the classpath.
 */
@AutoConfiguration(after = { ExAtlasAutoConfiguration.class, OrchestratorAutoConfiguration.class,
		FlyTokensAutoConfiguration.class })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "exatlas.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ExAtlasMetricsProperties.class)
public final class ExAtlasMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ExAtlasMeters exAtlasMeters(ExAtlasMetricsProperties properties) {
		return new ExAtlasMeters(properties.isIncludeAppTag());
	}

	/**
	 * Describes the meters Micrometer derives from the library's observations (observation meters carry no
	 * description, and Prometheus expects help text).
	 * @return the filter
	 */
	@Bean
	@ConditionalOnMissingBean(name = "exAtlasObservationMeterDescriptions")
	MeterFilter exAtlasObservationMeterDescriptions() {
		Map<String, String> descriptions = Map.of(DefaultComputeOperationObservationConvention.NAME,
				"Compute operations through the ExAtlas facade", FlyObservationDocumentation.DEPLOY.getName(),
				"Streamed Fly deploys", FlyObservationDocumentation.TOKEN_RESOLUTION.getName(),
				"Fly tokens resolved by the chain (cache misses)", PlacementObservationDocumentation.PLACEMENT.getName(),
				"Placements, from the first plan to the resource or the final error (the time to placement)",
				PlacementObservationDocumentation.PLACEMENT_ATTEMPT.getName(),
				"Placement attempts: one create on one offer",
				ReadinessObservationDocumentation.READINESS.getName(),
				"Readiness probes: time from the spawn's answer to ready, by provider and GPU",
				ReadinessObservationDocumentation.READINESS_STEP.getName(), "Readiness probe steps",
				SessionObservationDocumentation.SESSION_SPAWN.getName(),
				"Session spawns through the orchestrator, from the spawn policies to tracked (and ready)");
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				boolean active = id.getName().endsWith(".active");
				String name = active ? id.getName().substring(0, id.getName().length() - ".active".length())
						: id.getName();
				String description = descriptions.get(name);
				if (id.getDescription() != null || description == null) {
					return id;
				}
				return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(),
						active ? description + ", in progress" : description, id.getType());
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FlyTokens.class)
	FlyTokenMeters exAtlasFlyTokenMeters(FlyTokens tokens, ExAtlasMetricsProperties properties) {
		return new FlyTokenMeters(tokens.statistics(), properties.isIncludeAppTag());
	}

	@Bean
	@ConditionalOnMissingBean(name = "exAtlasOrchestratorSessionsGauge")
	@ConditionalOnBean(ComputeOrchestrator.class)
	MeterBinder exAtlasOrchestratorSessionsGauge(ComputeOrchestrator orchestrator) {
		return (registry) -> Gauge.builder("exatlas.orchestrator.sessions.active", orchestrator,
				ComputeOrchestrator::trackedCount)
			.description("Sessions the orchestrator tracks")
			.register(registry);
	}

}
