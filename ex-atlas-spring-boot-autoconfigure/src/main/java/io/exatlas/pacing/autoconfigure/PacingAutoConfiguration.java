package io.exatlas.pacing.autoconfigure;

import java.time.Clock;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.pacing.LocalPacingPermits;
import io.exatlas.pacing.Pacer;
import io.exatlas.pacing.PacingPermits;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link Pacer} every provider client waits on ({@code exatlas.pacing.*}); before the core configuration, whose
 * HTTP client factory takes it. Its permits are local unless a {@link PacingPermits} bean shares them (the Redis one
 * with {@code exatlas.pacing.store=redis}).
 */
@AutoConfiguration(before = ExAtlasAutoConfiguration.class,
		afterName = "io.exatlas.cluster.autoconfigure.RedisPacingAutoConfiguration")
@EnableConfigurationProperties(PacingProperties.class)
public final class PacingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Pacer exAtlasPacer(PacingProperties properties, ObjectProvider<Clock> clock, ObjectProvider<PacingPermits> permits) {
		PacingPermits shared = permits.getIfAvailable();
		if (shared == null && properties.getStore() == PacingProperties.Store.REDIS) {
			throw new InvalidConfigurationException("exatlas.pacing.store",
					"'redis' needs Spring Data Redis with Lettuce, a Redis connection and Bucket4j "
							+ "(com.bucket4j:bucket4j_jdk17-lettuce) on the class path; the library refuses to fall back "
							+ "to limits counted by each instance",
					"Add spring-boot-starter-data-redis and com.bucket4j:bucket4j_jdk17-lettuce and configure "
							+ "spring.data.redis.*, or set exatlas.pacing.store=memory.");
		}
		return new Pacer(properties.toSettings(), clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(),
				(shared != null) ? shared : new LocalPacingPermits());
	}

}
