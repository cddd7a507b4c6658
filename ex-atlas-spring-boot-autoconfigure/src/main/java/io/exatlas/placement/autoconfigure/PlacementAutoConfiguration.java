package io.exatlas.placement.autoconfigure;

import java.time.Clock;

import io.exatlas.admission.AdmissionControl;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.facade.IdempotentSpawns;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.placement.ComputePlacement;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.OfferOrder;
import io.exatlas.placement.ReactiveComputePlacement;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Placement over every registered provider ({@code exatlas.placement.*}, on by default; nothing is fetched until
 * the first plan): the offer cache, the offer order ({@link OfferOrder#cheapestFirst()} unless the application
 * declares one) and the blocking and reactive placement services.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "exatlas.placement.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PlacementProperties.class)
public final class PlacementAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OfferCache exAtlasOfferCache(PlacementProperties properties, ObjectProvider<Clock> clock) {
		// Caffeine's maintenance and background refreshes run on the common pool; a refresh's fetch is non-blocking.
		return new OfferCache(properties.toSettings(), clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(),
				java.util.concurrent.ForkJoinPool.commonPool());
	}

	@Bean
	@ConditionalOnMissingBean
	OfferOrder exAtlasOfferOrder() {
		return OfferOrder.cheapestFirst();
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveComputePlacement reactiveComputePlacement(ReactiveExAtlas exatlas, ComputeProviders providers,
			OfferCache cache, OfferOrder order, ExAtlasEventPublisher events, ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observations, IdempotentSpawns idempotent,
			ObjectProvider<AdmissionControl> admission) {
		return new ReactiveComputePlacement(exatlas, providers, cache, order, events,
				clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), idempotent,
				admission.getIfAvailable(() -> AdmissionControl.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	ComputePlacement computePlacement(ReactiveComputePlacement reactive) {
		return new ComputePlacement(reactive);
	}

}
