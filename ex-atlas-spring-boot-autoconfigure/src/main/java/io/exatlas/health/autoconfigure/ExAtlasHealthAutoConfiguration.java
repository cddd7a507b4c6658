package io.exatlas.health.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.exatlas.cluster.actuate.RedisSessionsHealthIndicator;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.actuate.ProviderCallOutcomes;
import io.exatlas.compute.actuate.ProviderHealthIndicator;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.fly.tokens.actuate.FlyTokenChainHealthIndicator;
import io.exatlas.fly.tokens.actuate.FlyTokenStoreHealthIndicator;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.orchestrator.autoconfigure.OrchestratorProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The starter's health: one contributor named {@code exatlas} ({@code /actuator/health/exatlas}) whose parts are
 * {@code providers} (one per registered provider, from cached state and the application's own calls),
 * {@code flyTokenStore} and {@code flyTokenChain} (when Fly tokens are configured) and {@code redis} (with the
 * shared session registry). Switch it off with {@code management.health.exatlas.enabled=false}.
 */
@AutoConfiguration(after = { ExAtlasAutoConfiguration.class, FlyTokensAutoConfiguration.class,
		OrchestratorAutoConfiguration.class },
		afterName = "io.exatlas.cluster.autoconfigure.RedisSessionRegistryAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("exatlas")
@EnableConfigurationProperties(ExAtlasHealthProperties.class)
public final class ExAtlasHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProviderCallOutcomes exAtlasProviderCallOutcomes() {
		return new ProviderCallOutcomes();
	}

	@Bean
	@ConditionalOnMissingBean(name = "exatlasHealthContributor")
	CompositeHealthContributor exatlasHealthContributor(ObjectProvider<ComputeProviders> providers,
			ProviderCallOutcomes outcomes, ObjectProvider<TokenStore> store, ObjectProvider<FlyTokens> tokens,
			ObjectProvider<SessionRegistry> registry, ObjectProvider<OrchestratorProperties> orchestrator,
			ObjectProvider<Clock> clock, ExAtlasHealthProperties properties, Environment environment) {
		Map<String, HealthContributor> parts = new LinkedHashMap<>();
		ComputeProviders registered = providers.getIfAvailable();
		if (registered != null) {
			Map<String, HealthIndicator> each = new LinkedHashMap<>();
			for (ComputeProvider provider : registered.all()) {
				each.put(provider.id(),
						new ProviderHealthIndicator(provider, outcomes,
								Objects.equals(provider.id(), registered.defaultProvider()),
								clock.getIfAvailable(Clock::systemUTC), properties.getConfiguredRecheck()));
			}
			parts.put("providers", CompositeHealthContributor.fromMap(each));
		}
		store.ifAvailable((tokenStore) -> parts.put("flyTokenStore", new FlyTokenStoreHealthIndicator(tokenStore)));
		tokens.ifAvailable((fly) -> parts.put("flyTokenChain", new FlyTokenChainHealthIndicator(fly.statistics())));
		SessionRegistry sessions = registry.getIfAvailable();
		OrchestratorProperties settings = orchestrator.getIfAvailable();
		if (sessions != null && sessions.isShared() && settings != null) {
			parts.put("redis", new RedisSessionsHealthIndicator(sessions, settings.resolveInstanceId(environment)));
		}
		return CompositeHealthContributor.fromMap(parts);
	}

}
