package io.exatlas.placement.autoconfigure;

import io.exatlas.pacing.Pacer;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.actuate.PlacementEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code placement} actuator endpoint, when Spring Boot Actuator is on the class path, placement is configured
 * and the endpoint is available. The endpoint condition sits on the bean method: a class-level one would fail
 * without Actuator.
 */
@AutoConfiguration(after = PlacementAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public final class PlacementEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean(OfferCache.class)
	PlacementEndpoint placementEndpoint(OfferCache cache, ObjectProvider<Pacer> pacer) {
		return new PlacementEndpoint(cache, pacer.getIfAvailable());
	}

}
