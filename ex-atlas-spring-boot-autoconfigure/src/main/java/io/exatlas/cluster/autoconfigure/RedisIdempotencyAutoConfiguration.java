package io.exatlas.cluster.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import io.exatlas.cluster.RedisIdempotentSpawns;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.compute.facade.IdempotentSpawns;
import io.exatlas.orchestrator.autoconfigure.OrchestratorProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Idempotency keys honoured across instances: the outcome of a keyed spawn is shared through Redis
 * ({@code exatlas.redis.idempotency}, on by default with {@code exatlas.orchestrator.registry=redis}).
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class, before = ExAtlasAutoConfiguration.class)
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBean(StringRedisTemplate.class)
@ConditionalOnExpression("'${exatlas.redis.idempotency:}'.equalsIgnoreCase('true') "
		+ "or ('${exatlas.redis.idempotency:}'.isEmpty() "
		+ "and '${exatlas.orchestrator.registry:memory}'.equalsIgnoreCase('redis'))")
@EnableConfigurationProperties({ ExAtlasRedisProperties.class, ExAtlasProperties.class, OrchestratorProperties.class })
public final class RedisIdempotencyAutoConfiguration {

	/** How often a call waiting for another instance's spawn reads the key's record. */
	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	@Bean
	@ConditionalOnMissingBean(IdempotentSpawns.class)
	RedisIdempotentSpawns exAtlasRedisIdempotentSpawns(StringRedisTemplate redis, ExAtlasRedisProperties properties,
			ExAtlasProperties exatlas, OrchestratorProperties orchestrator, Environment environment,
			ObjectProvider<Clock> clock) {
		return new RedisIdempotentSpawns(redis, properties.getKeyPrefix(), orchestrator.resolveInstanceId(environment),
				exatlas.getCompute().getIdempotencyWindow(), properties.getIdempotencyWait(), POLL_INTERVAL,
				clock.getIfAvailable(Clock::systemUTC));
	}

}
