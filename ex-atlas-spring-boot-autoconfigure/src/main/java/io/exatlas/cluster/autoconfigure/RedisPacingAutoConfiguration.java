package io.exatlas.cluster.autoconfigure;

import io.exatlas.cluster.RedisPacingPermits;
import io.exatlas.pacing.PacingPermits;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Pacing limits shared by every instance ({@code exatlas.pacing.store=redis}): Bucket4j buckets in Redis on the
 * application's Lettuce client.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ LettuceConnectionFactory.class, Bucket4jLettuce.class })
@ConditionalOnProperty(name = "exatlas.pacing.store", havingValue = "redis")
@ConditionalOnBean(LettuceConnectionFactory.class)
@EnableConfigurationProperties(ExAtlasRedisProperties.class)
public final class RedisPacingAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(PacingPermits.class)
	RedisPacingPermits exAtlasRedisPacingPermits(LettuceConnectionFactory connections,
			ExAtlasRedisProperties properties) {
		return new RedisPacingPermits(connections.getRequiredNativeClient(), properties.getKeyPrefix());
	}

}
