package io.exatlas.orchestrator.autoconfigure;

import java.time.Clock;

import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpointWebExtension;
import io.exatlas.spend.SpendAccounting;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code computesessions} actuator endpoint, when Spring Boot Actuator is on the class path, the orchestrator is
 * enabled and the endpoint is available (exposed and not disabled). The endpoint condition sits on the bean method:
 * Spring instantiates every condition of a class before evaluating any, so a class-level one would fail without
 * Actuator.
 */
@AutoConfiguration(after = OrchestratorAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public final class ComputeSessionsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean(ComputeOrchestrator.class)
	ComputeSessionsEndpoint computeSessionsEndpoint(ComputeOrchestrator orchestrator, ReactiveExAtlas exatlas,
			ObjectProvider<SpendAccounting> spend, ObjectProvider<Clock> clock) {
		return new ComputeSessionsEndpoint(orchestrator, exatlas, spend.getIfAvailable(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ComputeSessionsEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	ComputeSessionsEndpointWebExtension computeSessionsEndpointWebExtension(ComputeSessionsEndpoint endpoint) {
		return new ComputeSessionsEndpointWebExtension(endpoint);
	}

}
