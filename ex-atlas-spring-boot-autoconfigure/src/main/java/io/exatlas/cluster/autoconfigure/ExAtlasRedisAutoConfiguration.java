package io.exatlas.cluster.autoconfigure;

import java.time.Clock;

import io.exatlas.cluster.RedisChannelSubscriptions;
import io.exatlas.cluster.RedisComputeEventRelay;
import io.exatlas.cluster.RedisReaperLock;
import io.exatlas.cluster.RedisSessionRegistry;
import io.exatlas.cluster.RedisTokenInvalidations;
import io.exatlas.cluster.RedisTokenStore;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.orchestrator.ReaperLock;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.orchestrator.autoconfigure.OrchestratorProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Multi-instance deployments on Redis, each part opted into separately and active only with Spring Data Redis on
 * the class path: the shared Fly token store ({@code exatlas.fly.tokens.store=redis}) with cross-instance
 * invalidation, and the cluster-wide session registry with the reaper lease
 * ({@code exatlas.orchestrator.registry=redis}) and, optionally, the compute event relay
 * ({@code exatlas.redis.relay-events=true}). Runs before the token and orchestrator auto-configurations so that their
 * in-memory and file defaults back off.
 */
@AutoConfiguration(after = { ExAtlasAutoConfiguration.class, DataRedisAutoConfiguration.class },
		before = { FlyTokensAutoConfiguration.class, OrchestratorAutoConfiguration.class })
@ConditionalOnClass(StringRedisTemplate.class)
@EnableConfigurationProperties({ ExAtlasRedisProperties.class, OrchestratorProperties.class })
public final class ExAtlasRedisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RedisChannelSubscriptions.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	@ConditionalOnExpression("'${exatlas.fly.tokens.store:file}'.equalsIgnoreCase('redis') "
			+ "or '${exatlas.redis.relay-events:false}'.equalsIgnoreCase('true')")
	RedisChannelSubscriptions exAtlasRedisChannelSubscriptions(RedisConnectionFactory connectionFactory) {
		return new RedisChannelSubscriptions(connectionFactory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "exatlas.fly.tokens.store", havingValue = "redis")
	@ConditionalOnBean(StringRedisTemplate.class)
	static class TokenStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(TokenStore.class)
		RedisTokenStore flyRedisTokenStore(StringRedisTemplate redis, ExAtlasRedisProperties properties,
				ObjectProvider<Clock> clock) {
			return new RedisTokenStore(redis, properties.getKeyPrefix(), clock.getIfAvailable(Clock::systemUTC));
		}

		@Bean
		@ConditionalOnBean(RedisTokenStore.class)
		@ConditionalOnBooleanProperty(name = "exatlas.redis.token-invalidation", matchIfMissing = true)
		RedisTokenInvalidations flyRedisTokenInvalidations(RedisTokenStore store, ObjectProvider<FlyTokens> tokens,
				RedisChannelSubscriptions subscriptions) {
			RedisTokenInvalidations invalidations = new RedisTokenInvalidations(store, tokens::getIfAvailable);
			subscriptions.subscribe(invalidations, store.invalidationChannel());
			return invalidations;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "exatlas.orchestrator.enabled")
	@ConditionalOnProperty(name = "exatlas.orchestrator.registry", havingValue = "redis")
	@ConditionalOnBean(StringRedisTemplate.class)
	static class SessionRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean(SessionRegistry.class)
		RedisSessionRegistry exAtlasRedisSessionRegistry(StringRedisTemplate redis,
				ExAtlasRedisProperties properties) {
			return new RedisSessionRegistry(redis, properties.getKeyPrefix());
		}

		@Bean
		@ConditionalOnMissingBean(ReaperLock.class)
		RedisReaperLock exAtlasRedisReaperLock(StringRedisTemplate redis, ExAtlasRedisProperties properties) {
			return new RedisReaperLock(redis, properties.getKeyPrefix());
		}

		@Bean
		@ConditionalOnBooleanProperty(name = "exatlas.redis.relay-events")
		RedisComputeEventRelay exAtlasRedisComputeEventRelay(StringRedisTemplate redis,
				ExAtlasRedisProperties properties, OrchestratorProperties orchestrator, Environment environment,
				ExAtlasEventPublisher events, ObjectProvider<Clock> clock,
				RedisChannelSubscriptions subscriptions) {
			RedisComputeEventRelay relay = new RedisComputeEventRelay(redis, properties.getKeyPrefix(),
					OrchestratorAutoConfiguration.instanceId(orchestrator, environment), events,
					clock.getIfAvailable(Clock::systemUTC));
			subscriptions.subscribe(relay, relay.channel());
			return relay;
		}

	}

}
