package io.exatlas.fly.tokens.autoconfigure;

import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.actuate.FlyTokensEndpoint;
import io.exatlas.fly.tokens.actuate.FlyTokensEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code flytokens} actuator endpoint, when Spring Boot Actuator is on the class path, the token chain is
 * configured and the endpoint is available (exposed and not disabled). The endpoint condition sits on the bean
 * method: Spring instantiates every condition of a class before evaluating any, so a class-level one would fail
 * without Actuator.
 */
@AutoConfiguration(after = FlyTokensAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public final class FlyTokensEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean(FlyTokens.class)
	FlyTokensEndpoint flyTokensEndpoint(FlyTokens tokens) {
		return new FlyTokensEndpoint(tokens);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FlyTokensEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	FlyTokensEndpointWebExtension flyTokensEndpointWebExtension(FlyTokensEndpoint endpoint) {
		return new FlyTokensEndpointWebExtension(endpoint);
	}

}
