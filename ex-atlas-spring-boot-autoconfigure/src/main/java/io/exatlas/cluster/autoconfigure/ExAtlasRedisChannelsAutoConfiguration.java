package io.exatlas.cluster.autoconfigure;

import io.exatlas.cluster.RedisChannelSubscriptions;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The library's own Redis pub/sub subscriptions (one dispatch thread, so relayed messages keep their order), shared by
 * the token invalidations and the session event relay; only when one of them is switched on. The application's own
 * {@code RedisMessageListenerContainer} is never used or replaced.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass(StringRedisTemplate.class)
public final class ExAtlasRedisChannelsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(RedisConnectionFactory.class)
	@ConditionalOnExpression("'${exatlas.fly.tokens.store:file}'.equalsIgnoreCase('redis') "
			+ "or '${exatlas.redis.relay-events:false}'.equalsIgnoreCase('true')")
	RedisChannelSubscriptions exAtlasRedisChannelSubscriptions(RedisConnectionFactory connectionFactory) {
		return new RedisChannelSubscriptions(connectionFactory);
	}

}
