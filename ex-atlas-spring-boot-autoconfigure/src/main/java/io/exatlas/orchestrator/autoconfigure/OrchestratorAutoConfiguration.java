package io.exatlas.orchestrator.autoconfigure;

import java.time.Clock;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.InMemorySessionRegistry;
import io.exatlas.orchestrator.Reaper;
import io.exatlas.orchestrator.ReaperLock;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.orchestrator.SessionServices;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.placement.autoconfigure.PlacementAutoConfiguration;
import io.exatlas.readiness.ReactiveReadiness;
import io.exatlas.spend.SpendAccounting;
import io.exatlas.readiness.autoconfigure.ReadinessAutoConfiguration;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/**
 * The compute session orchestrator and its reaper; opt in with {@code exatlas.orchestrator.enabled=true}.
 */
@AutoConfiguration(after = { ExAtlasAutoConfiguration.class, PlacementAutoConfiguration.class,
		ReadinessAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "exatlas.orchestrator.enabled")
@EnableConfigurationProperties(OrchestratorProperties.class)
public final class OrchestratorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(OrchestratorAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(SessionRegistry.class)
	InMemorySessionRegistry exAtlasSessionRegistry(OrchestratorProperties properties) {
		if (properties.getRegistry() == OrchestratorProperties.RegistryType.REDIS) {
			throw new InvalidConfigurationException("exatlas.orchestrator.registry",
					"'redis' needs Spring Data Redis on the class path and a Redis connection; the library refuses "
							+ "to fall back to a registry local to this instance",
					"Add spring-boot-starter-data-redis and configure spring.data.redis.*, or set "
							+ "exatlas.orchestrator.registry=memory.");
		}
		return new InMemorySessionRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	ComputeOrchestrator computeOrchestrator(ReactiveExAtlas exatlas, SessionRegistry registry,
			ExAtlasEventPublisher events, ObjectProvider<Clock> clock, OrchestratorProperties properties,
			ExAtlasProperties core, Environment environment, ObjectProvider<ReactiveComputePlacement> placement,
			ObjectProvider<ReactiveReadiness> readiness, ObjectProvider<AdmissionControl> admission,
			ObjectProvider<ObservationRegistry> observations, ObjectProvider<SpendAccounting> spend) {
		String budget = ShutdownBudget.note(properties.getShutdownTimeout(), core.getHttp().toSettings(""));
		if (budget != null) {
			logger.info(budget);
		}
		return new ComputeOrchestrator(exatlas, registry, events, clock.getIfAvailable(Clock::systemUTC),
				Schedulers.parallel(), properties.toSettings(properties.resolveInstanceId(environment)),
				properties.toMembershipSettings(), new SessionServices(placement.getIfAvailable(),
						readiness.getIfAvailable(), admission.getIfAvailable(() -> AdmissionControl.NONE),
						observations.getIfAvailable(() -> ObservationRegistry.NOOP))
					.withSpend(spend.getIfAvailable()));
	}

	@Bean
	@ConditionalOnMissingBean(name = "computeOrchestratorStreamCloser")
	ApplicationListener<ContextClosedEvent> computeOrchestratorStreamCloser(ComputeOrchestrator orchestrator,
			ApplicationContext context) {
		return (event) -> {
			if (event.getApplicationContext() == context) {
				orchestrator.completeEventStreams();
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "exatlas.orchestrator.reaper.enabled", matchIfMissing = true)
	Reaper exAtlasReaper(ReactiveExAtlas exatlas, ComputeProviders providers, SessionRegistry registry,
			ExAtlasEventPublisher events, ObjectProvider<Clock> clock, OrchestratorProperties properties,
			ObjectProvider<ReaperLock> lock, Environment environment, ObjectProvider<ComputeOrchestrator> orchestrator) {
		Reaper reaper = new Reaper(exatlas, providers, registry, properties.getReaper().toSettings(), events,
				clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(), lock.getIfAvailable(ReaperLock::local),
				properties.resolveInstanceId(environment));
		reaper.onTrackedListed((compute) -> orchestrator.ifAvailable((sessions) -> sessions.observed(compute)));
		return reaper;
	}

}
