package io.exatlas.cluster.autoconfigure;

import java.time.Clock;

import io.exatlas.cluster.RedisChannelSubscriptions;
import io.exatlas.cluster.RedisComputeEventRelay;
import io.exatlas.cluster.RedisReaperLock;
import io.exatlas.cluster.RedisSessionRegistry;
import io.exatlas.cluster.RedisSpendLedger;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.orchestrator.ReaperLock;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.orchestrator.autoconfigure.OrchestratorProperties;
import io.exatlas.spend.SpendLedger;
import io.exatlas.spend.autoconfigure.SpendProperties;

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
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The cluster-wide session registry ({@code exatlas.orchestrator.registry=redis}) and spend ledger, the reaper lease that lets one
 * instance per interval reap, and the relay of session events to the other instances
 * ({@code exatlas.redis.relay-events}).
 */
@AutoConfiguration(
		after = { ExAtlasAutoConfiguration.class, DataRedisAutoConfiguration.class,
				ExAtlasRedisChannelsAutoConfiguration.class },
		before = OrchestratorAutoConfiguration.class)
@ConditionalOnClass(StringRedisTemplate.class)
@ConditionalOnBooleanProperty(name = "exatlas.orchestrator.enabled")
@ConditionalOnProperty(name = "exatlas.orchestrator.registry", havingValue = "redis")
@ConditionalOnBean(StringRedisTemplate.class)
@EnableConfigurationProperties({ ExAtlasRedisProperties.class, OrchestratorProperties.class, SpendProperties.class })
public final class RedisSessionRegistryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SessionRegistry.class)
	RedisSessionRegistry exAtlasRedisSessionRegistry(StringRedisTemplate redis, ExAtlasRedisProperties properties) {
		return new RedisSessionRegistry(redis, properties.getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean(SpendLedger.class)
	@ConditionalOnBooleanProperty(name = "exatlas.spend.enabled", matchIfMissing = true)
	RedisSpendLedger exAtlasRedisSpendLedger(StringRedisTemplate redis, ExAtlasRedisProperties properties,
			SpendProperties spend) {
		return new RedisSpendLedger(redis, properties.getKeyPrefix(), spend.getRetention());
	}

	@Bean
	@ConditionalOnMissingBean(ReaperLock.class)
	RedisReaperLock exAtlasRedisReaperLock(StringRedisTemplate redis, ExAtlasRedisProperties properties) {
		return new RedisReaperLock(redis, properties.getKeyPrefix());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "exatlas.redis.relay-events")
	RedisComputeEventRelay exAtlasRedisComputeEventRelay(StringRedisTemplate redis, ExAtlasRedisProperties properties,
			OrchestratorProperties orchestrator, Environment environment, ExAtlasEventPublisher events,
			ObjectProvider<Clock> clock, RedisChannelSubscriptions subscriptions) {
		RedisComputeEventRelay relay = new RedisComputeEventRelay(redis, properties.getKeyPrefix(),
				orchestrator.resolveInstanceId(environment), events, clock.getIfAvailable(Clock::systemUTC));
		subscriptions.subscribe(relay, relay.channel());
		return relay;
	}

}
