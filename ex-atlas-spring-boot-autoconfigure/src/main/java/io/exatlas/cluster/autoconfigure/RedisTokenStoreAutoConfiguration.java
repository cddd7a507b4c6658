package io.exatlas.cluster.autoconfigure;

import java.time.Clock;

import io.exatlas.cluster.RedisChannelSubscriptions;
import io.exatlas.cluster.RedisTokenInvalidations;
import io.exatlas.cluster.RedisTokenStore;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Fly token store shared by every instance ({@code exatlas.fly.tokens.store=redis}), with a cross-instance
 * invalidation announcement ({@code exatlas.redis.token-invalidation}, on by default).
 */
@AutoConfiguration(
		after = { ExAtlasAutoConfiguration.class, DataRedisAutoConfiguration.class,
				ExAtlasRedisChannelsAutoConfiguration.class },
		before = FlyTokensAutoConfiguration.class)
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnProperty(name = "exatlas.fly.tokens.store", havingValue = "redis")
@ConditionalOnBean(StringRedisTemplate.class)
@EnableConfigurationProperties(ExAtlasRedisProperties.class)
public final class RedisTokenStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TokenStore.class)
	RedisTokenStore flyRedisTokenStore(StringRedisTemplate redis, ExAtlasRedisProperties properties,
			ObjectProvider<Clock> clock) {
		return new RedisTokenStore(redis, properties.getKeyPrefix(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RedisTokenStore.class)
	@ConditionalOnBooleanProperty(name = "exatlas.redis.token-invalidation", matchIfMissing = true)
	RedisTokenInvalidations flyRedisTokenInvalidations(RedisTokenStore store, ObjectProvider<FlyTokens> tokens,
			RedisChannelSubscriptions subscriptions) {
		RedisTokenInvalidations invalidations = new RedisTokenInvalidations(store, tokens::getIfAvailable);
		subscriptions.subscribe(invalidations, store.invalidationChannel());
		return invalidations;
	}

}
