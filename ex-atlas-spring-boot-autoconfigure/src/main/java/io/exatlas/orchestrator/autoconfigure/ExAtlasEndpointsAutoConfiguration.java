package io.exatlas.orchestrator.autoconfigure;

import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.actuate.FlyTokensEndpoint;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * ExAtlas's actuator endpoints, when Spring Boot Actuator is on the classpath and the endpoints are exposed.
 */
@AutoConfiguration(after = { FlyTokensAutoConfiguration.class, OrchestratorAutoConfiguration.class })
@ConditionalOnClass(Endpoint.class)
public final class ExAtlasEndpointsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ComputeOrchestrator.class)
	@ConditionalOnAvailableEndpoint
	ComputeSessionsEndpoint computeSessionsEndpoint(ComputeOrchestrator orchestrator, ReactiveExAtlas exatlas) {
		return new ComputeSessionsEndpoint(orchestrator, exatlas);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FlyTokens.class)
	@ConditionalOnAvailableEndpoint
	FlyTokensEndpoint flyTokensEndpoint(FlyTokens tokens) {
		return new FlyTokensEndpoint(tokens);
	}

}
