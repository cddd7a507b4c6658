package io.exatlas.fly.deploy.autoconfigure;

import java.time.Clock;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.autoconfigure.FlyProperties;
import io.exatlas.fly.deploy.FlyDeployer;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Streamed Fly.io deploys with the {@code fly} CLI ({@code exatlas.fly.deploy.*}); independent of the token chain.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@EnableConfigurationProperties(FlyProperties.class)
public final class FlyDeployAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlyDeployer flyDeployer(FlyProperties properties, ExAtlasEventPublisher events, ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observations) {
		FlyProperties.Deploy deploy = properties.getDeploy();
		return new FlyDeployer(properties.getCli(), deploy.getTimeout(), deploy.getActivityTimeout(),
				deploy.getMaxDuration(), events, clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

}
